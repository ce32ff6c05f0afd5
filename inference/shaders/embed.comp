#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require

// Embedding lookup with inline dequantization: row ids[t] of the token embedding
// [n_vocab][cols] into out[t] ([n][cols] f32). Invocation x decodes one unit of 32 columns,
// workgroup y is token t. Only ids within [row_begin, row_end) are written, so a tensor
// bound in several pieces is embedded by one dispatch per piece. Shapes: see EmbedPush.

#include "shader_interface.h"

layout(local_size_x = 32, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_F32;

layout(push_constant) uniform PushBlock { EmbedPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer IdBuf { uint ids[]; };
layout(std430, binding = 2) writeonly buffer OutBuf { float outv[]; };

#include "dequant.glsl"

void main() {
    uint unit = gl_GlobalInvocationID.x;
    uint t = gl_WorkGroupID.y;
    uint id = ids[t];
    if (unit >= p.cols / HEARTH_UNIT || id < p.row_begin || id >= p.row_end) {
        return;
    }
    float v[HEARTH_UNIT];
    dequant_unit(p.w_offset + (id - p.row_begin) * p.row_bytes, unit, v);
    uint o = t * p.cols + unit * HEARTH_UNIT;
    [[unroll]] for (uint i = 0u; i < HEARTH_UNIT; ++i) {
        outv[o + i] = v[i];
    }
}
