// Matrix products with F16, BF16 and F32 weights, compiled once per SIMD target (Highway):
// weights widened to float32 and multiplied with float32 activations by fused multiply-adds.
//
// matvec: each row is widened in registers and reduced once per token.
// gemm: 4 rows are widened into scratch, then multiplied with 4 panel groups of tokens at a
//     time (16 accumulators): every weight is broadcast against a vector of tokens.

// clang-format off: foreach_target.h must come first; it includes this file once per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "fast/float_matmul.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep
// clang-format on

#include "fast/kernels.h"

#include <cstring>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace hearth::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;

// Elements [i, i + n) of a row of `type` as floats, n <= Lanes(DF) (the tail of a row).
template <GgmlType kType> HWY_INLINE hn::Vec<DF> widen(const uint8_t* row, size_t i, size_t n) {
    const DF df;
    if constexpr (kType == GgmlType::F32) {
        return hn::LoadN(df, reinterpret_cast<const float*>(row) + i, n);
    } else if constexpr (kType == GgmlType::F16) {
        const hn::Rebind<hwy::float16_t, DF> dh;
        return hn::PromoteTo(df,
                             hn::LoadN(dh, reinterpret_cast<const hwy::float16_t*>(row) + i, n));
    } else {
        const hn::Rebind<hwy::bfloat16_t, DF> db;
        return hn::PromoteTo(df,
                             hn::LoadN(db, reinterpret_cast<const hwy::bfloat16_t*>(row) + i, n));
    }
}

template <GgmlType kType> HWY_INLINE hn::Vec<DF> widen_full(const uint8_t* row, size_t i) {
    const DF df;
    if constexpr (kType == GgmlType::F32) {
        return hn::LoadU(df, reinterpret_cast<const float*>(row) + i);
    } else if constexpr (kType == GgmlType::F16) {
        const hn::Rebind<hwy::float16_t, DF> dh;
        return hn::PromoteTo(df, hn::LoadU(dh, reinterpret_cast<const hwy::float16_t*>(row) + i));
    } else {
        const hn::Rebind<hwy::bfloat16_t, DF> db;
        return hn::PromoteTo(df, hn::LoadU(db, reinterpret_cast<const hwy::bfloat16_t*>(row) + i));
    }
}

template <GgmlType kType>
void MatvecF(const Matrix& w, const float* x, size_t ldx, size_t tokens, size_t r0, size_t r1,
             const Output& out) {
    const DF df;
    const size_t N = hn::Lanes(df), full = w.cols / N * N;
    for (size_t t = 0; t < tokens; ++t) {
        const float* xt = x + t * ldx;
        for (size_t r = r0; r < r1; ++r) {
            const uint8_t* row = w.data + r * w.row_bytes;
            auto acc0 = hn::Zero(df), acc1 = hn::Zero(df);
            size_t i = 0;
            for (; i + 2 * N <= full; i += 2 * N) {
                acc0 = hn::MulAdd(widen_full<kType>(row, i), hn::LoadU(df, xt + i), acc0);
                acc1 = hn::MulAdd(widen_full<kType>(row, i + N), hn::LoadU(df, xt + i + N), acc1);
            }
            for (; i < w.cols; i += N) {
                const size_t n = w.cols - i < N ? w.cols - i : N;
                acc0 = hn::MulAdd(widen<kType>(row, i, n), hn::LoadN(df, xt + i, n), acc0);
            }
            out.put(t, r, hn::ReduceSum(df, hn::Add(acc0, acc1)));
        }
    }
}

void FloatPanelFill(const float* x, size_t ldx, size_t g0, size_t g1, FloatPanel& p) {
    const size_t L = p.lanes(), cols = p.cols();
    for (size_t g = g0; g < g1; ++g) {
        float* dst = p.panel(g);
        for (size_t lane = 0; lane < L; ++lane) {
            const size_t t = g * L + lane;
            const float* src = x + t * ldx;
            for (size_t k = 0; k < cols; ++k) {
                dst[k * L + lane] = t < p.tokens() ? src[k] : 0.0f;
            }
        }
    }
}

constexpr size_t kTileRows = 4, kTileGroups = 4;

template <size_t R, size_t G>
HWY_NOINLINE void gemm_tile(const float* w, size_t cols, const FloatPanel& p, size_t g0,
                            float* tile) {
    const DF df;
    const size_t L = hn::Lanes(df);
    const float* px[G];
    HWY_UNROLL(8)
    for (size_t g = 0; g < G; ++g) {
        px[g] = p.panel(g0 + g);
    }
    hn::Vec<DF> acc[R][G];
    HWY_UNROLL(8)
    for (size_t r = 0; r < R; ++r) {
        HWY_UNROLL(8)
        for (size_t g = 0; g < G; ++g) {
            acc[r][g] = hn::Zero(df);
        }
    }
    for (size_t k = 0; k < cols; ++k) {
        hn::Vec<DF> wb[R];
        HWY_UNROLL(8)
        for (size_t r = 0; r < R; ++r) {
            wb[r] = hn::Set(df, w[r * cols + k]);
        }
        HWY_UNROLL(8)
        for (size_t g = 0; g < G; ++g) {
            const auto xv = hn::LoadU(df, px[g] + k * L);
            HWY_UNROLL(8)
            for (size_t r = 0; r < R; ++r) {
                acc[r][g] = hn::MulAdd(wb[r], xv, acc[r][g]);
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

template <GgmlType kType, size_t R>
void gemm_rows(const Matrix& w, const FloatPanel& p, size_t r, const Output& out,
               uint8_t* scratch) {
    const DF df;
    const size_t cols = w.cols, L = p.lanes(), N = hn::Lanes(df);
    float* rows = reinterpret_cast<float*>(scratch);
    float* tile = rows + kTileRows * cols;
    for (size_t i = 0; i < R; ++i) {
        const uint8_t* src = w.data + (r + i) * w.row_bytes;
        for (size_t k = 0; k < cols; k += N) {
            const size_t n = cols - k < N ? cols - k : N;
            hn::StoreN(widen<kType>(src, k, n), df, rows + i * cols + k, n);
        }
    }
    const size_t groups = p.groups();
    for (size_t g = 0; g < groups;) {
        const size_t n = groups - g >= kTileGroups ? kTileGroups : 1;
        if (n == kTileGroups) {
            gemm_tile<R, kTileGroups>(rows, cols, p, g, tile);
        } else {
            gemm_tile<R, 1>(rows, cols, p, g, tile);
        }
        for (size_t i = 0; i < R; ++i) {
            for (size_t k = 0; k < n; ++k) {
                for (size_t lane = 0; lane < L && (g + k) * L + lane < p.tokens(); ++lane) {
                    out.put((g + k) * L + lane, r + i, tile[(i * n + k) * L + lane]);
                }
            }
        }
        g += n;
    }
}

template <GgmlType kType>
void GemmF(const Matrix& w, const FloatPanel& p, size_t r0, size_t r1, const Output& out,
           uint8_t* scratch) {
    size_t r = r0;
    for (; r + kTileRows <= r1; r += kTileRows) {
        gemm_rows<kType, kTileRows>(w, p, r, out, scratch);
    }
    for (; r < r1; ++r) {
        gemm_rows<kType, 1>(w, p, r, out, scratch);
    }
}

int64_t FillFloatKernels(Kernels* k) {
    if (k != nullptr) {
        k->float_panel = &FloatPanelFill;
        k->float_matvec[uint32_t(GgmlType::F32)] = &MatvecF<GgmlType::F32>;
        k->float_matvec[uint32_t(GgmlType::F16)] = &MatvecF<GgmlType::F16>;
        k->float_matvec[uint32_t(GgmlType::BF16)] = &MatvecF<GgmlType::BF16>;
        k->float_gemm[uint32_t(GgmlType::F32)] = &GemmF<GgmlType::F32>;
        k->float_gemm[uint32_t(GgmlType::F16)] = &GemmF<GgmlType::F16>;
        k->float_gemm[uint32_t(GgmlType::BF16)] = &GemmF<GgmlType::BF16>;
    }
    return HWY_TARGET;
}

} // namespace hearth::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "fast/dispatch.h"
namespace hearth::fast {
HWY_EXPORT(FillFloatKernels);
bool fill_float_kernels(int64_t target, Kernels& k) {
    return fill_from(HWY_DISPATCH_TABLE(FillFloatKernels), target, k);
}
} // namespace hearth::fast
#endif
