#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#ifdef HEARTH_S16_KV
#extension GL_EXT_shader_16bit_storage : require
#endif
#if USE_SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

// Causal grouped-query attention of n query tokens over a layer's f16 KV cache, for decode
// (n = 1) and prefill alike. One workgroup per (query head h, token t); token t sits at
// position pos0 + t and sees cache positions 0..pos0 + t (in a sliding layer only the last
// `window` of them; position j is in cache row j % ring). Positions are visited in chunks of
// WG_SIZE with an online softmax: each chunk's scores (one per invocation) are compared with
// the running maximum m, and the running sum l and outputs are rescaled by exp(m_old - m_new),
// so no exp ever sees a positive argument and no score buffer of n_ctx entries is needed.
// A sink (gpt-oss) starts the running softmax as a score of its own with no value: m = sink,
// l = exp(sink - m) = 1, outputs 0; later chunks rescale it like any other term.
// Invocations then own output dimensions d = lid + k * WG_SIZE (head_dim <= 4 * WG_SIZE).
// Shapes: see AttentionPush.
// The "_s16" variants (HEARTH_S16_KV, devices with storageBuffer16BitAccess) read the values
// as 16-bit floats: an invocation owns one dimension d, and the packed read fetches the word of
// d and its neighbour, converts both and keeps one. Same values, same arithmetic: the outputs
// are bit for bit those of the packed read.

#include "shader_interface.h"

layout(local_size_x = 64, local_size_x_id = 0) in;
#define WG_SIZE gl_WorkGroupSize.x
#define DIMS_PER_INVOCATION 4

layout(push_constant) uniform PushBlock { AttentionPush p; };
layout(std430, binding = 0) readonly buffer QBuf { float q[]; };
layout(std430, binding = 1) readonly buffer KcBuf { uint kc[]; };
#ifdef HEARTH_S16_KV
layout(std430, binding = 2) readonly buffer VcBuf { float16_t vh[]; };
#else
layout(std430, binding = 2) readonly buffer VcBuf { uint vc[]; };
#endif
layout(std430, binding = 3) writeonly buffer OutBuf { float outv[]; };
layout(std430, binding = 4) readonly buffer SinkBuf { float sinks[]; }; // [n_head], if has_sinks
layout(std430, binding = 5) readonly buffer PosBuf { uint pos_base[]; }; // if pos_from_buffer

#include "reduce.glsl"

shared float q_sh[DIMS_PER_INVOCATION * WG_SIZE];
shared float p_sh[WG_SIZE];

const float kNoScore = -3.0e38; // below any real score, and finite (no inf arithmetic)

void main() {
    uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y, lid = gl_LocalInvocationID.x;
    uint q_dim = p.n_head * p.head_dim;
    uint row_words = p.n_head_kv * p.head_dim / 2u; // one cache position, in u32 pairs
    uint head_word = (h / (p.n_head / p.n_head_kv)) * p.head_dim / 2u;
    for (uint d = lid; d < p.head_dim; d += WG_SIZE) {
        q_sh[d] = q[t * q_dim + h * p.head_dim + d];
    }
    barrier();

    uint pos0 = p.pos0 + (p.pos_from_buffer != 0u ? pos_base[0] : 0u);
    uint n_kv = pos0 + t + 1u;
    uint first = p.window > 0u && n_kv > p.window ? n_kv - p.window : 0u; // sliding layers
    float scale = p.scale;
    if (p.temp_length > 0u) {
        scale *= 1.0 + p.temp_beta * log(1.0 + float((pos0 + t) / p.temp_length));
    }
    bool sink = p.has_sinks != 0u;
    float m = sink ? sinks[h] : kNoScore, l = sink ? 1.0 : 0.0;
    float acc[DIMS_PER_INVOCATION] = float[](0.0, 0.0, 0.0, 0.0);
    for (uint c0 = first; c0 < n_kv; c0 += WG_SIZE) {
        uint j = c0 + lid;
        float s = kNoScore;
        if (j < n_kv) {
            uint k_start = (j % p.ring) * row_words + head_word;
            float dot_qk = 0.0;
            for (uint w = 0u; w < p.head_dim / 2u; ++w) {
                vec2 kk = unpackHalf2x16(kc[k_start + w]);
                dot_qk += q_sh[2u * w] * kk.x + q_sh[2u * w + 1u] * kk.y;
            }
            s = dot_qk * scale;
        }
        float m_new = max(m, workgroup_max(s)); // position c0 is always valid: m_new is real
        float correction = c0 == first && !sink ? 0.0 : exp(m - m_new);
        float pj = j < n_kv ? exp(s - m_new) : 0.0;
        p_sh[lid] = pj;
        l = l * correction + workgroup_sum(pj); // its barriers also publish p_sh
        uint count = min(WG_SIZE, n_kv - c0);
        [[unroll]] for (uint k = 0u; k < DIMS_PER_INVOCATION; ++k) {
            uint d = lid + k * WG_SIZE;
            if (d < p.head_dim) {
                float a = acc[k] * correction;
#ifdef HEARTH_S16_KV
                uint v_half = 2u * head_word + d;
                for (uint jj = 0u; jj < count; ++jj) {
                    a += p_sh[jj] * float(vh[((c0 + jj) % p.ring) * 2u * row_words + v_half]);
                }
#else
                uint v_word = head_word + d / 2u;
                for (uint jj = 0u; jj < count; ++jj) {
                    vec2 vv = unpackHalf2x16(vc[((c0 + jj) % p.ring) * row_words + v_word]);
                    a += p_sh[jj] * ((d & 1u) == 0u ? vv.x : vv.y);
                }
#endif
                acc[k] = a;
            }
        }
        m = m_new;
        barrier(); // p_sh is rewritten by the next chunk
    }
    [[unroll]] for (uint k = 0u; k < DIMS_PER_INVOCATION; ++k) {
        uint d = lid + k * WG_SIZE;
        if (d < p.head_dim) {
            outv[t * q_dim + h * p.head_dim + d] = acc[k] / l;
        }
    }
}
