// Blocks of 32 elements: Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, IQ4_NL and MXFP4.
// In every 4-bit layout byte qs[j] holds element j in its low nibble and element j+16 in its
// high nibble (not adjacent pairs).

#include "tensor/dequant.h"
#include "tensor/half.h"

#include <cstdint>
#include <cstring>

namespace hearth {

namespace {

uint16_t load_u16(const std::byte* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

float load_f16(const std::byte* p) {
    return f16_to_f32(load_u16(p));
}

uint8_t byte_at(const std::byte* p, size_t i) {
    return std::to_integer<uint8_t>(p[i]);
}

// Q4_0, 18 bytes:  +--------+---------------------+
//                  | f16 d  | u8 qs[16]           |   y = (q - 8) * d
//                  +--------+---------------------+
void q4_0(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const std::byte* qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = float(int(byte_at(qs, j) & 0x0F) - 8) * d;
        y[j + 16] = float(int(byte_at(qs, j) >> 4) - 8) * d;
    }
}

// Q4_1, 20 bytes:  +--------+--------+------------+
//                  | f16 d  | f16 m  | u8 qs[16]  |   y = q * d + m
//                  +--------+--------+------------+
void q4_1(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const float m = load_f16(b + 2);
    const std::byte* qs = b + 4;
    for (int j = 0; j < 16; ++j) {
        y[j] = float(byte_at(qs, j) & 0x0F) * d + m;
        y[j + 16] = float(byte_at(qs, j) >> 4) * d + m;
    }
}

// Q5_0, 22 bytes:  +--------+-----------+-----------+
//                  | f16 d  | u8 qh[4]  | u8 qs[16] |   y = (q - 16) * d
//                  +--------+-----------+-----------+
// qh as a little-endian u32: bit j is the fifth bit of element j (j < 32).
void q5_0(const std::byte* b, float* y) {
    const float d = load_f16(b);
    uint32_t qh;
    std::memcpy(&qh, b + 2, 4);
    const std::byte* qs = b + 6;
    for (int j = 0; j < 16; ++j) {
        const int lo = (byte_at(qs, j) & 0x0F) | int(((qh >> j) & 1) << 4);
        const int hi = (byte_at(qs, j) >> 4) | int(((qh >> (j + 16)) & 1) << 4);
        y[j] = float(lo - 16) * d;
        y[j + 16] = float(hi - 16) * d;
    }
}

// Q5_1, 24 bytes:  +--------+--------+-----------+-----------+
//                  | f16 d  | f16 m  | u8 qh[4]  | u8 qs[16] |   y = q * d + m
//                  +--------+--------+-----------+-----------+
void q5_1(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const float m = load_f16(b + 2);
    uint32_t qh;
    std::memcpy(&qh, b + 4, 4);
    const std::byte* qs = b + 8;
    for (int j = 0; j < 16; ++j) {
        const int lo = (byte_at(qs, j) & 0x0F) | int(((qh >> j) & 1) << 4);
        const int hi = (byte_at(qs, j) >> 4) | int(((qh >> (j + 16)) & 1) << 4);
        y[j] = float(lo) * d + m;
        y[j + 16] = float(hi) * d + m;
    }
}

// Q8_0, 34 bytes:  +--------+---------------------------+
//                  | f16 d  | i8 qs[32]                 |   y = q * d
//                  +--------+---------------------------+
void q8_0(const std::byte* b, float* y) {
    const float d = load_f16(b);
    for (int j = 0; j < 32; ++j) {
        y[j] = float(static_cast<int8_t>(byte_at(b + 2, j))) * d;
    }
}

// IQ4_NL, 18 bytes: +--------+-----------+
//                   | f16 d  | u8 qs[16] |   y = kIq4Levels[q] * d
//                   +--------+-----------+
void iq4_nl(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const std::byte* qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = float(kIq4Levels[byte_at(qs, j) & 0x0F]) * d;
        y[j + 16] = float(kIq4Levels[byte_at(qs, j) >> 4]) * d;
    }
}

// MXFP4, 17 bytes: +------+-----------+
//                  | u8 e | u8 qs[16] |   y = kMxfp4Levels[q] * 2^(e - 128)
//                  +------+-----------+
// e is an E8M0 power of two, 2^(e - 127), halved because the levels are doubled E2M1 values.
// Blocks are 17 bytes, so they start at any byte.
void mxfp4(const std::byte* b, float* y) {
    const float d = mxfp4_scale(byte_at(b, 0));
    const std::byte* qs = b + 1;
    for (int j = 0; j < 16; ++j) {
        y[j] = float(kMxfp4Levels[byte_at(qs, j) & 0x0F]) * d;
        y[j + 16] = float(kMxfp4Levels[byte_at(qs, j) >> 4]) * d;
    }
}

} // namespace

void dequantize_small_blocks(GgmlType type, const std::byte* src, float* dst, size_t blocks) {
    void (*decode)(const std::byte*, float*) = nullptr;
    switch (type) {
    case GgmlType::Q4_0:
        decode = q4_0;
        break;
    case GgmlType::Q4_1:
        decode = q4_1;
        break;
    case GgmlType::Q5_0:
        decode = q5_0;
        break;
    case GgmlType::Q5_1:
        decode = q5_1;
        break;
    case GgmlType::Q8_0:
        decode = q8_0;
        break;
    case GgmlType::IQ4_NL:
        decode = iq4_nl;
        break;
    case GgmlType::MXFP4:
        decode = mxfp4;
        break;
    default:
        return;
    }
    const size_t size = traits(type).type_size;
    for (size_t i = 0; i < blocks; ++i) {
        decode(src + i * size, dst + i * 32);
    }
}

} // namespace hearth
