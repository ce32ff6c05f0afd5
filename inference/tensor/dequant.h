// Dequantization: turns the packed blocks of a tensor row into float32. Every type whose
// traits say `dequantizable` is supported; the block layouts are drawn in the .cpp files.
#pragma once

#include "tensor/ggml_type.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace hearth {

// The 16 non-linear levels of IQ4_NL and IQ4_XS.
inline constexpr int8_t kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                          1,    13,   25,  38,  53,  69,  89,  113};

// The 16 values of an MXFP4 nibble: bit 3 the sign, bits 0-2 an E2M1 magnitude (0, 0.5, 1,
// 1.5, 2, 3, 4, 6), here doubled to integers, so a block's scale is half its E8M0 power.
inline constexpr int8_t kMxfp4Levels[16] = {0, 1,  2,  3,  4,  6,  8,  12,
                                            0, -1, -2, -3, -4, -6, -8, -12};

// Half the value of an E8M0 scale byte, 2^(e - 128), as a float: the exponent field e - 1 for
// e >= 2, else the subnormals 2^-128 and 2^-127. Every byte is a power of two (e = 255 too).
inline float mxfp4_scale(uint8_t e) {
    return std::bit_cast<float>(e >= 2 ? uint32_t(e - 1) << 23 : uint32_t(0x00200000) << e);
}

// Writes dst.size() floats decoded from `src`, which holds exactly
// row_bytes(type, dst.size()) bytes. dst.size() must be a multiple of the block size and the
// type dequantizable (checked by callers when a model is loaded).
void dequantize(GgmlType type, std::span<const std::byte> src, std::span<float> dst);

// Per-family decoders (dequant_small_blocks.cpp and dequant_k_quants.cpp).
void dequantize_small_blocks(GgmlType type, const std::byte* src, float* dst, size_t blocks);
void dequantize_k_quants(GgmlType type, const std::byte* src, float* dst, size_t blocks);

} // namespace hearth
