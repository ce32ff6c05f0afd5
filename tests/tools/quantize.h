// Reference quantizers for tests: float32 → the packed blocks of every tensor type the engine
// decodes. Written from the format definitions (see the block diagrams in
// inference/tensor/dequant_*.cpp and docs in quantize*.cpp), independently of the decoder, so
// that round trips through `hearth::dequantize` test the decoder and synthetic GGUF models of
// every type can be written.
//
// The encoders are plain round-to-nearest on a grid chosen from each block's range, with every
// scale rounded (to f16, to its integer field or to a power of two) in the direction that keeps
// the whole block inside the representable range. No value falls outside its block's grid, so
// each element's error is at most half of its block's step (IQ4: 12 level units; MXFP4: one
// scale, half the gap between 4 and 6); the steps are documented in
// quantize*.cpp and checked by tests/quant/tst_quant_roundtrip.cpp. Less accurate than
// llama.cpp's searches, but with a provable bound.
// Values must stay within the f16 range (|x| < 65504): scales and minimums are stored as f16.
// Where the format leaves a choice the output follows ggml's own encoders (Q8_0 codes in
// -127..127, Q2_K/Q4_K/Q5_K minimums <= 0 with dmin >= 0), so other readers take the files too.
#pragma once

#include "tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hearth::test {

// How a value between two representable numbers is rounded.
enum class Rounding {
    NearestEven,
    Up,   // towards +infinity
    Down, // towards -infinity
};

// IEEE half precision by arithmetic on the value (frexp/ldexp, not bit tricks), rounded once
// from the exact argument (a float32 or a double). Finite values beyond the range become inf,
// or the largest finite half when rounding towards zero; NaN becomes a quiet NaN of its sign.
uint16_t to_f16(double value, Rounding rounding = Rounding::NearestEven);
// The exact value of a half, computed with ldexp.
double from_f16(uint16_t bits);

// bfloat16 (the upper half of a float32), rounded to nearest even.
uint16_t to_bf16(float value);
double from_bf16(uint16_t bits);

// True for the types `quantize` can produce.
bool can_quantize(GgmlType type);

// Packs `values` into blocks of `type`; values.size() must be a multiple of the type's block
// size. Returns row_bytes(type, values.size()) bytes. Supported: F32, F16, BF16, Q4_0, Q4_1,
// Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, MXFP4; anything else
// returns {}.
std::vector<std::byte> quantize(GgmlType type, std::span<const float> values);

// Per-family block encoders (quantize.cpp and quantize_k_quants.cpp); `out` has room for one
// block of the type.
void quantize_small_block(GgmlType type, const float* x, std::byte* out);
void quantize_k_block(GgmlType type, const float* x, std::byte* out);

} // namespace hearth::test
