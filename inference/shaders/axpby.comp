#version 450
#extension GL_GOOGLE_include_directive : require

// y[i] = a * y[i] + b * x[i], then soft-capped (cap * tanh(y / cap)) when cap > 0, for
// y, x: [count] f32: scaled embeddings (b = 0), scaled residual adds (a = 1), logit scales
// and Gemma's logit soft-capping. One invocation per element.

#include "shader_interface.h"

layout(local_size_x = 64) in;

layout(push_constant) uniform PushBlock { AxpbyPush p; };
layout(std430, binding = 0) buffer YBuf { float y[]; };
layout(std430, binding = 1) readonly buffer XBuf { float x[]; };

void main() {
    uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
    if (i >= p.count) {
        return;
    }
    float v = p.a * y[i] + (p.b != 0.0 ? p.b * x[i] : 0.0);
    if (p.cap > 0.0) {
        float z = v / p.cap; // tanh(z) = 1 - 2 / (exp(2z) + 1), finite for every z
        v = p.cap * (1.0 - 2.0 / (exp(clamp(2.0 * z, -88.0, 88.0)) + 1.0));
    }
    y[i] = v;
}
