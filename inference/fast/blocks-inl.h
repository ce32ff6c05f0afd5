// Per-type decoding of quantized weight blocks into 8-bit codes and per-sub-block scales,
// compiled once per SIMD target (Highway). Every quantized type is written in one form:
//
//     weight = scale[j] * code + offset[j]      for the elements of sub-block j
//
// with unsigned codes, so an integer dot product of codes with 8-bit activations followed
// by one multiply-add per sub-block gives the exact dot product of the dequantized row
// (see matmul-inl.h). The block layouts are drawn in tensor/dequant_*.cpp.
//
//   type    block  sub  codes           scale          offset
//   Q4_0     32    32   q       0..15   d              -8 d
//   Q4_1     32    32   q       0..15   d              m
//   Q5_0     32    32   q       0..31   d              -16 d
//   Q5_1     32    32   q       0..31   d              m
//   Q8_0     32    32   q+128   0..255  d              -128 d
//   IQ4_NL   32    32   lvl+128 1..241  d              -128 d
//   MXFP4    32    32   lvl+12  0..24   2^(e-128)      -12 scale
//   Q2_K    256    16   q       0..3    d sc           -dmin m
//   Q3_K    256    16   q       0..7    d (sc-32)      -4 scale
//   Q4_K    256    32   q       0..15   d sc           -dmin m
//   Q5_K    256    32   q       0..31   d sc           -dmin m
//   Q6_K    256    16   q       0..63   d sc           -32 scale
//   IQ4_XS  256    32   lvl+128 1..241  d (sc-32)      -128 scale
//
// "Wide" types have codes above 127, which the pairwise 16-bit products of targets without
// VNNI would saturate; they take the exact (slower) product there.

#if defined(HEARTH_FAST_BLOCKS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef HEARTH_FAST_BLOCKS_INL_H_
#undef HEARTH_FAST_BLOCKS_INL_H_
#else
#define HEARTH_FAST_BLOCKS_INL_H_
#endif

#include "tensor/dequant.h"
#include "tensor/half.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace hearth::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Code vectors hold up to 32 lanes: one sub-block of 32 on 256- and 512-bit targets, half
// of one on 128-bit targets.
using D8 = hn::CappedTag<uint8_t, 32>;
inline constexpr size_t kCodeLanes = hn::MaxLanes(D8());
static_assert(kCodeLanes == 16 || kCodeLanes == 32, "128-bit or wider vectors expected");

// An f16 as float with the hardware conversion where there is one (F16C, NEON).
inline float half_at(const uint8_t* p) {
    const hn::CappedTag<float, 1> d1;
    const hn::Rebind<hwy::float16_t, decltype(d1)> dh1;
    return hn::GetLane(
        hn::PromoteTo(d1, hn::LoadU(dh1, reinterpret_cast<const hwy::float16_t*>(p))));
}

template <class D> hn::VFromD<D> low_nibbles(D d, hn::VFromD<D> v) {
    return hn::And(v, hn::Set(d, uint8_t{0x0F}));
}

template <class D> hn::VFromD<D> high_nibbles(D d, hn::VFromD<D> v) {
    const hn::Repartition<uint16_t, D> d16;
    return hn::And(hn::BitCast(d, hn::ShiftRight<4>(hn::BitCast(d16, v))),
                   hn::Set(d, uint8_t{0x0F}));
}

// Elements [e0, e0 + kCodeLanes) of a 32-element block whose byte j holds element j in its
// low nibble and element j + 16 in its high nibble (Q4_0, Q4_1, Q5_x, IQ4_NL, IQ4_XS, MXFP4).
inline hn::VFromD<D8> split_nibbles(const uint8_t* qs, size_t e0) {
    const D8 d;
    if constexpr (kCodeLanes == 32) {
        const hn::Half<D8> dh;
        const auto v = hn::LoadU(dh, qs);
        return hn::Combine(d, high_nibbles(dh, v), low_nibbles(dh, v));
    } else {
        const auto v = hn::LoadU(d, qs);
        return e0 == 0 ? low_nibbles(d, v) : high_nibbles(d, v);
    }
}

// Adds 16 to the lanes whose bit is set in the little-endian bit string at `bits`, starting
// at bit `first` (a multiple of 8).
inline hn::VFromD<D8> add_fifth_bits(hn::VFromD<D8> codes, const uint8_t* bits, size_t first) {
    const D8 d;
    const auto mask = hn::LoadMaskBits(d, bits + first / 8);
    return hn::Or(codes, hn::IfThenElseZero(mask, hn::Set(d, uint8_t{16})));
}

// A 16-entry table of signed levels shifted to unsigned codes, looked up by nibble: IQ4's
// levels + 128 (1..255), MXFP4's + 12 (0..24).
struct NibbleCodes {
    alignas(16) uint8_t code[16];
};

constexpr NibbleCodes shifted_codes(const int8_t (&levels)[16], int shift) {
    NibbleCodes table{};
    for (size_t i = 0; i < 16; ++i) {
        table.code[i] = uint8_t(levels[i] + shift);
    }
    return table;
}

inline constexpr NibbleCodes kIq4Codes = shifted_codes(kIq4Levels, 128);
inline constexpr NibbleCodes kMxfp4Codes = shifted_codes(kMxfp4Levels, 12);

// Codes of nibbles through a 16-entry table (kIq4Codes, kMxfp4Codes).
template <class D>
HWY_INLINE hn::VFromD<D> table_codes(D d, const uint8_t* table, hn::VFromD<D> nibbles) {
    return hn::TableLookupBytes(hn::LoadDup128(d, table), nibbles);
}

inline hn::VFromD<D8> iq4_codes(hn::VFromD<D8> nibbles) {
    return table_codes(D8(), kIq4Codes.code, nibbles);
}

// 2-bit fields of the Q2_K/Q3_K layout: element e of a super-block is bits 2g..2g+1 of
// qs[32h + l], with h = e / 128, g = (e % 128) / 32, l = e % 32.
inline hn::VFromD<D8> two_bit_field(const uint8_t* qs, size_t e) {
    const D8 d;
    const auto v = hn::LoadU(d, qs + 32 * (e / 128) + e % 32);
    const int shift = int(2 * ((e % 128) / 32));
    const hn::Repartition<uint16_t, D8> d16;
    return hn::And(hn::BitCast(d, hn::ShiftRightSame(hn::BitCast(d16, v), shift)),
                   hn::Set(d, uint8_t{3}));
}

// out[i] = bytes[i] * mul for N bytes (unsigned, or signed when T is int8_t).
template <size_t N, class T> HWY_INLINE void bytes_times(const T* bytes, float mul, float* out) {
    const hn::CappedTag<float, N> df;
    const hn::Rebind<T, decltype(df)> d8;
    const hn::Rebind<int32_t, decltype(df)> di32;
    for (size_t i = 0; i < N; i += hn::Lanes(df)) {
        const auto v = hn::ConvertTo(df, hn::PromoteTo(di32, hn::LoadU(d8, bytes + i)));
        hn::StoreU(hn::Mul(v, hn::Set(df, mul)), df, out + i);
    }
}

// The 8 scales and 8 minimums of a Q4_K/Q5_K super-block as bytes: the 12 packed bytes
// rearranged with 32-bit masks (the layout of k_scale_min): out[0..7] scales, out[8..15] mins.
inline void unpack_k_scales(const uint8_t* packed, uint8_t* out) {
    uint32_t u[4];
    std::memcpy(u, packed, 12);
    u[3] = ((u[2] >> 4) & 0x0f0f0f0f) | (((u[1] >> 6) & 0x03030303) << 4);
    const uint32_t low_mins = u[1] & 0x3f3f3f3f;
    u[1] = (u[2] & 0x0f0f0f0f) | (((u[0] >> 6) & 0x03030303) << 4);
    u[2] = low_mins;
    u[0] &= 0x3f3f3f3f;
    std::memcpy(out, u, 16);
}

// Blocks of 32 also describe where their scale is, for loading many at once: the f16 scale d
// at byte 0 (or, with kE8M0, an E8M0 byte there), and either an f16 offset m at byte 2 (kMin)
// or the offset -kZero * d. Those whose codes are just the 16 bytes of nibbles at kNibbles
// (mapped through kTable where there is one) can split two blocks into one 512-bit vector in
// a few instructions.
struct BlockQ4_0 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 18, kNibbles = 2;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 8.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = -8.0f * s[0];
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) { return split_nibbles(b + 2, e0); }
};

struct BlockQ4_1 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 20, kNibbles = 4;
    static constexpr bool kWide = false, kMin = true;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = half_at(b + 2);
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) { return split_nibbles(b + 4, e0); }
};

struct BlockQ5_0 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 22;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 16.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = -16.0f * s[0];
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        return add_fifth_bits(split_nibbles(b + 6, e0), b + 2, e0);
    }
};

struct BlockQ5_1 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 24;
    static constexpr bool kWide = false, kMin = true;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = half_at(b + 2);
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        return add_fifth_bits(split_nibbles(b + 8, e0), b + 4, e0);
    }
};

struct BlockQ8_0 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 34;
    static constexpr bool kWide = true, kMin = false;
    static constexpr float kZero = 128.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = -128.0f * s[0];
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        const D8 d;
        return hn::Xor(hn::LoadU(d, b + 2 + e0), hn::Set(d, uint8_t{0x80}));
    }
};

struct BlockIQ4_NL {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 18, kNibbles = 2;
    static constexpr bool kWide = true, kMin = false;
    static constexpr float kZero = 128.0f;
    static constexpr const uint8_t* kTable = kIq4Codes.code;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = half_at(b);
        o[0] = -128.0f * s[0];
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        return iq4_codes(split_nibbles(b + 2, e0));
    }
};

// Codes 0..24 fit the pairwise 16-bit products, so MXFP4 is not wide.
struct BlockMXFP4 {
    static constexpr size_t kBlock = 32, kSub = 32, kBytes = 17, kNibbles = 1;
    static constexpr bool kWide = false, kMin = false, kE8M0 = true;
    static constexpr float kZero = 12.0f;
    static constexpr const uint8_t* kTable = kMxfp4Codes.code;
    static void scales(const uint8_t* b, float* s, float* o) {
        s[0] = mxfp4_scale(b[0]);
        o[0] = -12.0f * s[0];
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        return table_codes(D8(), kMxfp4Codes.code, split_nibbles(b + 1, e0));
    }
};

// Whether a block type's scale is an E8M0 byte (see BlockMXFP4) rather than an f16.
template <class Block> inline constexpr bool kE8M0Scale = requires { Block::kE8M0; };

struct BlockQ2_K {
    static constexpr size_t kBlock = 256, kSub = 16, kBytes = 84;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        uint8_t low[16], high[16];
        for (size_t j = 0; j < 16; ++j) {
            low[j] = b[j] & 0x0F;
            high[j] = b[j] >> 4;
        }
        bytes_times<16>(low, half_at(b + 80), s);
        bytes_times<16>(high, -half_at(b + 82), o);
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) { return two_bit_field(b + 16, e0); }
};

struct BlockQ3_K {
    static constexpr size_t kBlock = 256, kSub = 16, kBytes = 110;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        const uint8_t* packed = b + 96;
        const float d = half_at(b + 108);
        for (size_t i = 0; i < 16; ++i) {
            const int low = i < 8 ? packed[i] & 0x0F : packed[i - 8] >> 4;
            const int high = (packed[8 + i % 4] >> (2 * (i / 4))) & 3;
            s[i] = d * float((low | (high << 4)) - 32);
            o[i] = -4.0f * s[i];
        }
    }
    // Low 2 bits as Q2_K; the third from hmask[l] bit e / 32 (set: no offset, so code + 4).
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        const D8 d;
        const auto high =
            hn::TestBit(hn::LoadU(d, b + e0 % 32), hn::Set(d, uint8_t(1u << (e0 / 32))));
        return hn::Or(two_bit_field(b + 32, e0), hn::IfThenElseZero(high, hn::Set(d, uint8_t{4})));
    }
};

struct BlockQ4_K {
    static constexpr size_t kBlock = 256, kSub = 32, kBytes = 144;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        uint8_t packed[16];
        unpack_k_scales(b + 4, packed);
        bytes_times<8>(packed, half_at(b), s);
        bytes_times<8>(packed + 8, -half_at(b + 2), o);
    }
    // Chunk c of 64 elements: qs[32c..32c+31], low nibbles then high nibbles.
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        const D8 d;
        const auto v = hn::LoadU(d, b + 16 + 32 * (e0 / 64) + e0 % 32);
        return (e0 / 32) % 2 == 0 ? low_nibbles(d, v) : high_nibbles(d, v);
    }
};

struct BlockQ5_K {
    static constexpr size_t kBlock = 256, kSub = 32, kBytes = 176;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) { BlockQ4_K::scales(b, s, o); }
    // As Q4_K (qs at 48) plus bit e / 32 of qh[e % 32] as the fifth bit.
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        const D8 d;
        const auto v = hn::LoadU(d, b + 48 + 32 * (e0 / 64) + e0 % 32);
        const auto low = (e0 / 32) % 2 == 0 ? low_nibbles(d, v) : high_nibbles(d, v);
        const auto high =
            hn::TestBit(hn::LoadU(d, b + 16 + e0 % 32), hn::Set(d, uint8_t(1u << (e0 / 32))));
        return hn::Or(low, hn::IfThenElseZero(high, hn::Set(d, uint8_t{16})));
    }
};

struct BlockQ6_K {
    static constexpr size_t kBlock = 256, kSub = 16, kBytes = 210;
    static constexpr bool kWide = false, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        const float d = half_at(b + 208);
        bytes_times<16>(reinterpret_cast<const int8_t*>(b + 192), d, s);
        bytes_times<16>(reinterpret_cast<const int8_t*>(b + 192), -32.0f * d, o);
    }
    // Element e: half h = e / 128, quarter q = (e % 128) / 32, l = e % 32. Low 4 bits: nibble
    // q / 2 of ql[64h + 32(q % 2) + l]; top 2 bits: bits 2q of qh[32h + l].
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        const D8 d;
        const hn::Repartition<uint16_t, D8> d16;
        const size_t h = e0 / 128, q = (e0 % 128) / 32, l = e0 % 32;
        const auto ql = hn::LoadU(d, b + 64 * h + 32 * (q % 2) + l);
        const auto low = q / 2 == 0 ? low_nibbles(d, ql) : high_nibbles(d, ql);
        const auto qh = hn::BitCast(d16, hn::LoadU(d, b + 128 + 32 * h + l));
        const auto top =
            hn::And(hn::BitCast(d, hn::ShiftRightSame(qh, int(2 * q))), hn::Set(d, uint8_t{3}));
        const auto top_shifted = hn::BitCast(d, hn::ShiftLeft<4>(hn::BitCast(d16, top)));
        return hn::Or(low, top_shifted);
    }
};

struct BlockIQ4_XS {
    static constexpr size_t kBlock = 256, kSub = 32, kBytes = 136;
    static constexpr bool kWide = true, kMin = false;
    static constexpr float kZero = 0.0f;
    static void scales(const uint8_t* b, float* s, float* o) {
        const float d = half_at(b);
        uint16_t high;
        std::memcpy(&high, b + 2, 2);
        for (size_t j = 0; j < 8; ++j) {
            const int ls =
                ((b[4 + j / 2] >> (4 * (j % 2))) & 0x0F) | (((high >> (2 * j)) & 3) << 4);
            s[j] = d * float(ls - 32);
            o[j] = -128.0f * s[j];
        }
    }
    static hn::VFromD<D8> codes(const uint8_t* b, size_t e0) {
        return iq4_codes(split_nibbles(b + 8 + 16 * (e0 / 32), e0 % 32));
    }
};

// Bytes of codes per full vector (64 with AVX-512: two code vectors).
inline constexpr size_t kVectorCodes = hn::MaxLanes(hn::ScalableTag<uint8_t>());
static_assert(kVectorCodes == kCodeLanes || kVectorCodes == 2 * kCodeLanes);

// Two nibble blocks in one 64-byte vector: [low q0, high q0, low q1, high q1] by 16 bytes,
// made by placing each block's 16 bytes twice and shifting every other copy right by 4.
template <class Block>
HWY_INLINE hn::Vec<hn::ScalableTag<uint8_t>> nibble_pair(const uint8_t* blk) {
    const hn::ScalableTag<uint8_t> du8;
    const hn::ScalableTag<uint16_t> du16;
    const hn::ScalableTag<uint64_t> du64;
    const hn::Half<decltype(du8)> dh;
    const hn::Half<decltype(dh)> dq;
    const auto both = hn::Combine(dh, hn::LoadU(dq, blk + Block::kBytes + Block::kNibbles),
                                  hn::LoadU(dq, blk + Block::kNibbles));
    // 64-bit lanes 0 1 0 1 2 3 2 3: each block's bytes twice.
    const auto twice = hn::TableLookupLanes(
        hn::BitCast(du64, hn::ZeroExtendVector(du8, both)),
        hn::SetTableIndices(du64, std::array<int64_t, 8>{0, 1, 0, 1, 2, 3, 2, 3}.data()));
    // 16-bit lanes of the second and fourth copy shift by 4.
    const auto shift =
        hn::ShiftLeft<2>(hn::And(hn::ShiftRight<3>(hn::Iota(du16, 0)), hn::Set(du16, 1)));
    const auto nibbles = hn::And(hn::BitCast(du8, hn::Shr(hn::BitCast(du16, twice), shift)),
                                 hn::Set(du8, uint8_t{0x0F}));
    if constexpr (requires { Block::kTable; }) {
        return table_codes(du8, Block::kTable, nibbles);
    } else {
        return nibbles;
    }
}

// A full vector of codes: elements [e0, e0 + kVectorCodes) of the block at `blk`, or, for
// blocks of 32 narrower than the vector, all of the consecutive blocks at `blk`.
template <class Block>
HWY_INLINE hn::Vec<hn::ScalableTag<uint8_t>> vector_codes(const uint8_t* blk, size_t e0) {
    const hn::ScalableTag<uint8_t> du8;
    if constexpr (kVectorCodes == kCodeLanes) {
        return Block::codes(blk, e0);
    } else if constexpr (Block::kBlock == 32 && requires { Block::kNibbles; }) {
        return nibble_pair<Block>(blk);
    } else if constexpr (Block::kBlock == 32) {
        return hn::Combine(du8, Block::codes(blk + Block::kBytes, 0), Block::codes(blk, 0));
    } else {
        return hn::Combine(du8, Block::codes(blk, e0 + kCodeLanes), Block::codes(blk, e0));
    }
}

// Calls fn(Block{}) with the block type of `type`; returns false for types without one.
template <class Fn> bool with_block_type(GgmlType type, Fn&& fn) {
    switch (type) {
    case GgmlType::Q4_0:
        fn(BlockQ4_0{});
        return true;
    case GgmlType::Q4_1:
        fn(BlockQ4_1{});
        return true;
    case GgmlType::Q5_0:
        fn(BlockQ5_0{});
        return true;
    case GgmlType::Q5_1:
        fn(BlockQ5_1{});
        return true;
    case GgmlType::Q8_0:
        fn(BlockQ8_0{});
        return true;
    case GgmlType::IQ4_NL:
        fn(BlockIQ4_NL{});
        return true;
    case GgmlType::MXFP4:
        fn(BlockMXFP4{});
        return true;
    case GgmlType::Q2_K:
        fn(BlockQ2_K{});
        return true;
    case GgmlType::Q3_K:
        fn(BlockQ3_K{});
        return true;
    case GgmlType::Q4_K:
        fn(BlockQ4_K{});
        return true;
    case GgmlType::Q5_K:
        fn(BlockQ5_K{});
        return true;
    case GgmlType::Q6_K:
        fn(BlockQ6_K{});
        return true;
    case GgmlType::IQ4_XS:
        fn(BlockIQ4_XS{});
        return true;
    default:
        return false;
    }
}

} // namespace hearth::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif // HEARTH_FAST_BLOCKS_INL_H_
