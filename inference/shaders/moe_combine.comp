#version 450
#extension GL_GOOGLE_include_directive : require

// The output of a mixture-of-experts layer: each token's k expert outputs weighted by the
// router and summed, in slot order as the CPU reference adds them, then added to y (the
// residual stream) or stored (when a norm or scale comes first). Shapes: MoeCombinePush.
// One invocation per element of a token's row; workgroup y is the token.

#include "shader_interface.h"

layout(local_size_x = 64) in;

layout(push_constant) uniform PushBlock { MoeCombinePush p; };
layout(std430, binding = 0) readonly buffer EBuf { float e[]; };       // [n * k][cols]
layout(std430, binding = 1) readonly buffer WeightBuf { float w[]; }; // [n * k]
layout(std430, binding = 2) buffer YBuf { float y[]; };               // [n][cols]

void main() {
    uint c = gl_GlobalInvocationID.x, t = gl_WorkGroupID.y;
    if (c >= p.cols) {
        return;
    }
    float sum = 0.0;
    for (uint j = 0u; j < p.n_used; ++j) {
        uint slot = t * p.n_used + j;
        sum += w[slot] * e[slot * p.cols + c];
    }
    uint o = t * p.cols + c;
    y[o] = p.accumulate != 0u ? y[o] + sum : sum;
}
