#version 450
#extension GL_GOOGLE_include_directive : require

// Rotary position embedding of x [n][n_heads][head_dim] in place (q or k after their
// projections). The angles come from a table of (cos, sin) computed on the host in double:
// float32 angles pos * base^(-2i/n_rot) lose ~pos * 2^-24 radians, and GPU sin/cos are only
// specified on [-pi, pi]. Invocation x = rotation pair over all heads, workgroup y = token.
// Shapes: see RopePush.

#include "shader_interface.h"

layout(local_size_x = 64) in;

layout(push_constant) uniform PushBlock { RopePush p; };
layout(std430, binding = 0) buffer XBuf { float x[]; };
layout(std430, binding = 1) readonly buffer TableBuf { vec2 table[]; }; // [n_ctx][n_rot/2]
layout(std430, binding = 2) readonly buffer PosBuf { uint pos_base[]; }; // if pos_from_buffer

void main() {
    uint half_rot = p.n_rot / 2u;
    uint pair = gl_GlobalInvocationID.x;
    if (pair >= p.n_heads * half_rot) {
        return;
    }
    uint t = gl_WorkGroupID.y;
    uint head = pair / half_rot, i = pair % half_rot;
    uint pos0 = p.pos0 + (p.pos_from_buffer != 0u ? pos_base[0] : 0u);
    vec2 cs = table[(pos0 + t) * half_rot + i];
    // Neox pairs dimension i with i + n_rot/2; Norm pairs adjacent dimensions.
    uint base = (t * p.n_heads + head) * p.head_dim;
    uint a = base + (p.neox != 0u ? i : 2u * i);
    uint b = base + (p.neox != 0u ? i + half_rot : 2u * i + 1u);
    float x0 = x[a], x1 = x[b];
    x[a] = x0 * cs.x - x1 * cs.y;
    x[b] = x0 * cs.y + x1 * cs.x;
}
