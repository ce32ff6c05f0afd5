// Workgroup-wide sum for kernels that reduce one row per workgroup.
// Needs: WG_SIZE defined as the workgroup size (a power of two), and the macro USE_SUBGROUPS set by the build (1: subgroup arithmetic, 0: shared-memory tree).
// Works for any subgroup size that divides WG_SIZE (8 on lavapipe, 32, 64, ...).

shared float reduce_scratch[WG_SIZE];

float workgroup_sum(float v) {
#if USE_SUBGROUPS
    v = subgroupAdd(v);
    if (subgroupElect()) {
        reduce_scratch[gl_SubgroupID] = v;
    }
    barrier();
    float total = 0.0;
    for (uint i = 0; i < gl_NumSubgroups; ++i) {
        total += reduce_scratch[i];
    }
    barrier();
    return total;
#else
    uint lid = gl_LocalInvocationID.x;
    reduce_scratch[lid] = v;
    barrier();
    for (uint stride = WG_SIZE / 2; stride > 0; stride >>= 1) {
        if (lid < stride) {
            reduce_scratch[lid] += reduce_scratch[lid + stride];
        }
        barrier();
    }
    float total = reduce_scratch[0];
    barrier();
    return total;
#endif
}
