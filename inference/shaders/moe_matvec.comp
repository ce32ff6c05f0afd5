#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#if USE_SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

// The expert-indexed matrix x vector product of a mixture-of-experts layer: for every slot
// (a token's j-th chosen expert), y[slot] = W_e x, with e read from the router's ids on the
// device. The expert stack is bound as uploaded (GGUF's 3-D {cols, rows, n_expert} tensor,
// expert after expert) and only the chosen experts' rows are decoded. Shapes: MoeMatvecPush.
//
// Workgroup z is the slot; the rows of its expert are shared out as in matvec.comp (subgroup
// rows, workgroup rows in the "_shmem" variant, or one row per invocation on CPU devices),
// each decoded unit consumed at once (dot_unit). Prompt batches run this with n * k slots,
// so each slot reads its expert's matrix once; moe_matmul.comp groups slots by expert instead.

#include "shader_interface.h"

// Specialization constants: 0 workgroup size, 1 weight type (HEARTH_TYPE_*), 2 rows per
// workgroup, 3 one row per invocation (as matvec.comp's 0, 1, 2 and 4).
layout(local_size_x = 64, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_F32;
layout(constant_id = 2) const uint ROWS = 1;
layout(constant_id = 3) const bool ROW_PER_INVOCATION = false;
#define WG_SIZE gl_WorkGroupSize.x

layout(push_constant) uniform PushBlock { MoeMatvecPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XBuf { vec4 x4[]; }; // x_stride % 4 == 0
layout(std430, binding = 2) writeonly buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; }; // [n_expert][rows]
layout(std430, binding = 4) readonly buffer IdBuf { uint ids[]; };     // [slots]

#define HEARTH_DEQUANT_DOT
#include "dequant.glsl"
#include "reduce.glsl"

// The partial dot product of the row at byte `row_start` with x from element x_start, over
// the units lane, lane + lanes, ...
float partial_dot(uint row_start, uint x_start, uint lane, uint lanes) {
    float a = 0.0;
    for (uint u = lane; u < p.cols / HEARTH_UNIT; u += lanes) {
        dot_unit(row_start, u, x_start + u * HEARTH_UNIT, a);
    }
    return a;
}

void store(uint expert, uint row, uint slot, float total) {
    if ((p.flags & HEARTH_MATVEC_BIAS) != 0u) {
        total += bias[expert * p.rows + row];
    }
    y[slot * p.y_stride + row] = total;
}

void main() {
    uint slot = gl_WorkGroupID.z;
    uint expert = ids[slot];
    if (expert < p.expert_begin || expert >= p.expert_end) {
        return; // another piece's expert; uniform in the workgroup
    }
    uint w_start = p.w_offset + (expert - p.expert_begin) * p.expert_bytes;
    uint x_start = (slot / p.x_group) * p.x_stride;
    uint first_row = (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x) * ROWS;
    if (ROW_PER_INVOCATION) { // ROWS == WG_SIZE
        uint row = first_row + gl_LocalInvocationID.x;
        if (row < p.rows) {
            store(expert, row, slot, partial_dot(w_start + row * p.row_bytes, x_start, 0u, 1u));
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
        float total = subgroupAdd(partial_dot(w_start + row * p.row_bytes, x_start, lane, lanes));
        if (lane == 0u) {
            store(expert, row, slot, total);
        }
    }
#else
    for (uint r = 0u; r < ROWS; ++r) {
        uint row = first_row + r;
        if (row >= p.rows) {
            break; // uniform in the workgroup
        }
        float total = workgroup_sum(
            partial_dot(w_start + row * p.row_bytes, x_start, gl_LocalInvocationID.x, WG_SIZE));
        if (gl_LocalInvocationID.x == 0u) {
            store(expert, row, slot, total);
        }
    }
#endif
}
