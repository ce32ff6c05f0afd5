#version 450
#extension GL_GOOGLE_include_directive : require

// The gate of a gated FFN: g[i] = act(g[i]) * u[i] for g, u: [count] f32 (count = n * n_ff),
// act = SiLU (x / (1 + exp(-x))) or the tanh form of GELU (Gemma); or gpt-oss's clamped SwiGLU
// (llama.cpp's swiglu_oai: the gate clamped from above only, up on both sides, and up + 1).
// One invocation per element.

#include "shader_interface.h"

layout(local_size_x = 64) in;
layout(constant_id = 0) const uint ACTIVATION = 0; // 0: SiLU, 1: GELU (tanh), 2: clamped SwiGLU
const float kSwigluLimit = 7.0;
const float kSwigluAlpha = 1.702;

layout(push_constant) uniform PushBlock { GatedActPush p; };
layout(std430, binding = 0) buffer GBuf { float g[]; };
layout(std430, binding = 1) readonly buffer UBuf { float u[]; };

void main() {
    uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
    if (i >= p.count) {
        return;
    }
    float a = g[i];
    float act;
    if (ACTIVATION == 0u) {
        act = a / (1.0 + exp(-a));
    } else if (ACTIVATION == 2u) {
        float gc = min(a, kSwigluLimit);
        float uc = clamp(u[i], -kSwigluLimit, kSwigluLimit);
        g[i] = gc / (1.0 + exp(-kSwigluAlpha * gc)) * (uc + 1.0);
        return;
    } else {
        // 0.5 a (1 + tanh(z)) = a / (1 + exp(-2z)): no cancellation at either end.
        float z = 0.7978845608028654 * (a + 0.044715 * a * a * a);
        act = a / (1.0 + exp(min(-2.0 * z, 88.0)));
    }
    g[i] = act * u[i];
}
