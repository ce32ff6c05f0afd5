#version 450
#extension GL_GOOGLE_include_directive : require
#if USE_SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

// RMSNorm of each row, then scale by the weight vector (see RmsNormPush for shapes).
// One workgroup per row; each invocation strides over the columns.

#include "shader_interface.h"

// Specialization constant 0 overrides the workgroup size (default below).
layout(local_size_x = HEARTH_REDUCE_WORKGROUP, local_size_x_id = 0) in;
#define WG_SIZE gl_WorkGroupSize.x

layout(push_constant) uniform PushBlock { RmsNormPush p; };
layout(std430, binding = 0) readonly buffer XBuf { float x[]; };
layout(std430, binding = 1) readonly buffer WBuf { float w[]; };
layout(std430, binding = 2) writeonly buffer YBuf { float y[]; };

#include "reduce.glsl"

void main() {
    uint row = gl_WorkGroupID.x;
    if (row >= p.rows) {
        return;
    }
    uint base = row * p.cols;
    float sum_sq = 0.0;
    for (uint c = gl_LocalInvocationID.x; c < p.cols; c += WG_SIZE) {
        float v = x[base + c];
        sum_sq += v * v;
    }
    float scale = inversesqrt(workgroup_sum(sum_sq) / float(p.cols) + p.eps);
    for (uint c = gl_LocalInvocationID.x; c < p.cols; c += WG_SIZE) {
        y[base + c] = x[base + c] * scale * w[c];
    }
}
