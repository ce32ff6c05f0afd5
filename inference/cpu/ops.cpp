#include "cpu/ops.h"

#include "cpu/thread_pool.h"
#include "tensor/dequant.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace hearth::cpu {

void rms_norm(std::span<const float> x, std::span<const float> w, std::span<float> y, int rows,
              float eps) {
    const size_t cols = w.size();
    for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
        double sum_sq = 0.0;
        for (size_t c = 0; c < cols; ++c) {
            sum_sq += double(x[r * cols + c]) * x[r * cols + c];
        }
        const float scale = static_cast<float>(1.0 / std::sqrt(sum_sq / double(cols) + eps));
        for (size_t c = 0; c < cols; ++c) {
            y[r * cols + c] = x[r * cols + c] * scale * w[c];
        }
    }
}

std::vector<float> to_floats(const TensorView& t) {
    std::vector<float> out(t.rows * t.cols);
    if (!out.empty()) {
        dequantize(t.type, t.data, out);
    }
    return out;
}

void matvec(const TensorView& w, std::span<const float> x, std::span<float> y, ThreadPool& pool) {
    pool.parallel_for(w.rows, [&](size_t begin, size_t end, unsigned) {
        std::vector<float> row(w.cols);
        for (size_t r = begin; r < end; ++r) {
            dequantize(w.type, w.row(r), row);
            double sum = 0.0;
            for (size_t c = 0; c < w.cols; ++c) {
                sum += double(row[c]) * x[c];
            }
            y[r] = static_cast<float>(sum);
        }
    });
}

void rope(std::span<float> x, uint32_t n_heads, uint32_t head_dim, RopeStyle style,
          const RopeSpec& spec, uint32_t pos) {
    const uint32_t half = spec.n_rot / 2;
    std::vector<float> cs(spec.n_rot);
    rope_cos_sin(spec, double(pos), cs.data());
    for (uint32_t i = 0; i < half; ++i) {
        const double c = cs[i], s = cs[half + i];
        // Norm pairs adjacent dimensions; Neox pairs dimension i with i + n_rot/2.
        const uint32_t a = style == RopeStyle::Norm ? 2 * i : i;
        const uint32_t b = style == RopeStyle::Norm ? 2 * i + 1 : i + half;
        for (uint32_t h = 0; h < n_heads; ++h) {
            float* head = x.data() + size_t(h) * head_dim;
            const double x0 = head[a], x1 = head[b];
            head[a] = static_cast<float>(x0 * c - x1 * s);
            head[b] = static_cast<float>(x0 * s + x1 * c);
        }
    }
}

float silu(float x) {
    return static_cast<float>(double(x) / (1.0 + std::exp(-double(x))));
}

float gelu_tanh(float x) {
    // 0.5 x (1 + tanh z) = x / (1 + exp(-2z)): the same function without 1 + tanh's
    // cancellation for negative x.
    const double v = x, z = 0.7978845608028654 * (v + 0.044715 * v * v * v);
    return static_cast<float>(v / (1.0 + std::exp(-2.0 * z)));
}

float swiglu_oai(float gate, float up) {
    const double g = std::min(double(gate), double(kSwigluOaiLimit));
    const double u = std::clamp(double(up), -double(kSwigluOaiLimit), double(kSwigluOaiLimit));
    return static_cast<float>(g / (1.0 + std::exp(-double(kSwigluOaiAlpha) * g)) * (u + 1.0));
}

float gated(Activation a, float gate, float up) {
    switch (a) {
    case Activation::Silu:
        return silu(gate) * up;
    case Activation::GeluTanh:
        return gelu_tanh(gate) * up;
    case Activation::SwigluOai:
        return swiglu_oai(gate, up);
    }
    return 0.0f;
}

} // namespace hearth::cpu
