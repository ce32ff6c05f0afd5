#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require

// Activations to Q8 blocks for matvec_q8 (layout: QuantizeQ8Push in shader_interface.h).
// q = round(x / d) with d = max |x| / 127, so |x - q d| <= d / 2 for every element; s keeps
// d * sum(q) for the weight types with an offset or minimum (Q4_0, Q4_1).

#include "shader_interface.h"

layout(local_size_x = 64) in;
layout(push_constant) uniform PushBlock { QuantizeQ8Push p; };
layout(std430, binding = 0) readonly buffer XBuf { vec4 x4[]; }; // x_offset, x_stride % 4 == 0
layout(std430, binding = 1) writeonly buffer QBuf { uint xq[]; };

void main() {
    uint blocks = p.cols / HEARTH_UNIT;
    uint b = gl_GlobalInvocationID.x;
    if (b >= blocks) {
        return;
    }
    uint v = gl_WorkGroupID.y;
    uint x4b = (v * p.x_stride + p.x_offset + b * HEARTH_UNIT) >> 2;
    vec4 values[8];
    float amax = 0.0;
    [[unroll]] for (uint k = 0u; k < 8u; ++k) {
        values[k] = x4[x4b + k];
        vec4 a = abs(values[k]);
        amax = max(amax, max(max(a.x, a.y), max(a.z, a.w)));
    }
    float d = amax / 127.0;
    float inv = amax > 0.0 ? 127.0 / amax : 0.0;
    uint out_base = (v * blocks + b) * HEARTH_Q8_BLOCK_WORDS;
    int sum = 0;
    [[unroll]] for (uint k = 0u; k < 8u; ++k) {
        ivec4 q = clamp(ivec4(round(values[k] * inv)), ivec4(-127), ivec4(127));
        sum += q.x + q.y + q.z + q.w;
        uvec4 u = uvec4(q) & 0xFFu;
        xq[out_base + k] = u.x | (u.y << 8) | (u.z << 16) | (u.w << 24);
    }
    xq[out_base + 8u] = floatBitsToUint(d);
    xq[out_base + 9u] = floatBitsToUint(d * float(sum));
}
