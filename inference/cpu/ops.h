// Plain float32 reference operations: the oracle the Vulkan kernels are tested against.
// Obviously correct beats fast here; sums accumulate in double.
#pragma once

#include "model/model_config.h"
#include "model/weights.h"

#include <span>
#include <vector>

namespace hearth {
class ThreadPool;
}

namespace hearth::cpu {

// y[r][c] = x[r][c] / sqrt(mean_c(x[r]^2) + eps) * w[c]
// x, y: [rows][cols] row-major; w: [cols]. y may alias x.
void rms_norm(std::span<const float> x, std::span<const float> w, std::span<float> y, int rows,
              float eps);

// All elements of a (small) tensor as floats: norms, biases, frequency factors.
std::vector<float> to_floats(const TensorView& t);

// y[r] = sum_c W[r][c] * x[c] for a matrix of any dequantizable type.
// x: [W.cols], y: [W.rows]; rows are split across the pool.
void matvec(const TensorView& w, std::span<const float> x, std::span<float> y, ThreadPool& pool);

// Rotates the first spec.n_rot dimensions of each head of `x` ([n_heads][head_dim]) by the
// angles of `pos` (model/rope.h), in double.
void rope(std::span<float> x, uint32_t n_heads, uint32_t head_dim, RopeStyle style,
          const RopeSpec& spec, uint32_t pos);

// x / (1 + exp(-x))
float silu(float x);

// The tanh form of GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), in double.
float gelu_tanh(float x);

// gpt-oss's clamped SwiGLU of one gate/up pair, in double: g = min(gate, 7) (clamped from
// above only), u = clamp(up, -7, 7), g / (1 + exp(-1.702 g)) (u + 1) (llama.cpp's swiglu_oai).
float swiglu_oai(float gate, float up);
constexpr float kSwigluOaiAlpha = 1.702f, kSwigluOaiLimit = 7.0f;

// The gated FFN activation of one element: act(gate) * up, or swiglu_oai(gate, up).
float gated(Activation a, float gate, float up);

} // namespace hearth::cpu
