// Pointwise, normalisation and attention kernels of the fast CPU backend, one table per SIMD
// variant (filled by ops.cpp). All work on float32 unless a pointer says otherwise; f16
// values are IEEE half bit patterns.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hearth::fast {

// The attention inputs for a set of query rows that share one KV head.
//   q:       row i at q + i * q_stride, head_dim floats
//   visible: row i attends to positions [0, visible[i])  (causal: its own position + 1), or
//            only the last `window` of them when window > 0 (a sliding layer)
//   k:       keys in transposed blocks of `lanes` positions: block b at k + b * head_dim *
//            lanes, element (dim d, position b * lanes + j) at [d * lanes + j], f16
//   v:       position t at v + t * v_stride, head_dim values, f16
//   ring:    positions are stored in slot t % ring (a multiple of lanes; blocks and rows above
//            address slots), older ones overwritten: a sliding layer's cache; 0: slot t
//   out:     row i at out + i * out_stride, head_dim floats
//   sinks:   null, or row i's sink logit (gpt-oss): one more term exp(sinks[i] - max) in the
//            softmax's denominator, with no value (not scaled)
struct AttentionArgs {
    const float* q;
    size_t q_stride;
    size_t rows;
    const uint32_t* visible;
    const uint16_t* k;
    const uint16_t* v;
    size_t v_stride;
    size_t head_dim;
    float scale; // multiplies q.k (1 / sqrt(head_dim))
    float* out;
    size_t out_stride;
    uint32_t window = 0;
    size_t ring = 0;
    const float* sinks = nullptr;
};

// A gated FFN activation: out = act(gate) * up (or gpt-oss's clamped form), n elements.
using GatedKernel = void (*)(const float* gate, const float* up, float* out, size_t n);

struct OpKernels {
    // y = x / sqrt(mean(x^2) + eps) * w, n elements; y may alias x.
    void (*rms_norm)(const float* x, const float* w, float* y, size_t n, float eps) = nullptr;
    // Rotates the first n_rot dimensions of each of `heads` heads of head_dim in x by the
    // angles whose cosines and sines are cs[2i], cs[2i+1] (i < n_rot / 2). neox pairs i with
    // i + n_rot / 2, otherwise 2i with 2i + 1.
    void (*rope)(float* x, size_t heads, size_t head_dim, size_t n_rot, bool neox,
                 const float* cs) = nullptr;
    // out = silu(gate) * up = gate / (1 + exp(-gate)) * up, n elements; out may alias gate.
    void (*swiglu)(const float* gate, const float* up, float* out, size_t n) = nullptr;
    // out = gelu_tanh(gate) * up, gelu_tanh(x) = x / 2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    // (computed as x / (1 + exp(-2 sqrt(2/pi) (...)))); out may alias gate.
    void (*geglu)(const float* gate, const float* up, float* out, size_t n) = nullptr;
    // out = gpt-oss's clamped SwiGLU: g = min(gate, 7), u = clamp(up, -7, 7),
    // g / (1 + exp(-1.702 g)) (u + 1) (cpu::swiglu_oai); out may alias gate.
    void (*swiglu_oai)(const float* gate, const float* up, float* out, size_t n) = nullptr;
    // x = cap tanh(x / cap), n elements (Gemma's logit soft-capping).
    void (*softcap)(float* x, size_t n, float cap) = nullptr;
    // x *= s, n elements.
    void (*scale)(float* x, size_t n, float s) = nullptr;
    // y += x, n elements.
    void (*add)(float* y, const float* x, size_t n) = nullptr;
    // Half precision (round to nearest even) of n floats.
    void (*to_f16)(const float* x, uint16_t* y, size_t n) = nullptr;
    // The index of the largest of n floats (the lowest such index).
    size_t (*argmax)(const float* x, size_t n) = nullptr;
    // Causal softmax attention; see AttentionArgs.
    void (*attention)(const AttentionArgs& a) = nullptr;
};

} // namespace hearth::fast
