// Reference quantizers: half/bfloat16 encoding, the 32-element block types and the dispatcher.
// Layouts (little-endian; "qs[j]" packs element j in its low nibble and element j+16 in its
// high nibble in every 4-bit type — not adjacent pairs):
//   Q4_0   18 B  f16 d | u8 qs[16]                     y = d * (q - 8),  q in 0..15
//   Q4_1   20 B  f16 d | f16 m | u8 qs[16]             y = d * q + m,    q in 0..15
//   Q5_0   22 B  f16 d | u8 qh[4] | u8 qs[16]          y = d * (q - 16), q in 0..31
//   Q5_1   24 B  f16 d | f16 m | u8 qh[4] | u8 qs[16]  y = d * q + m,    q in 0..31
//   Q8_0   34 B  f16 d | i8 qs[32]                     y = d * q
//   IQ4_NL 18 B  f16 d | u8 qs[16]                     y = d * kIq4Levels[q]
//   MXFP4  17 B  u8 e  | u8 qs[16]                     y = 2^(e - 127) * E2M1(q)
// Q5 fifth bits: qh read as a little-endian u32, bit j is bit 4 of element j (j in 0..31).

#include "quantize.h"

#include "quantize_grid.h"

#include <bit>
#include <cmath>
#include <limits>

namespace hearth::test {

using namespace grid;

namespace {

// A binary floating-point format of 16 bits: `mant` stored mantissa bits, `ebits` exponent
// bits, exponent bias `bias`. Encodes by scaling the magnitude to an integer count of the
// quantum 2^(e - mant) of its binade and rounding that count.
uint16_t encode_binary(double x, int mant, int ebits, int bias, Rounding rounding) {
    const uint32_t sign = std::signbit(x) ? 1u << (mant + ebits) : 0;
    const uint32_t exp_ones = ((1u << ebits) - 1) << mant;
    if (std::isnan(x)) {
        return uint16_t(sign | exp_ones | (1u << (mant - 1)));
    }
    const bool negative = sign != 0;
    const bool away_from_zero =
        (rounding == Rounding::Up && !negative) || (rounding == Rounding::Down && negative);
    const bool toward_zero = rounding != Rounding::NearestEven && !away_from_zero;
    const double a = std::fabs(x);
    const int emin = 1 - bias;                // exponent of the smallest normal
    const int emax = (1 << ebits) - 2 - bias; // exponent of the largest finite binade
    const uint32_t largest = exp_ones - 1;    // emax with all mantissa bits set
    if (std::isinf(a)) {
        return uint16_t(sign | (toward_zero ? largest : exp_ones));
    }
    int e = emin; // subnormals share the quantum of the smallest binade
    if (a >= std::ldexp(1.0, emin)) {
        int frexp_exponent;
        std::frexp(a, &frexp_exponent); // a = f * 2^frexp_exponent, f in [0.5, 1)
        e = frexp_exponent - 1;
    }
    double n = std::ldexp(a, mant - e); // exact: a scaled by a power of two
    if (rounding == Rounding::NearestEven) {
        n = std::nearbyint(n); // the default rounding mode: ties to even
    } else {
        n = away_from_zero ? std::ceil(n) : std::floor(n);
    }
    if (n == std::ldexp(1.0, mant + 1)) { // rounded up into the next binade
        n = std::ldexp(1.0, mant);
        ++e;
    }
    if (e > emax) {
        return uint16_t(sign | (toward_zero ? largest : exp_ones));
    }
    const uint32_t count = uint32_t(n);
    const uint32_t implicit = 1u << mant;
    if (count < implicit) { // subnormal or zero: exponent field 0
        return uint16_t(sign | count);
    }
    return uint16_t(sign | (uint32_t(e + bias) << mant) | (count - implicit));
}

double decode_binary(uint16_t bits, int mant, int ebits, int bias) {
    const bool negative = (bits >> (mant + ebits)) & 1;
    const int field = (bits >> mant) & ((1 << ebits) - 1);
    const int m = bits & ((1 << mant) - 1);
    double v;
    if (field == (1 << ebits) - 1) {
        v = m != 0 ? std::numeric_limits<double>::quiet_NaN()
                   : std::numeric_limits<double>::infinity();
    } else if (field == 0) {
        v = std::ldexp(double(m), 1 - bias - mant);
    } else {
        v = std::ldexp(double(m + (1 << mant)), field - bias - mant);
    }
    return negative ? -v : v;
}

// A scale stored as f16, rounded away from zero so the step never shrinks below the one the
// block needs (values stay on the grid without clamping). Returns the f16 bits; `value` gets
// the exact value the decoder will see.
uint16_t f16_scale(double step, double& value) {
    const uint16_t bits = to_f16(step, step < 0 ? Rounding::Down : Rounding::Up);
    value = from_f16(bits);
    return bits;
}

// Symmetric types (Q4_0, Q5_0, Q8_0, IQ4_NL): one signed step per block. Both signs are
// tried — a negative step maps the block's top to the grid's long side — and the one with the
// smaller squared error kept. Either fits the whole block, so |error| <= g.max_error * |step|.
uint16_t symmetric_block(const float* x, const Grid& g, int* codes) {
    const Extent e = extent(x, 32);
    double positive, negative;
    const uint16_t bits_pos = f16_scale(fit_step_positive(e, g), positive);
    const uint16_t bits_neg = f16_scale(-fit_step_negative(e, g), negative);
    int other[32];
    const double sse_pos = encode(x, 32, positive, g, codes);
    const double sse_neg = encode(x, 32, negative, g, other);
    if (sse_neg < sse_pos) {
        std::copy(other, other + 32, codes);
        return bits_neg;
    }
    return bits_pos;
}

// Affine types (Q4_1, Q5_1): y = d * q + m with q in 0..top. m is the block minimum rounded
// down to f16, d the remaining range / top rounded up, so [m, m + top * d] covers the block
// and |error| <= d / 2.
void affine_block(const float* x, int top, std::byte* out, int* codes) {
    double lo = x[0], hi = x[0];
    for (int i = 1; i < 32; ++i) {
        lo = std::min(lo, double(x[i]));
        hi = std::max(hi, double(x[i]));
    }
    const uint16_t m_bits = to_f16(lo, Rounding::Down);
    const double m = from_f16(m_bits);
    double d;
    const uint16_t d_bits = f16_scale((hi - m) / top, d);
    for (int i = 0; i < 32; ++i) {
        const double q = d > 0 ? std::nearbyint((x[i] - m) / d) : 0.0;
        codes[i] = int(std::clamp(q, 0.0, double(top)));
    }
    put_u16(out, d_bits);
    put_u16(out + 2, m_bits);
}

// Nibbles of 32 codes (already offset to 0..15 or the low 4 bits of 0..31) into qs[16].
void put_nibbles(const int* u, std::byte* qs) {
    for (int j = 0; j < 16; ++j) {
        put_u8(qs + j, (u[j] & 0x0F) | ((u[j + 16] & 0x0F) << 4));
    }
}

// Fifth bits of 32 codes in 0..31 as the little-endian u32 qh.
void put_fifth_bits(const int* u, std::byte* qh) {
    uint32_t bits = 0;
    for (int j = 0; j < 32; ++j) {
        bits |= uint32_t((u[j] >> 4) & 1) << j;
    }
    put_u32(qh, bits);
}

// MXFP4 (OCP Microscaling): each 4-bit code is an E2M1 number (sign bit 3, a 2-bit exponent
// with bias 1 in bits 1-2, one mantissa bit; exponent 0 is subnormal: 0 or 0.5), all scaled
// by one E8M0 byte e: 2^(e - 127). The magnitudes of codes 0..7 are
// 0, 0.5, 1, 1.5, 2, 3, 4, 6.
double e2m1(int code) {
    const int exponent = (code >> 1) & 3, mantissa = code & 1;
    const double magnitude =
        exponent == 0 ? 0.5 * mantissa : std::ldexp(1.0 + 0.5 * mantissa, exponent - 1);
    return (code & 8) != 0 ? -magnitude : magnitude;
}

// The smallest scale 2^(e - 127) with 6 * scale >= max |x| (e in 0..254), so the whole block
// fits without clipping (llama.cpp's encoder takes floor(log2 max) - 2 and clips instead);
// each value then rounds to the nearest code. The largest gap, 4 → 6, is 2 scales, so every
// error is at most one scale, and at most a quarter (below 2 scales) or half (below 4) of one.
// An all-zero block gets e = 0.
void mxfp4_block(const float* x, std::byte* out) {
    double amax = 0;
    for (int i = 0; i < 32; ++i) {
        amax = std::max(amax, std::fabs(double(x[i])));
    }
    int e = 0;
    while (e < 254 && 6.0 * std::ldexp(1.0, e - 127) < amax) {
        ++e;
    }
    const double scale = std::ldexp(1.0, e - 127);
    int codes[32];
    for (int i = 0; i < 32; ++i) {
        const double t = x[i] / scale;
        int best = 0; // +0 for zero; ties go to the smaller code
        for (int c = 1; c < 16; ++c) {
            if (std::fabs(t - e2m1(c)) < std::fabs(t - e2m1(best))) {
                best = c;
            }
        }
        codes[i] = best;
    }
    put_u8(out, unsigned(e));
    put_nibbles(codes, out + 1);
}

} // namespace

uint16_t to_f16(double value, Rounding rounding) {
    return encode_binary(value, 10, 5, 15, rounding);
}

double from_f16(uint16_t bits) {
    return decode_binary(bits, 10, 5, 15);
}

uint16_t to_bf16(float value) {
    return encode_binary(value, 7, 8, 127, Rounding::NearestEven);
}

double from_bf16(uint16_t bits) {
    return decode_binary(bits, 7, 8, 127);
}

void quantize_small_block(GgmlType type, const float* x, std::byte* out) {
    int codes[32];
    int u[32];
    switch (type) {
    case GgmlType::Q4_0:
        put_u16(out, symmetric_block(x, uniform(-8, 7), codes));
        for (int i = 0; i < 32; ++i) {
            u[i] = codes[i] + 8;
        }
        put_nibbles(u, out + 2);
        return;
    case GgmlType::Q5_0:
        put_u16(out, symmetric_block(x, uniform(-16, 15), codes));
        for (int i = 0; i < 32; ++i) {
            u[i] = codes[i] + 16;
        }
        put_fifth_bits(u, out + 2);
        put_nibbles(u, out + 6);
        return;
    case GgmlType::Q8_0:
        // -127..127 like ggml's own encoder: -128 is legal but some SIMD dot products mishandle it.
        put_u16(out, symmetric_block(x, uniform(-127, 127), codes));
        for (int i = 0; i < 32; ++i) {
            put_u8(out + 2 + i, unsigned(codes[i]) & 0xFF); // two's complement i8
        }
        return;
    case GgmlType::IQ4_NL:
        put_u16(out, symmetric_block(x, kIq4Grid, codes));
        put_nibbles(codes, out + 2);
        return;
    case GgmlType::MXFP4:
        mxfp4_block(x, out);
        return;
    case GgmlType::Q4_1:
        affine_block(x, 15, out, codes);
        put_nibbles(codes, out + 4);
        return;
    case GgmlType::Q5_1:
        affine_block(x, 31, out, codes);
        put_fifth_bits(codes, out + 4);
        put_nibbles(codes, out + 8);
        return;
    default:
        return;
    }
}

bool can_quantize(GgmlType type) {
    switch (type) {
    case GgmlType::F32:
    case GgmlType::F16:
    case GgmlType::BF16:
    case GgmlType::Q4_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_0:
    case GgmlType::Q5_1:
    case GgmlType::Q8_0:
    case GgmlType::Q2_K:
    case GgmlType::Q3_K:
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K:
    case GgmlType::IQ4_NL:
    case GgmlType::IQ4_XS:
    case GgmlType::MXFP4:
        return true;
    default:
        return false;
    }
}

std::vector<std::byte> quantize(GgmlType type, std::span<const float> values) {
    const TypeTraits& t = traits(type);
    if (!can_quantize(type) || values.size() % t.block_size != 0) {
        return {};
    }
    std::vector<std::byte> out(row_bytes(type, values.size()));
    if (t.block_size == 1) { // F32, F16, BF16: one element per "block"
        for (size_t i = 0; i < values.size(); ++i) {
            std::byte* p = out.data() + i * t.type_size;
            if (type == GgmlType::F32) {
                put_u32(p, std::bit_cast<uint32_t>(values[i]));
            } else {
                put_u16(p, type == GgmlType::F16 ? to_f16(values[i]) : to_bf16(values[i]));
            }
        }
        return out;
    }
    for (size_t b = 0; b < values.size() / t.block_size; ++b) {
        const float* x = values.data() + b * t.block_size;
        std::byte* p = out.data() + b * t.type_size;
        if (t.block_size == 32) {
            quantize_small_block(type, x, p);
        } else {
            quantize_k_block(type, x, p);
        }
    }
    return out;
}

} // namespace hearth::test
