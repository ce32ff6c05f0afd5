// Matrix products with quantized weights, compiled once per SIMD target (Highway). The
// weights' codes (blocks-inl.h) meet 8-bit activations (acts.h) in integer multiply-adds
// that sum groups of four products exactly; each sub-block then adds
//     scale * d_act * sum(code * q)  +  offset * d_act * sum(q)
// in float, which is the dot product of the dequantized weights with the quantized input.
//
// matvec: a few tokens; each row is decoded block by block in registers, straight from the
//     mapped file, and reduced to one number per token.
// gemm: many tokens. Rows are decoded once into per-thread scratch (codes and float scales),
//     then a tile of 4 rows x 2 panel groups (2 x 16 tokens with AVX-512) is accumulated in
//     registers: the 4 code bytes of a row are broadcast and multiplied with the same 4
//     elements of every token of a group at once, so no horizontal sums are needed.

// clang-format off: foreach_target.h must come first; it includes this file once per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "fast/quant_matmul.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep
// clang-format on

#include "fast/blocks-inl.h"
#include "fast/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <hwy/cache_control.h>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace hearth::fast::HWY_NAMESPACE {

using DI32 = hn::ScalableTag<int32_t>;
using DF = hn::ScalableTag<float>;

// sum + the four-element dot products of unsigned codes with signed activations, per 32-bit
// lane. Exact: VNNI sums in 32 bits; otherwise pairs are summed in 16 bits first, which is
// exact for codes <= 127 (|q| <= 127), and wide codes take Highway's exact product.
template <bool kWide, class D>
HWY_INLINE hn::VFromD<D> dot_quad(D di32, hn::VFromD<hn::Repartition<uint8_t, D>> codes,
                                  hn::VFromD<hn::Repartition<int8_t, D>> acts, hn::VFromD<D> sum) {
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3_DL
    return hn::SumOfMulQuadAccumulate(di32, codes, acts, sum);
#elif HWY_ARCH_X86
    if constexpr (kWide) {
        return hn::SumOfMulQuadAccumulate(di32, codes, acts, sum);
    } else {
        const hn::Repartition<int16_t, D> di16;
        const auto pairs = hn::SatWidenMulPairwiseAdd(di16, codes, acts);
        return hn::Add(sum, hn::WidenMulPairwiseAdd(di32, pairs, hn::Set(di16, int16_t{1})));
    }
#else
    if constexpr (kWide) {
        return hn::SumOfMulQuadAccumulate(di32, codes, acts, sum);
    } else { // codes <= 127 are the same as signed bytes: the i8 x i8 dot product (sdot)
        const hn::Repartition<int8_t, D> di8;
        return hn::SumOfMulQuadAccumulate(di32, hn::BitCast(di8, codes), acts, sum);
    }
#endif
}

// ---------------------------------------------------------------- matrix x vector

// A row is processed in chunks of kChunk elements: first the chunk's scales times the
// activations' block scales (sc, one per sub-block) and its offset terms, then one pass of
// integer dot products over full vectors, each scaled by its sub-blocks' sc per lane.
constexpr size_t kChunk = 4096;

// Scales and offsets of blocks [b0, b0 + n) of 32 elements, many at once: the f16 scales
// (and minimums), or MXFP4's E8M0 bytes, are gathered from their blocks. Writes
// sc[b] = d_w * d_act and adds offset * d_act * sum(q) of every block to the lanes of `offset`.
template <class Block>
HWY_INLINE hn::Vec<DF> small_block_scales(const uint8_t* row, size_t b0, size_t n, const float* ad,
                                          const float* ads, float* sc, hn::Vec<DF> offset) {
    const DF df;
    const DI32 di32;
    const hn::Rebind<uint16_t, DI32> du16;
    const hn::Rebind<hwy::float16_t, DI32> dh;
    const size_t L = hn::Lanes(df);
    for (size_t b = 0; b < n; b += L) {
        const size_t m = std::min(L, n - b);
        // Byte offsets of the blocks; lanes past the end repeat the last block (ignored).
        const auto index =
            hn::Min(hn::Iota(di32, int32_t(b0 + b)), hn::Set(di32, int32_t(b0 + n - 1)));
        const auto offsets = hn::Mul(index, hn::Set(di32, int32_t(Block::kBytes)));
        const auto half = [&](size_t at) {
            const auto raw =
                hn::GatherOffset(di32, reinterpret_cast<const int32_t*>(row + at), offsets);
            const auto bits = hn::TruncateTo(du16, hn::BitCast(hn::RebindToUnsigned<DI32>(), raw));
            return hn::PromoteTo(df, hn::BitCast(dh, bits));
        };
        const auto e8m0 = [&] { // 2^(e - 128) built in the exponent field (see mxfp4_scale)
            const hn::RebindToUnsigned<DI32> du32;
            const auto raw = hn::GatherOffset(di32, reinterpret_cast<const int32_t*>(row), offsets);
            const auto e = hn::And(hn::BitCast(du32, raw), hn::Set(du32, 0xFFu));
            const auto normal = hn::ShiftLeft<23>(hn::Sub(e, hn::Set(du32, 1u)));
            const auto tiny = hn::ShiftLeft<21>(hn::Add(e, hn::Set(du32, 1u))); // e = 0, 1
            return hn::BitCast(df, hn::IfThenElse(hn::Lt(e, hn::Set(du32, 2u)), tiny, normal));
        };
        const auto s = kE8M0Scale<Block> ? e8m0() : half(0);
        const auto da = hn::LoadN(df, ad + b, m);
        if (m == L) { // a full store forwards to the loads of chunk_dot; a masked one does not
            hn::StoreU(hn::Mul(s, da), df, sc + b);
        } else {
            hn::StoreN(hn::Mul(s, da), df, sc + b, m);
        }
        const auto o = Block::kMin ? half(2) : hn::Mul(s, hn::Set(df, -Block::kZero));
        offset = hn::MulAdd(o, hn::LoadN(df, ads + b, m), offset);
    }
    return offset;
}

// The same for super-blocks of 256, one at a time: the unpacked scales and offsets are read
// back at the width they were written (bytes_times), so the stores forward to the loads.
// ad: the activations' d per sub-block.
template <class Block> using DSubs = hn::CappedTag<float, Block::kBlock / Block::kSub>;

template <class Block>
HWY_INLINE hn::Vec<DSubs<Block>> super_block_scales(const uint8_t* row, size_t b0, size_t n,
                                                    const float* ad, const float* ads, float* sc,
                                                    hn::Vec<DSubs<Block>> offset) {
    const DSubs<Block> ds;
    constexpr size_t kSubs = Block::kBlock / Block::kSub;
    HWY_ALIGN float s[kSubs], o[kSubs];
    for (size_t b = 0; b < n; ++b) {
        Block::scales(row + (b0 + b) * Block::kBytes, s, o);
        for (size_t j = 0; j < kSubs; j += hn::Lanes(ds)) {
            const size_t at = b * kSubs + j;
            hn::StoreU(hn::Mul(hn::Load(ds, s + j), hn::LoadU(ds, ad + at)), ds, sc + at);
            offset = hn::MulAdd(hn::Load(ds, o + j), hn::LoadU(ds, ads + at), offset);
        }
    }
    return offset;
}

// sc[e / kSub] repeated over the kSub / 4 lanes of each sub-block, for a vector of D's lanes.
template <size_t kSub, class D> HWY_INLINE hn::VFromD<D> lane_scales(D df, const float* sc) {
    const hn::RebindToSigned<D> di;
    const auto index = hn::ShiftRight < kSub == 32 ? 3 : 2 > (hn::Iota(di, 0));
    return hn::TableLookupLanes(hn::LoadU(df, sc), hn::IndicesFromVec(df, index));
}

// Sums over elements [0, len) of R rows' chunks of code x q, each 4-element group scaled by
// its sub-block's sc (row i's at sc + i * ld; len a multiple of the block size). The
// activations are loaded once for all R rows, and the rows' independent sums keep the
// multiply-adds from waiting for each other.
template <class Block, size_t R>
HWY_INLINE void chunk_dot(const uint8_t* const* chunks, size_t len, const int8_t* q,
                          const float* sc, size_t ld, hn::Vec<DF>* acc) {
    const DF df;
    const DI32 di32;
    const hn::Repartition<int8_t, DI32> di8;
    constexpr size_t N = kVectorCodes, kSub = Block::kSub;
    if constexpr (Block::kBlock >= N) {
        for (size_t b = 0; b < len / Block::kBlock; ++b) {
            const size_t base = b * Block::kBlock;
            HWY_UNROLL(16)
            for (size_t e0 = 0; e0 < Block::kBlock; e0 += N) {
                const auto qv = hn::LoadU(di8, q + base + e0);
                HWY_UNROLL(4)
                for (size_t i = 0; i < R; ++i) {
                    const auto isum = dot_quad<Block::kWide>(
                        di32, vector_codes<Block>(chunks[i] + b * Block::kBytes, e0), qv,
                        hn::Zero(di32));
                    acc[i] =
                        hn::MulAdd(hn::ConvertTo(df, isum),
                                   lane_scales<kSub>(df, sc + i * ld + (base + e0) / kSub), acc[i]);
                }
            }
        }
    } else { // blocks of 32 narrower than a vector: N / 32 blocks at a time, then one
        constexpr size_t kPer = N / 32;
        const size_t blocks = len / 32;
        size_t b = 0;
        for (; b + kPer <= blocks; b += kPer) {
            const auto qv = hn::LoadU(di8, q + 32 * b);
            HWY_UNROLL(4)
            for (size_t i = 0; i < R; ++i) {
                const auto isum = dot_quad<Block::kWide>(
                    di32, vector_codes<Block>(chunks[i] + b * Block::kBytes, 0), qv,
                    hn::Zero(di32));
                acc[i] = hn::MulAdd(hn::ConvertTo(df, isum), lane_scales<kSub>(df, sc + i * ld + b),
                                    acc[i]);
            }
        }
        const hn::Half<DF> dh;
        const hn::Repartition<int32_t, D8> di32h;
        const hn::Repartition<int8_t, D8> di8h;
        for (; b < blocks; ++b) {
            const auto qv = hn::LoadU(di8h, q + 32 * b);
            for (size_t i = 0; i < R; ++i) {
                const auto isum = dot_quad<Block::kWide>(
                    di32h, Block::codes(chunks[i] + b * Block::kBytes, 0), qv, hn::Zero(di32h));
                const auto part = hn::Mul(hn::ConvertTo(dh, isum), hn::Set(dh, sc[i * ld + b]));
                acc[i] = hn::Add(acc[i], hn::ZeroExtendVector(df, part));
            }
        }
    }
}

constexpr size_t kPrefetchRows = 8;
// Rows that share each load of the activations: 4, but 2 for 8-bit codes, whose own loads
// are twice as many per element (measured: 4 rows of Q8_0 were 12 % slower than 2).
template <class Block> constexpr size_t kMatvecRows = Block::kBytes >= Block::kBlock ? 2 : 4;
constexpr size_t kScaleStride = kChunk / 16 + 64;

// Rows [r, r + R) times token t's activations.
template <class Block, size_t R>
HWY_INLINE void matvec_rows(const Matrix& w, const QuantActs& a, size_t t, size_t r, size_t r1,
                            const Output& out) {
    const DF df;
    HWY_ALIGN float sc[R * kScaleStride];
    const int8_t* q = a.q(t);
    const float* ad = a.d(t);
    const float* ad_sub = Block::kSub == 16 ? a.d16(t) : ad;
    const float* ads = Block::kSub == 16 ? a.ds16(t) : a.ds32(t);
    const uint8_t* rows[R];
    hn::Vec<DF> acc[R], small_offset[R];
    hn::Vec<DSubs<Block>> super_offset[R];
    for (size_t i = 0; i < R; ++i) {
        rows[i] = w.data + (r + i) * w.row_bytes;
        if (r + i + kPrefetchRows < r1) { // the hardware prefetcher alone falls behind
            const uint8_t* ahead = rows[i] + kPrefetchRows * w.row_bytes;
            for (size_t k = 0; k < w.row_bytes; k += 64) {
                hwy::Prefetch(ahead + k);
            }
        }
        acc[i] = small_offset[i] = hn::Zero(df);
        super_offset[i] = hn::Zero(DSubs<Block>());
    }
    for (size_t c = 0; c < w.cols; c += kChunk) {
        const size_t len = std::min(kChunk, w.cols - c);
        const size_t b0 = c / Block::kBlock, nb = len / Block::kBlock;
        const size_t s0 = c / Block::kSub;
        const uint8_t* chunks[R];
        for (size_t i = 0; i < R; ++i) {
            float* rsc = sc + i * kScaleStride;
            if constexpr (Block::kBlock == 32) {
                small_offset[i] = small_block_scales<Block>(rows[i], b0, nb, ad + c / 32, ads + s0,
                                                            rsc, small_offset[i]);
            } else {
                super_offset[i] = super_block_scales<Block>(rows[i], b0, nb, ad_sub + s0, ads + s0,
                                                            rsc, super_offset[i]);
            }
            chunks[i] = rows[i] + b0 * Block::kBytes;
        }
        chunk_dot<Block, R>(chunks, len, q + c, sc, kScaleStride, acc);
    }
    // One horizontal sum per row where the offsets share the products' lanes.
    for (size_t i = 0; i < R; ++i) {
        const float sum = Block::kBlock == 32 ? hn::ReduceSum(df, hn::Add(acc[i], small_offset[i]))
                                              : hn::ReduceSum(df, acc[i]) +
                                                    hn::ReduceSum(DSubs<Block>(), super_offset[i]);
        out.put(t, r + i, sum);
    }
}

template <class Block>
void MatvecQ(const Matrix& w, const QuantActs& a, size_t r0, size_t r1, const Output& out) {
    for (size_t t = 0; t < a.tokens(); ++t) {
        size_t r = r0;
        for (; r + kMatvecRows<Block> <= r1; r += kMatvecRows<Block>) {
            matvec_rows<Block, kMatvecRows<Block>>(w, a, t, r, r1, out);
        }
        for (; r < r1; ++r) {
            matvec_rows<Block, 1>(w, a, t, r, r1, out);
        }
    }
}

// ---------------------------------------------------------------- matrix x matrix

constexpr size_t kTileRows = 4;   // rows decoded and accumulated together
constexpr size_t kTileGroups = 2; // panel groups accumulated together

// Decodes one row into codes [cols], scales and offsets [cols / kSub].
template <class Block>
void decode_row(const uint8_t* row, size_t cols, uint8_t* codes, float* s, float* o) {
    const D8 d8;
    constexpr size_t kSubs = Block::kBlock / Block::kSub;
    for (size_t b = 0; b < cols / Block::kBlock; ++b) {
        const uint8_t* blk = row + b * Block::kBytes;
        Block::scales(blk, s + b * kSubs, o + b * kSubs);
        for (size_t e0 = 0; e0 < Block::kBlock; e0 += kCodeLanes) {
            hn::StoreU(Block::codes(blk, e0), d8, codes + b * Block::kBlock + e0);
        }
    }
}

// R decoded rows x G panel groups starting at g0; tile[r][g][lane] gets the dot products.
template <class Block, size_t R, size_t G>
HWY_NOINLINE void gemm_tile(const uint8_t* codes, const float* s, const float* o, size_t cols,
                            const QuantActs& a, size_t g0, float* tile) {
    const DI32 di32;
    const DF df;
    const hn::Repartition<uint8_t, DI32> du8;
    const hn::Repartition<int8_t, DI32> di8;
    const hn::Repartition<uint32_t, DI32> du32;
    const size_t L = hn::Lanes(di32);
    constexpr size_t kSub = Block::kSub;
    const size_t subs = cols / kSub;

    const int8_t* pq[G];
    const float *pd[G], *pds[G];
    HWY_UNROLL(8)
    for (size_t g = 0; g < G; ++g) {
        pq[g] = a.panel_q(g0 + g);
        pd[g] = a.panel_d(g0 + g);
        pds[g] = kSub == 16 ? a.panel_ds16(g0 + g) : a.panel_ds32(g0 + g);
    }
    hn::Vec<DF> acc[R][G];
    HWY_UNROLL(8)
    for (size_t r = 0; r < R; ++r) {
        HWY_UNROLL(8)
        for (size_t g = 0; g < G; ++g) {
            acc[r][g] = hn::Zero(df);
        }
    }
    for (size_t j = 0; j < subs; ++j) {
        hn::Vec<DI32> isum[R][G];
        HWY_UNROLL(8)
        for (size_t r = 0; r < R; ++r) {
            HWY_UNROLL(8)
            for (size_t g = 0; g < G; ++g) {
                isum[r][g] = hn::Zero(di32);
            }
        }
        for (size_t k = j * kSub / 4; k < (j + 1) * kSub / 4; ++k) {
            hn::Vec<decltype(du8)> wb[R];
            HWY_UNROLL(8)
            for (size_t r = 0; r < R; ++r) {
                uint32_t four;
                std::memcpy(&four, codes + r * cols + 4 * k, 4);
                wb[r] = hn::BitCast(du8, hn::Set(du32, four));
            }
            HWY_UNROLL(8)
            for (size_t g = 0; g < G; ++g) {
                const auto av = hn::LoadU(di8, pq[g] + k * L * 4);
                HWY_UNROLL(8)
                for (size_t r = 0; r < R; ++r) {
                    isum[r][g] = dot_quad<Block::kWide>(di32, wb[r], av, isum[r][g]);
                }
            }
        }
        HWY_UNROLL(8)
        for (size_t g = 0; g < G; ++g) {
            const auto da = hn::LoadU(df, pd[g] + (j * kSub / 32) * L);
            const auto ds = hn::LoadU(df, pds[g] + j * L);
            HWY_UNROLL(8)
            for (size_t r = 0; r < R; ++r) {
                const auto scaled = hn::Mul(hn::ConvertTo(df, isum[r][g]), da);
                acc[r][g] = hn::MulAdd(scaled, hn::Set(df, s[r * subs + j]), acc[r][g]);
                acc[r][g] = hn::MulAdd(ds, hn::Set(df, o[r * subs + j]), acc[r][g]);
            }
        }
    }
    HWY_UNROLL(8)
    for (size_t r = 0; r < R; ++r) {
        HWY_UNROLL(8)
        for (size_t g = 0; g < G; ++g) {
            hn::StoreU(acc[r][g], df, tile + (r * G + g) * L);
        }
    }
}

template <class Block, size_t R>
void gemm_rows(const Matrix& w, const QuantActs& a, size_t r, const Output& out, uint8_t* scratch) {
    const size_t cols = w.cols, subs = cols / Block::kSub, L = a.lanes();
    // Scratch: codes [4][cols], scales and offsets [4][subs], the tile; each 64-byte aligned.
    const auto aligned = [](size_t bytes) { return (bytes + 63) / 64 * 64; };
    uint8_t* codes = scratch;
    float* s = reinterpret_cast<float*>(scratch + aligned(kTileRows * cols));
    float* o = s + aligned(kTileRows * subs * sizeof(float)) / sizeof(float);
    float* tile = o + aligned(kTileRows * subs * sizeof(float)) / sizeof(float);
    for (size_t i = 0; i < R; ++i) {
        decode_row<Block>(w.data + (r + i) * w.row_bytes, cols, codes + i * cols, s + i * subs,
                          o + i * subs);
    }
    const size_t groups = a.groups();
    for (size_t g = 0; g < groups;) {
        const size_t n = groups - g >= kTileGroups ? kTileGroups : 1;
        if (n == kTileGroups) {
            gemm_tile<Block, R, kTileGroups>(codes, s, o, cols, a, g, tile);
        } else {
            gemm_tile<Block, R, 1>(codes, s, o, cols, a, g, tile);
        }
        for (size_t i = 0; i < R; ++i) {
            for (size_t k = 0; k < n; ++k) {
                for (size_t lane = 0; lane < L && (g + k) * L + lane < a.tokens(); ++lane) {
                    out.put((g + k) * L + lane, r + i, tile[(i * n + k) * L + lane]);
                }
            }
        }
        g += n;
    }
}

template <class Block>
void GemmQ(const Matrix& w, const QuantActs& a, size_t r0, size_t r1, const Output& out,
           uint8_t* scratch) {
    size_t r = r0;
    for (; r + kTileRows <= r1; r += kTileRows) {
        gemm_rows<Block, kTileRows>(w, a, r, out, scratch);
    }
    for (; r < r1; ++r) {
        gemm_rows<Block, 1>(w, a, r, out, scratch);
    }
}

int64_t FillQuantKernels(Kernels* k) {
    if (k != nullptr) {
        k->lanes = hn::Lanes(DI32());
        for (uint32_t id = 0; id < 40; ++id) {
            with_block_type(GgmlType(id), [&](auto block) {
                using Block = decltype(block);
                k->quant_matvec[id] = &MatvecQ<Block>;
                k->quant_gemm[id] = &GemmQ<Block>;
            });
        }
    }
    return HWY_TARGET;
}

} // namespace hearth::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "fast/dispatch.h"
namespace hearth::fast {
HWY_EXPORT(FillQuantKernels);
bool fill_quant_kernels(int64_t target, Kernels& k) {
    return fill_from(HWY_DISPATCH_TABLE(FillQuantKernels), target, k);
}
} // namespace hearth::fast
#endif
