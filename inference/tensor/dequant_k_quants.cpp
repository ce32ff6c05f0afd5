// Super-blocks of 256 elements: Q2_K, Q3_K, Q4_K, Q5_K, Q6_K and IQ4_XS. Each super-block
// has a float16 scale d (and a float16 dmin for the types with minimums) and per-sub-block
// integer scales.

#include "tensor/dequant.h"
#include "tensor/half.h"

#include <cstdint>
#include <cstring>

namespace hearth {

namespace {

float load_f16(const std::byte* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return f16_to_f32(v);
}

const uint8_t* u8(const std::byte* p) {
    return reinterpret_cast<const uint8_t*>(p);
}

// Q2_K, 84 bytes:
//   +--------------+--------------+-------+---------+
//   | u8 scales[16]| u8 qs[64]    | f16 d | f16 dmin|
//   +--------------+--------------+-------+---------+
// 16 sub-blocks of 16. scales[i]: low nibble = scale, high nibble = min.
// qs: two halves of 128; in half h, byte qs[32h + l] holds 2-bit values at shifts 0,2,4,6
// for the four groups of 32 of that half. y = d * scale * q - dmin * min.
void q2_k(const std::byte* b, float* y) {
    const uint8_t* scales = u8(b);
    const uint8_t* q = u8(b + 16);
    const float d = load_f16(b + 80);
    const float dmin = load_f16(b + 82);
    int is = 0;
    for (int half = 0; half < 2; ++half, q += 32) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int part = 0; part < 2; ++part) {
                const uint8_t sc = scales[is++];
                const float dl = d * float(sc & 0x0F);
                const float ml = dmin * float(sc >> 4);
                for (int l = 0; l < 16; ++l) {
                    *y++ = dl * float((q[16 * part + l] >> shift) & 3) - ml;
                }
            }
        }
    }
}

// Q3_K, 110 bytes:
//   +--------------+-----------+----------------+-------+
//   | u8 hmask[32] | u8 qs[64] | u8 scales[12]  | f16 d |
//   +--------------+-----------+----------------+-------+
// 16 sub-blocks of 16 with 6-bit scales (offset 32) packed in 12 bytes: the low 4 bits of
// scale i are in scales[i % 8] (low nibble for i < 8, high nibble otherwise), the top 2 bits
// in scales[8 + i % 4] at bit 2 * (i / 4). Values: 2 low bits from qs like Q2_K, the third
// bit from hmask (bit set = no offset, clear = subtract 4). y = d * (scale - 32) * q.
void q3_k(const std::byte* b, float* y) {
    const uint8_t* hmask = u8(b);
    const uint8_t* q = u8(b + 32);
    const uint8_t* packed = u8(b + 96);
    const float d = load_f16(b + 108);
    int8_t scales[16];
    for (int i = 0; i < 16; ++i) {
        const int low = i < 8 ? packed[i] & 0x0F : packed[i - 8] >> 4;
        const int high = (packed[8 + i % 4] >> (2 * (i / 4))) & 3;
        scales[i] = int8_t((low | (high << 4)) - 32);
    }
    int is = 0;
    uint8_t bit = 1;
    for (int half = 0; half < 2; ++half, q += 32) {
        for (int shift = 0; shift < 8; shift += 2, bit <<= 1) {
            for (int part = 0; part < 2; ++part) {
                const float dl = d * float(scales[is++]);
                for (int l = 0; l < 16; ++l) {
                    const int index = 16 * part + l;
                    const int value = int((q[index] >> shift) & 3) - ((hmask[index] & bit) ? 0 : 4);
                    *y++ = dl * float(value);
                }
            }
        }
    }
}

// The 6-bit scale and min of sub-block j (0..7) of Q4_K/Q5_K, packed in 12 bytes:
// j < 4: scale = s[j] & 63, min = s[j+4] & 63; otherwise the low 4 bits come from s[j+4]
// (scale: low nibble, min: high nibble) and the top 2 bits from the top of s[j-4] / s[j].
void k_scale_min(int j, const uint8_t* s, int& scale, int& min) {
    if (j < 4) {
        scale = s[j] & 63;
        min = s[j + 4] & 63;
    } else {
        scale = (s[j + 4] & 0x0F) | ((s[j - 4] >> 6) << 4);
        min = (s[j + 4] >> 4) | ((s[j] >> 6) << 4);
    }
}

// Q4_K, 144 bytes:
//   +-------+---------+---------------+------------+
//   | f16 d | f16 dmin| u8 scales[12] | u8 qs[128] |
//   +-------+---------+---------------+------------+
// 8 sub-blocks of 32. Chunk c (64 elements) uses qs[32c..32c+31]: low nibbles are sub-block
// 2c, high nibbles sub-block 2c+1. y = d * scale * q - dmin * min.
void q4_k(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const float dmin = load_f16(b + 2);
    const uint8_t* scales = u8(b + 4);
    const uint8_t* q = u8(b + 16);
    for (int c = 0; c < 4; ++c, q += 32) {
        int sc, m;
        k_scale_min(2 * c, scales, sc, m);
        const float d1 = d * float(sc), m1 = dmin * float(m);
        k_scale_min(2 * c + 1, scales, sc, m);
        const float d2 = d * float(sc), m2 = dmin * float(m);
        for (int l = 0; l < 32; ++l) {
            *y++ = d1 * float(q[l] & 0x0F) - m1;
        }
        for (int l = 0; l < 32; ++l) {
            *y++ = d2 * float(q[l] >> 4) - m2;
        }
    }
}

// Q5_K, 176 bytes:
//   +-------+---------+---------------+-----------+------------+
//   | f16 d | f16 dmin| u8 scales[12] | u8 qh[32] | u8 qs[128] |
//   +-------+---------+---------------+-----------+------------+
// As Q4_K plus a fifth bit: for sub-block s, bit s of qh[l] belongs to element l of it.
void q5_k(const std::byte* b, float* y) {
    const float d = load_f16(b);
    const float dmin = load_f16(b + 2);
    const uint8_t* scales = u8(b + 4);
    const uint8_t* qh = u8(b + 16);
    const uint8_t* q = u8(b + 48);
    for (int c = 0; c < 4; ++c, q += 32) {
        int sc, m;
        k_scale_min(2 * c, scales, sc, m);
        const float d1 = d * float(sc), m1 = dmin * float(m);
        k_scale_min(2 * c + 1, scales, sc, m);
        const float d2 = d * float(sc), m2 = dmin * float(m);
        const uint8_t bit1 = uint8_t(1u << (2 * c)), bit2 = uint8_t(2u << (2 * c));
        for (int l = 0; l < 32; ++l) {
            *y++ = d1 * float((q[l] & 0x0F) + ((qh[l] & bit1) ? 16 : 0)) - m1;
        }
        for (int l = 0; l < 32; ++l) {
            *y++ = d2 * float((q[l] >> 4) + ((qh[l] & bit2) ? 16 : 0)) - m2;
        }
    }
}

// Q6_K, 210 bytes:
//   +------------+-----------+---------------+-------+
//   | u8 ql[128] | u8 qh[64] | i8 scales[16] | f16 d |
//   +------------+-----------+---------------+-------+
// Two halves of 128. In half h, for l in 0..31, four 6-bit values (minus 32) at positions
// l, l+32, l+64, l+96: low 4 bits from ql[64h+l] / ql[64h+l+32] (low, then high nibbles),
// top 2 bits from qh[32h+l] at shifts 0, 2, 4, 6. Scale of position p: scales[8h + p/16].
void q6_k(const std::byte* b, float* y) {
    const uint8_t* ql = u8(b);
    const uint8_t* qh = u8(b + 128);
    const int8_t* scales = reinterpret_cast<const int8_t*>(b + 192);
    const float d = load_f16(b + 208);
    for (int half = 0; half < 2; ++half, ql += 64, qh += 32, scales += 8, y += 128) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = int((ql[l] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = int((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l] = d * float(scales[is]) * float(q1);
            y[l + 32] = d * float(scales[is + 2]) * float(q2);
            y[l + 64] = d * float(scales[is + 4]) * float(q3);
            y[l + 96] = d * float(scales[is + 6]) * float(q4);
        }
    }
}

// IQ4_XS, 136 bytes:
//   +-------+--------------+---------------+------------+
//   | f16 d | u16 scales_h | u8 scales_l[4]| u8 qs[128] |
//   +-------+--------------+---------------+------------+
// 8 sub-blocks of 32 with 6-bit scales (offset 32): low 4 bits in scales_l (nibble ib % 2 of
// byte ib / 2), top 2 bits at bit 2*ib of scales_h. Values as IQ4_NL within each sub-block.
void iq4_xs(const std::byte* b, float* y) {
    const float d = load_f16(b);
    uint16_t scales_h;
    std::memcpy(&scales_h, b + 2, 2);
    const uint8_t* scales_l = u8(b + 4);
    const uint8_t* qs = u8(b + 8);
    for (int ib = 0; ib < 8; ++ib, qs += 16, y += 32) {
        const int ls =
            ((scales_l[ib / 2] >> (4 * (ib % 2))) & 0x0F) | (((scales_h >> (2 * ib)) & 3) << 4);
        const float dl = d * float(ls - 32);
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * float(kIq4Levels[qs[j] & 0x0F]);
            y[j + 16] = dl * float(kIq4Levels[qs[j] >> 4]);
        }
    }
}

} // namespace

void dequantize_k_quants(GgmlType type, const std::byte* src, float* dst, size_t blocks) {
    void (*decode)(const std::byte*, float*) = nullptr;
    switch (type) {
    case GgmlType::Q2_K:
        decode = q2_k;
        break;
    case GgmlType::Q3_K:
        decode = q3_k;
        break;
    case GgmlType::Q4_K:
        decode = q4_k;
        break;
    case GgmlType::Q5_K:
        decode = q5_k;
        break;
    case GgmlType::Q6_K:
        decode = q6_k;
        break;
    case GgmlType::IQ4_XS:
        decode = iq4_xs;
        break;
    default:
        return;
    }
    const size_t size = traits(type).type_size;
    for (size_t i = 0; i < blocks; ++i) {
        decode(src + i * size, dst + i * 256);
    }
}

} // namespace hearth
