#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#if USE_SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

// Matrix x vector with inline dequantization: y[v] = W x[v] for the n vectors of a batch.
// A workgroup owns ROWS consecutive rows and VECTORS consecutive vectors (workgroup z); with
// VECTORS > 1 each unit of a row is decoded once for all of them, so a prefill batch reads
// the weights n / VECTORS times instead of n times. Bias add and the residual add are fused
// into the store (flags). Shapes: see MatvecPush. Three ways to share out the work:
//
// - Subgroup rows (GPUs with subgroup arithmetic): each subgroup takes whole rows, its lanes
//   stride over the row's 32-element units, one subgroupAdd reduces. No barriers; any
//   subgroup size works, including partial subgroups.
// - Workgroup rows (the "_shmem" variant): the whole workgroup takes one row at a time and
//   reduces in shared memory.
// - Invocation rows (ROW_PER_INVOCATION, for CPU devices such as lavapipe): each invocation
//   computes whole rows alone. Neighbouring lanes of the CPU's SIMD registers then read the
//   same x, which the driver loads once for all, and nothing needs reducing. (On a GPU this
//   would read memory in a badly coalesced pattern.)

#include "shader_interface.h"

// Specialization constants: 0 workgroup size, 1 weight type (HEARTH_TYPE_*), 2 rows per
// workgroup, 3 vectors per workgroup (at most 8), 4 one row per invocation.
layout(local_size_x = 64, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_F32;
layout(constant_id = 2) const uint ROWS = 1;
layout(constant_id = 3) const uint VECTORS = 1;
layout(constant_id = 4) const bool ROW_PER_INVOCATION = false;
#define WG_SIZE gl_WorkGroupSize.x
#define MAX_VECTORS 8

layout(push_constant) uniform PushBlock { MatvecPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XBuf { vec4 x4[]; }; // x_offset, x_stride % 4 == 0
layout(std430, binding = 2) buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; };

#define HEARTH_DEQUANT_DOT
#include "dequant.glsl"
#include "reduce.glsl"

// Partial dot products of `row` with vectors v0 .. v0 + nv - 1 over the units this
// invocation visits (lane, lane + lanes, ...). One vector: values are consumed as decoded.
// Several: a unit is decoded once, then dotted with each vector in a loop (not unrolled:
// 8 x 32 unrolled products take lavapipe's compiler seconds per pipeline).
void partial_dots(uint row, uint v0, uint nv, uint lane, uint lanes, inout float acc[MAX_VECTORS]) {
    uint units = p.cols / HEARTH_UNIT;
    uint row_start = p.w_offset + row * p.row_bytes;
    uint x_start = v0 * p.x_stride + p.x_offset;
    if (VECTORS == 1u) {
        float a = 0.0;
        for (uint u = lane; u < units; u += lanes) {
            dot_unit(row_start, u, x_start + u * HEARTH_UNIT, a);
        }
        acc[0] = a;
        return;
    }
    for (uint u = lane; u < units; u += lanes) {
        float w[HEARTH_UNIT];
        dequant_unit(row_start, u, w);
        [[dont_unroll]] for (uint k = 0u; k < nv; ++k) {
            uint x4b = (x_start + k * p.x_stride + u * HEARTH_UNIT) >> 2;
            float a = 0.0;
            [[unroll]] for (uint i = 0u; i < HEARTH_UNIT / 4u; ++i) {
                a += dot(vec4(w[4u * i], w[4u * i + 1u], w[4u * i + 2u], w[4u * i + 3u]),
                         x4[x4b + i]);
            }
            acc[k] += a;
        }
    }
}

void store(uint row, uint v, float total) {
    uint o = v * p.y_stride + p.y_offset + row;
    if ((p.flags & HEARTH_MATVEC_BIAS) != 0u) {
        total += bias[p.y_offset + row];
    }
    if ((p.flags & HEARTH_MATVEC_ACCUMULATE) != 0u) {
        total += y[o];
    }
    y[o] = total;
}

void main() {
    uint first_row = (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x) * ROWS;
    uint v0 = gl_WorkGroupID.z * VECTORS;
    uint nv = min(VECTORS, p.vectors - v0);
    float acc[MAX_VECTORS] = float[](0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    if (ROW_PER_INVOCATION) { // ROWS == WG_SIZE
        uint row = first_row + gl_LocalInvocationID.x;
        if (row < p.rows) {
            partial_dots(row, v0, nv, 0u, 1u, acc);
            for (uint k = 0u; k < nv; ++k) {
                store(row, v0 + k, acc[k]);
            }
        }
        return;
    }
#if USE_SUBGROUPS
    uint lanes = subgroupAdd(1u);
    uint lane = subgroupExclusiveAdd(1u);
    for (uint r = gl_SubgroupID; r < ROWS; r += gl_NumSubgroups) {
        uint row = first_row + r;
        if (row >= p.rows) {
            break; // uniform in the subgroup
        }
        partial_dots(row, v0, nv, lane, lanes, acc);
        [[unroll]] for (uint k = 0u; k < VECTORS; ++k) {
            if (k < nv) {
                float total = subgroupAdd(acc[k]);
                if (lane == 0u) {
                    store(row, v0 + k, total);
                }
                acc[k] = 0.0;
            }
        }
    }
#else
    for (uint r = 0u; r < ROWS; ++r) {
        uint row = first_row + r;
        if (row >= p.rows) {
            break; // uniform in the workgroup
        }
        partial_dots(row, v0, nv, gl_LocalInvocationID.x, WG_SIZE, acc);
        [[unroll]] for (uint k = 0u; k < VECTORS; ++k) {
            if (k < nv) {
                float total = workgroup_sum(acc[k]);
                if (gl_LocalInvocationID.x == 0u) {
                    store(row, v0 + k, total);
                }
                acc[k] = 0.0;
            }
        }
    }
#endif
}
