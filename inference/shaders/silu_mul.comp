#version 450
#extension GL_GOOGLE_include_directive : require

// The gate of the SiLU-gated FFN: g[i] = silu(g[i]) * u[i] = g / (1 + exp(-g)) * u, for
// g, u: [count] f32 (count = n * n_ff). One invocation per element.

#include "shader_interface.h"

layout(local_size_x = 64) in;

layout(push_constant) uniform PushBlock { SiluMulPush p; };
layout(std430, binding = 0) buffer GBuf { float g[]; };
layout(std430, binding = 1) readonly buffer UBuf { float u[]; };

void main() {
    uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
    if (i >= p.count) {
        return;
    }
    float a = g[i];
    g[i] = a / (1.0 + exp(-a)) * u[i];
}
