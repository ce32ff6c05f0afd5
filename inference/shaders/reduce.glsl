// Workgroup-wide sum and maximum for kernels that reduce one row per workgroup.
// Needs: WG_SIZE defined as the workgroup size (a power of two), and the macro USE_SUBGROUPS
// set by the build (1: subgroup arithmetic, 0: shared-memory tree).
// Works for any subgroup size that divides WG_SIZE (8 on lavapipe, 32, 64, ...) and for
// devices whose subgroups vary in size: gl_NumSubgroups says how many partial results exist.
// Every invocation of the workgroup must call these (they contain barriers).

shared float reduce_scratch[WG_SIZE];

#if USE_SUBGROUPS
#define HEARTH_REDUCE(NAME, SUBGROUP_OP, COMBINE)                                              \
    float NAME(float v) {                                                                      \
        v = SUBGROUP_OP(v);                                                                    \
        if (subgroupElect()) {                                                                 \
            reduce_scratch[gl_SubgroupID] = v;                                                 \
        }                                                                                      \
        barrier();                                                                             \
        float total = reduce_scratch[0];                                                       \
        for (uint i = 1; i < gl_NumSubgroups; ++i) {                                           \
            total = COMBINE(total, reduce_scratch[i]);                                         \
        }                                                                                      \
        barrier();                                                                             \
        return total;                                                                          \
    }
#else
#define HEARTH_REDUCE(NAME, SUBGROUP_OP, COMBINE)                                              \
    float NAME(float v) {                                                                      \
        uint lid = gl_LocalInvocationID.x;                                                     \
        reduce_scratch[lid] = v;                                                               \
        barrier();                                                                             \
        for (uint stride = WG_SIZE / 2; stride > 0; stride >>= 1) {                            \
            if (lid < stride) {                                                                \
                reduce_scratch[lid] = COMBINE(reduce_scratch[lid], reduce_scratch[lid + stride]); \
            }                                                                                  \
            barrier();                                                                         \
        }                                                                                      \
        float total = reduce_scratch[0];                                                       \
        barrier();                                                                             \
        return total;                                                                          \
    }
#endif

#define HEARTH_ADD(a, b) ((a) + (b))
HEARTH_REDUCE(workgroup_sum, subgroupAdd, HEARTH_ADD)
HEARTH_REDUCE(workgroup_max, subgroupMax, max)
