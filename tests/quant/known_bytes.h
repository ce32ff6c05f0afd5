// Helpers for the known-bytes tests (tst_dequant.cpp, tst_dequant_k.cpp): rows of blocks
// written byte by byte, decoded with the engine, compared exactly with values worked out from
// the format definition. Every value chosen there is a small integer times a power of two, so
// the decoder's float arithmetic is exact and the comparison can be exact too.
#pragma once

#include "tensor/dequant.h"

#include <QString>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace known {

// Half-precision constants used as block scales, with their values from the f16 definition
// (sign | 5-bit exponent, bias 15 | 10-bit mantissa).
inline constexpr uint16_t kHalf0_125 = 0x3000; // 2^-3
inline constexpr uint16_t kHalf0_25 = 0x3400;  // 2^-2
inline constexpr uint16_t kHalf0_5 = 0x3800;   // 2^-1
inline constexpr uint16_t kHalfMinus0_5 = 0xB800;
inline constexpr uint16_t kHalf1_5 = 0x3E00; // 1.1b * 2^0
inline constexpr uint16_t kHalfMinus1_5 = 0xBE00;
inline constexpr uint16_t kHalf2 = 0x4000; // 2^1
inline constexpr uint16_t kHalfMinus2 = 0xC000;
inline constexpr uint16_t kHalf0_375 = 0x3600; // 1.1b * 2^-2
inline constexpr uint16_t kHalfMinus0_25 = 0xB400;

// A row of `blocks` blocks of `block_bytes` bytes, zero-filled, written at absolute offsets.
class Row {
public:
    Row(size_t blocks, size_t block_bytes) : bytes_(blocks * block_bytes) {}
    void u8(size_t at, unsigned v) { bytes_.at(at) = std::byte(v & 0xFF); }
    // Little-endian 16-bit value (f16 scales, IQ4_XS scales_h).
    void u16(size_t at, unsigned v) {
        u8(at, v);
        u8(at + 1, v >> 8);
    }
    unsigned get(size_t at) const { return std::to_integer<unsigned>(bytes_.at(at)); }
    // ORs bits into a byte (fields that share a byte are written one by one).
    void bits(size_t at, unsigned v) { u8(at, get(at) | v); }
    const std::vector<std::byte>& bytes() const { return bytes_; }

private:
    std::vector<std::byte> bytes_;
};

inline std::vector<float> decode(hearth::GgmlType type, const Row& row, size_t elements) {
    std::vector<float> out(elements, NAN); // NaN: an element the decoder skips cannot pass
    hearth::dequantize(type, row.bytes(), out);
    return out;
}

// Empty when every element equals its expected value exactly; otherwise names the first
// element that does not.
inline QString mismatch(const std::vector<float>& got, const std::vector<double>& want) {
    if (got.size() != want.size()) {
        return QStringLiteral("size %1, want %2").arg(got.size()).arg(want.size());
    }
    for (size_t i = 0; i < got.size(); ++i) {
        if (double(got[i]) != want[i]) {
            return QStringLiteral("element %1: got %2, want %3")
                .arg(i)
                .arg(double(got[i]))
                .arg(want[i]);
        }
    }
    return {};
}

} // namespace known

#define COMPARE_FLOATS(got, want)                                                                  \
    do {                                                                                           \
        const QString m_ = known::mismatch(got, want);                                             \
        QVERIFY2(m_.isEmpty(), qPrintable(m_));                                                    \
    } while (false)
