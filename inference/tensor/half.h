// IEEE half precision (f16) and bfloat16 conversions.
#pragma once

#include <bit>
#include <cstdint>

namespace hearth {

inline float f16_to_f32(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F;
    uint32_t mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0x1F) { // inf / nan
        bits = sign | 0x7F800000 | (mantissa << 13);
    } else if (exponent != 0) { // normal
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) { // zero
        bits = sign;
    } else { // subnormal: normalise
        int e = -1;
        do {
            ++e;
            mantissa <<= 1;
        } while ((mantissa & 0x400) == 0);
        bits = sign | (uint32_t(112 - e) << 23) | ((mantissa & 0x3FF) << 13);
    }
    return std::bit_cast<float>(bits);
}

// Round to nearest even; overflow becomes inf, nan stays nan.
inline uint16_t f32_to_f16(float f) {
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint16_t sign = uint16_t((x >> 16) & 0x8000);
    const uint32_t abs = x & 0x7FFFFFFF;
    if (abs > 0x7F800000) {
        return sign | 0x7E00;
    }
    if (abs >= 0x477FF000) { // rounds to >= 65520: inf
        return sign | 0x7C00;
    }
    if (abs < 0x38800000) { // below the smallest normal half: subnormal or zero
        const float magnitude = std::bit_cast<float>(abs);
        // Scaling by 2^24 (exact) gives the subnormal's mantissa as integer + fraction.
        const float scaled = magnitude * 16777216.0f;
        uint32_t m = uint32_t(scaled);
        const float rest = scaled - float(m);
        if (rest > 0.5f || (rest == 0.5f && (m & 1))) {
            ++m;
        }
        return sign | uint16_t(m);
    }
    uint32_t rounded = abs + 0xFFF + ((abs >> 13) & 1); // round to nearest even at bit 13
    return sign | uint16_t((rounded - 0x38000000) >> 13);
}

inline float bf16_to_f32(uint16_t b) {
    return std::bit_cast<float>(uint32_t(b) << 16);
}

} // namespace hearth
