// Dequantization: turns the packed blocks of a tensor row into float32. Every type whose
// traits say `dequantizable` is supported; the block layouts are drawn in the .cpp files.
#pragma once

#include "tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace hearth {

// The 16 non-linear levels of IQ4_NL and IQ4_XS.
inline constexpr int8_t kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                          1,    13,   25,  38,  53,  69,  89,  113};

// Writes dst.size() floats decoded from `src`, which holds exactly
// row_bytes(type, dst.size()) bytes. dst.size() must be a multiple of the block size and the
// type dequantizable (checked by callers when a model is loaded).
void dequantize(GgmlType type, std::span<const std::byte> src, std::span<float> dst);

// Per-family decoders (dequant_small_blocks.cpp and dequant_k_quants.cpp).
void dequantize_small_blocks(GgmlType type, const std::byte* src, float* dst, size_t blocks);
void dequantize_k_quants(GgmlType type, const std::byte* src, float* dst, size_t blocks);

} // namespace hearth
