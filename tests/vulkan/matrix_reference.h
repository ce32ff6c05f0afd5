// What the matrix kernels' tests (tst_vk_matvec, tst_vk_matmul) compare against: weights
// quantized by the reference quantizer and decoded back by the engine's CPU decoder, so
// the GPU result is checked against a float64 dot product of exactly the values it read,
// with a bound derived from float32 rounding (u = 2^-24):
//   |gpu - cpu| <= (k + 3) u (sum_c |w_c x_c| + |extra|) + 3 u max_c |w_c| sum_c |x_c|
// where k is the longest chain of additions one output goes through (it depends on how the
// kernel shares out the sum) and the second term covers a fused multiply-add in the decoder.
#pragma once

#include "quantize.h"
#include "tensor/dequant.h"
#include "vk_test_device.h"
#include "vulkan/vk_weights.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <random>
#include <utility>
#include <vector>

namespace hearth::test {

inline constexpr double kU = 1.0 / (1 << 24);

struct TestMatrix {
    std::vector<std::byte> packed; // as uploaded
    std::vector<float> decoded;    // rows x cols, what the GPU decodes
};

// Normal values, or for a tensor too large to draw quickly (over 16M values) a cheap hash.
inline TestMatrix make_matrix(GgmlType type, uint32_t rows, uint32_t cols, std::mt19937& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const bool huge = uint64_t(rows) * cols > (1u << 24);
    std::vector<float> w(size_t(rows) * cols);
    for (size_t i = 0; i < w.size(); ++i) {
        w[i] = huge ? float(int((i * 2654435761u) >> 20 & 0xFF) - 128) / 64.0f : normal(rng);
    }
    TestMatrix m;
    m.packed = quantize(type, w);
    m.decoded.resize(w.size());
    dequantize(type, m.packed, m.decoded);
    return m;
}

// Fills each vector with normal values.
inline void fill_normal(std::mt19937& rng, std::initializer_list<std::vector<float>*> vectors) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (std::vector<float>* values : vectors) {
        for (float& v : *values) {
            v = normal(rng);
        }
    }
}

// One case's buffers on the device: the weights (at byte `offset` of their buffer, which
// `packed` is released into), x, bias and y, and the tensors naming them. Not movable: the
// tensors point at the buffers.
struct MatrixBuffers {
    MatrixBuffers(const vk::Context& ctx, GgmlType type, uint32_t rows, uint32_t cols,
                  std::vector<std::byte>&& packed, size_t offset, const std::vector<float>& x_,
                  const std::vector<float>& bias_, const std::vector<float>& y_)
        : w(host_buffer(ctx, std::exchange(packed, {}), offset)), x(host_buffer(ctx, x_)),
          bias(host_buffer(ctx, bias_)), y(host_buffer(ctx, y_)),
          tensor{type, rows, cols, row_bytes(type, cols), &w, offset},
          bias_tensor{GgmlType::F32, 1, rows, rows * 4u, &bias, 0} {}
    MatrixBuffers(const MatrixBuffers&) = delete;
    MatrixBuffers& operator=(const MatrixBuffers&) = delete;

    vk::Buffer w, x, bias, y;
    vk::GpuTensor tensor, bias_tensor;
};

struct Expected {
    double value;
    double bound;
};

// One output: the dot product of a decoded row with x, plus `extra` (bias and residual, whose
// absolute parts are `extra_magnitude`), and its bound for a chain of k additions.
inline Expected expected_output(const float* w_row, const float* x, uint32_t cols, double extra,
                                double extra_magnitude, double k) {
    double dot = 0.0, magnitude = 0.0, max_w = 0.0, sum_x = 0.0;
    for (uint32_t c = 0; c < cols; ++c) {
        const double wv = w_row[c], xv = x[c];
        dot += wv * xv;
        magnitude += std::abs(wv * xv);
        max_w = std::max(max_w, std::abs(wv));
        sum_x += std::abs(xv);
    }
    return {dot + extra, (k + 3) * kU * (magnitude + extra_magnitude) + 3 * kU * max_w * sum_x};
}

// What the f16 tiles of matmul and moe_matmul add to an output's bound (the "_f16" shaders,
// inference/shaders/matmul_tile.glsl). Each operand is rounded once to f16 on its way into
// shared memory: w~ = w + dw, |dw| <= u16 |w| + eta (u16 = 2^-11, half an ulp; eta = 2^-25,
// half the subnormal spacing), likewise x~; the product of two f16 values is exact in f32, so
//   |w~ x~ - w x| <= |w| |dx| + |x| |dw| + |dw| |dx|
//                 <= (2 u16 + u16^2) |w x| + eta (1 + u16) (|w| + |x|) + eta^2
// per column, summed over the row. The f32 chain of k additions then runs over terms up to
// (1 + 3 u16) times larger: (k + 3) u 3 u16 sum |w x| more; and the GPU's w may differ from the
// CPU decoder's by the fused multiply-add term before it is rounded: u16 3 u max |w| sum |x|.
inline double f16_tile_bound(const float* w_row, const float* x, uint32_t cols, double k) {
    constexpr double u16 = 1.0 / (1 << 11), eta = 1.0 / (1 << 25);
    double magnitude = 0.0, sum_w = 0.0, sum_x = 0.0, max_w = 0.0;
    for (uint32_t c = 0; c < cols; ++c) {
        const double wv = std::abs(double(w_row[c])), xv = std::abs(double(x[c]));
        magnitude += wv * xv;
        sum_w += wv;
        sum_x += xv;
        max_w = std::max(max_w, wv);
    }
    return (2 * u16 + u16 * u16) * magnitude + eta * (1 + u16) * (sum_w + sum_x) +
           cols * eta * eta + (k + 3) * kU * 3 * u16 * magnitude + u16 * 3 * kU * max_w * sum_x;
}

// The rows of the prompt kernels' awkwardSizes tests (tst_vk_matmul, tst_vk_coopmat): more
// tokens than a tile (70), a row count one past a tile, many steps over K (37 units), one
// token alone, a single row.
inline void add_awkward_size_rows() {
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("n");
    QTest::newRow("Q4_0 65x1184, 70 tokens") << int(GgmlType::Q4_0) << 65 << 1184 << 70;
    QTest::newRow("Q6_K 1x512, 1 token") << int(GgmlType::Q6_K) << 1 << 512 << 1;
    QTest::newRow("Q8_0 200x96, 64 tokens") << int(GgmlType::Q8_0) << 200 << 96 << 64;
    QTest::newRow("F16 7x32, 3 tokens") << int(GgmlType::F16) << 7 << 32 << 3;
}

} // namespace hearth::test
