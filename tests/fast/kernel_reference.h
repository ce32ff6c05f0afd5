// Plain scalar references for the fast CPU kernels' tests, written from the formats'
// definitions (ENGINE-FACTS, tensor/dequant_*.cpp) and the activation contract of
// inference/fast/acts.h, independently of the SIMD code:
//  - the 8-bit activation quantizer (scale max|x| / 127 per 32, round half to even);
//  - each quantized type's per-sub-block scale and offset (weight = scale * code + offset),
//    from which the codes follow from the reference decoder's weights;
//  - the exact value, in double, of what the integer kernels compute, and the float error
//    bound they must meet.
#pragma once

#include "tensor/dequant.h"
#include "tensor/ggml_type.h"
#include "tensor/half.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace hearth::test {

inline constexpr double kUnit = 0x1p-24; // unit roundoff of float32

struct QuantizedRow {
    std::vector<int8_t> q;
    std::vector<float> d; // per 32
};

inline QuantizedRow quantize_activations(const float* x, size_t cols) {
    QuantizedRow r{std::vector<int8_t>(cols), std::vector<float>(cols / 32)};
    for (size_t b = 0; b < cols / 32; ++b) {
        float max = 0.0f;
        for (size_t i = 0; i < 32; ++i) {
            max = std::max(max, std::fabs(x[32 * b + i]));
        }
        if (max < 1e-36f) { // the contract: 127 / max must not overflow, so such blocks are 0
            max = 0.0f;
        }
        r.d[b] = max / 127.0f;
        const float inv = max > 0.0f ? 127.0f / max : 0.0f;
        for (size_t i = 0; i < 32; ++i) {
            r.q[32 * b + i] = int8_t(std::nearbyint(x[32 * b + i] * inv)); // ties to even
        }
    }
    return r;
}

// Scale and offset of each sub-block of one block of `type`; false for a type without them.
struct SubBlocks {
    size_t size = 0; // elements per sub-block
    std::vector<double> scale, offset;
};

inline float half(const uint8_t* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return f16_to_f32(v);
}

inline bool sub_blocks(GgmlType type, const uint8_t* b, SubBlocks& out) {
    out.scale.clear();
    out.offset.clear();
    const auto add = [&](double s, double o) {
        out.scale.push_back(s);
        out.offset.push_back(o);
    };
    // The 6-bit scale and minimum j of Q4_K/Q5_K.
    const auto k_scale = [](const uint8_t* s, size_t j, bool min) {
        if (j < 4) {
            return (min ? s[j + 4] : s[j]) & 63;
        }
        return min ? (s[j + 4] >> 4) | ((s[j] >> 6) << 4)
                   : (s[j + 4] & 15) | ((s[j - 4] >> 6) << 4);
    };
    switch (type) {
    case GgmlType::Q4_0:
        out.size = 32;
        add(half(b), -8.0 * half(b));
        return true;
    case GgmlType::Q4_1:
        out.size = 32;
        add(half(b), half(b + 2));
        return true;
    case GgmlType::Q5_0:
        out.size = 32;
        add(half(b), -16.0 * half(b));
        return true;
    case GgmlType::Q5_1:
        out.size = 32;
        add(half(b), half(b + 2));
        return true;
    case GgmlType::Q8_0:
    case GgmlType::IQ4_NL:
        out.size = 32;
        add(half(b), -128.0 * half(b));
        return true;
    case GgmlType::MXFP4: { // E8M0 byte e at 0: the doubled levels -12..12 times 2^(e - 128)
        out.size = 32;
        const double d = std::ldexp(1.0, int(b[0]) - 128);
        add(d, -12.0 * d);
        return true;
    }
    case GgmlType::Q2_K:
        out.size = 16;
        for (size_t j = 0; j < 16; ++j) {
            add(double(half(b + 80)) * (b[j] & 15), -double(half(b + 82)) * (b[j] >> 4));
        }
        return true;
    case GgmlType::Q3_K:
        out.size = 16;
        for (size_t j = 0; j < 16; ++j) {
            const int low = j < 8 ? b[96 + j] & 15 : b[96 + j - 8] >> 4;
            const int high = (b[96 + 8 + j % 4] >> (2 * (j / 4))) & 3;
            const double s = double(half(b + 108)) * ((low | (high << 4)) - 32);
            add(s, -4.0 * s);
        }
        return true;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
        out.size = 32;
        for (size_t j = 0; j < 8; ++j) {
            add(double(half(b)) * k_scale(b + 4, j, false),
                -double(half(b + 2)) * k_scale(b + 4, j, true));
        }
        return true;
    case GgmlType::Q6_K:
        out.size = 16;
        for (size_t j = 0; j < 16; ++j) {
            const double s = double(half(b + 208)) * int8_t(b[192 + j]);
            add(s, -32.0 * s);
        }
        return true;
    case GgmlType::IQ4_XS:
        out.size = 32;
        for (size_t j = 0; j < 8; ++j) {
            uint16_t high;
            std::memcpy(&high, b + 2, 2);
            const int ls = ((b[4 + j / 2] >> (4 * (j % 2))) & 15) | (((high >> (2 * j)) & 3) << 4);
            const double s = double(half(b)) * (ls - 32);
            add(s, -128.0 * s);
        }
        return true;
    default:
        return false;
    }
}

// What a quantized kernel computes for one row and one token, exactly (in double), and the
// float error it may add. The integer sums are exact; each 32-bit lane's partial sum is then
// scaled (two roundings) and accumulated, at most 2 * n_sub deep in one lane (128-bit vectors
// hold half a sub-block), then reduced over log2(lanes) <= 4 steps: at most 2 * n_sub + 24
// roundings, each relative to no more than the sum of the products' magnitudes.
struct Expected {
    double value = 0.0;
    double bound = 0.0;
    bool codes_ok = true; // every weight is scale * integer code + offset (checks sub_blocks)
};

inline Expected quantized_dot(GgmlType type, const uint8_t* row, size_t cols,
                              const QuantizedRow& a) {
    const TypeTraits& t = traits(type);
    Expected e;
    double magnitude = 0.0;
    size_t subs_total = 0;
    std::vector<float> w(t.block_size);
    SubBlocks sb;
    for (size_t blk = 0; blk < cols / t.block_size; ++blk) {
        const uint8_t* bytes = row + blk * t.type_size;
        dequantize(type, {reinterpret_cast<const std::byte*>(bytes), t.type_size}, w);
        sub_blocks(type, bytes, sb);
        for (size_t j = 0; j < sb.scale.size(); ++j) {
            long code_dot = 0, q_sum = 0, code_abs = 0, q_abs = 0;
            for (size_t i = j * sb.size; i < (j + 1) * sb.size; ++i) {
                const size_t col = blk * t.block_size + i;
                double code = 0.0;
                if (sb.scale[j] != 0.0) {
                    code = std::nearbyint((double(w[i]) - sb.offset[j]) / sb.scale[j]);
                    const double back = sb.scale[j] * code + sb.offset[j];
                    e.codes_ok &=
                        code >= 0.0 && code <= 255.0 &&
                        std::fabs(back - w[i]) <= 4 * kUnit * std::fabs(sb.scale[j] * code) +
                                                      4 * kUnit * std::fabs(sb.offset[j]);
                }
                code_dot += long(code) * a.q[col];
                q_sum += a.q[col];
                code_abs += long(code) * std::abs(a.q[col]);
                q_abs += std::abs(a.q[col]);
            }
            const double d = a.d[(blk * t.block_size + j * sb.size) / 32];
            const double scaled = sb.scale[j] * d * double(code_dot);
            const double offset = sb.offset[j] * d * double(q_sum);
            e.value += scaled + offset;
            // Lanes hold partial sums of a few products: bound them by the products' sizes.
            magnitude += std::fabs(sb.scale[j] * d) * double(code_abs) +
                         std::fabs(sb.offset[j] * d) * double(q_abs);
            ++subs_total;
        }
    }
    e.bound = double(2 * subs_total + 24) * kUnit * magnitude + 1e-30;
    return e;
}

} // namespace hearth::test
