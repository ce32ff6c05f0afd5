#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_integer_dot_product : require
#if USE_SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

// Matrix x vector with 8-bit activations: y[v] = W xq[v], xq from quantize_q8.comp. A block
// of 32 weights meets a block of 32 activations in 8 packed 4 x 8-bit dot products
// (dotPacked4x8EXT: exact integer sums), scaled once per block:
//   Q8_0 {f16 d; i8 q[32]}:        d dx sum(q qx)
//   Q4_0 {f16 d; u8 qs[16]}:       d (dx sum(q qx) - 8 s)     q in 0..15, element i < 16
//   Q4_1 {f16 d, m; u8 qs[16]}:    d dx sum(q qx) + m s       low nibble, else high of i - 16
// (s = dx sum(qx)). A workgroup per row, its invocations striding over the row's blocks and
// reduced like rms_norm; workgroup z is the vector. Shapes, flags: MatvecPush.

#include "shader_interface.h"

layout(local_size_x = 64, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_Q8_0;
#define WG_SIZE gl_WorkGroupSize.x

layout(push_constant) uniform PushBlock { MatvecPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XqBuf { uint xq[]; };
layout(std430, binding = 2) buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; };

#include "reduce.glsl"
#include "weight_access.glsl"

const uint kBlockBytes = TYPE == HEARTH_TYPE_Q8_0 ? 34u : (TYPE == HEARTH_TYPE_Q4_1 ? 20u : 18u);

float block_dot(uint o, uint xb) {
    float dx = uintBitsToFloat(xq[xb + 8u]);
    float d = wq_f16(o);
    int sumi = 0;
    if (TYPE == HEARTH_TYPE_Q8_0) {
        [[unroll]] for (uint k = 0u; k < 8u; ++k) {
            sumi = dotPacked4x8AccSatEXT(int(wq_u32(o + 2u + 4u * k)), int(xq[xb + k]), sumi);
        }
        return d * dx * float(sumi);
    }
    uint qs = TYPE == HEARTH_TYPE_Q4_1 ? o + 4u : o + 2u;
    [[unroll]] for (uint k = 0u; k < 4u; ++k) {
        uint w = wq_u32(qs + 4u * k);
        sumi = dotPacked4x8AccSatEXT(int(w & 0x0F0F0F0Fu), int(xq[xb + k]), sumi);
        sumi = dotPacked4x8AccSatEXT(int((w >> 4) & 0x0F0F0F0Fu), int(xq[xb + 4u + k]), sumi);
    }
    float s = uintBitsToFloat(xq[xb + 9u]);
    if (TYPE == HEARTH_TYPE_Q4_1) {
        return d * dx * float(sumi) + wq_f16(o + 2u) * s;
    }
    return d * (dx * float(sumi) - 8.0 * s);
}

void main() {
    uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= p.rows) {
        return; // uniform in the workgroup
    }
    uint v = gl_WorkGroupID.z;
    uint blocks = p.cols / HEARTH_UNIT;
    uint row_start = p.w_offset + row * p.row_bytes;
    float acc = 0.0;
    for (uint b = gl_LocalInvocationID.x; b < blocks; b += WG_SIZE) {
        acc += block_dot(row_start + b * kBlockBytes, (v * blocks + b) * HEARTH_Q8_BLOCK_WORDS);
    }
    float total = workgroup_sum(acc);
    if (gl_LocalInvocationID.x == 0u) {
        uint o = v * p.y_stride + p.y_offset + row;
        if ((p.flags & HEARTH_MATVEC_BIAS) != 0u) {
            total += bias[p.y_offset + row];
        }
        if ((p.flags & HEARTH_MATVEC_ACCUMULATE) != 0u) {
            total += y[o];
        }
        y[o] = total;
    }
}
