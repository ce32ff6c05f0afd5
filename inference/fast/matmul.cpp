#include "fast/matmul.h"

#include <algorithm>

namespace hearth::fast {

namespace {

// [begin, end) of `n` items for thread t of `threads`, in multiples of `align` items.
std::pair<size_t, size_t> share(size_t n, unsigned t, unsigned threads, size_t align) {
    const size_t units = (n + align - 1) / align;
    const size_t begin = units * t / threads * align, end = units * (t + 1) / threads * align;
    return {std::min(begin, n), std::min(end, n)};
}

} // namespace

MatmulRunner::MatmulRunner(const Kernels& kernels, SpinPool& pool, size_t max_tokens,
                           size_t max_cols)
    : k_(kernels), pool_(pool), max_cols_(max_cols), acts_(max_tokens, max_cols, kernels.lanes),
      panel_(max_tokens, max_cols, kernels.lanes) {
    for (unsigned t = 0; t < pool.size(); ++t) {
        scratch_.emplace_back(gemm_scratch_bytes(max_cols));
        solo_.emplace_back(kGemmTokens - 1, max_cols, kernels.lanes);
    }
}

void MatmulRunner::run(const float* x, size_t ldx, size_t tokens, size_t cols,
                       std::span<const Product> products) {
    bool quantized = false, floating = false;
    size_t rows = 0;
    for (const Product& p : products) {
        (k_.quantized(p.w.type) ? quantized : floating) = true;
        rows += p.w.rows;
    }
    const bool gemm = tokens >= kGemmTokens;
    // Thread t's rows of the matrices laid end to end, in tiles of 4 rows. (Handing out
    // chunks of rows to whichever thread is free measured no better, and slower for
    // generation, whose hardware prefetch streams it breaks up.)
    const auto multiply = [&](unsigned t, unsigned threads, const QuantActs& acts) {
        const auto [begin, end] = share(rows, t, threads, 4);
        size_t first = 0;
        for (const Product& p : products) {
            const size_t lo = std::max(begin, first), hi = std::min(end, first + p.w.rows);
            first += p.w.rows;
            if (lo >= hi) {
                continue;
            }
            const size_t r0 = lo - (first - p.w.rows), r1 = hi - (first - p.w.rows);
            const uint32_t type = uint32_t(p.w.type);
            if (k_.quantized(p.w.type)) {
                if (gemm) {
                    k_.quant_gemm[type](p.w, acts, r0, r1, p.out, scratch_[t].get());
                } else {
                    k_.quant_matvec[type](p.w, acts, r0, r1, p.out);
                }
            } else if (gemm) {
                k_.float_gemm[type](p.w, panel_, r0, r1, p.out, scratch_[t].get());
            } else {
                k_.float_matvec[type](p.w, x, ldx, tokens, r0, r1, p.out);
            }
        }
    };
    if (!gemm) {
        // A few tokens: every thread quantizes them itself (a few thousand elements, cheaper
        // than waiting for one another), then multiplies its rows, in one pass of the pool.
        pool_.run([&](unsigned t, unsigned threads) {
            QuantActs& own = solo_[t];
            if (quantized) {
                own.reshape(tokens, cols);
                k_.quantize_rows(x, ldx, 0, tokens, own);
            }
            multiply(t, threads, own);
        });
        return;
    }
    if (quantized) {
        acts_.reshape(tokens, cols);
    }
    if (floating) {
        panel_.reshape(tokens, cols);
    }
    pool_.run([&](unsigned t, unsigned threads) {
        if (quantized) {
            const auto [g0, g1] = share(acts_.groups(), t, threads, 1);
            k_.quantize_panel(x, ldx, g0, g1, acts_);
        }
        if (floating) {
            const auto [g0, g1] = share(panel_.groups(), t, threads, 1);
            k_.float_panel(x, ldx, g0, g1, panel_);
        }
    });
    pool_.run([&](unsigned t, unsigned threads) { multiply(t, threads, acts_); });
}

void MatmulRunner::run_summed(std::span<const Product> products, std::span<const float* const> x,
                              size_t cols) {
    pool_.run([&](unsigned t, unsigned threads) {
        QuantActs& own = solo_[t];
        for (size_t k = 0; k < products.size(); ++k) {
            const Product& p = products[k];
            const auto [r0, r1] = share(p.w.rows, t, threads, 4);
            if (r0 >= r1) {
                continue;
            }
            if (k_.quantized(p.w.type)) {
                own.reshape(1, cols);
                k_.quantize_rows(x[k], cols, 0, 1, own);
                k_.quant_matvec[uint32_t(p.w.type)](p.w, own, r0, r1, p.out);
            } else {
                k_.float_matvec[uint32_t(p.w.type)](p.w, x[k], cols, 1, r0, r1, p.out);
            }
        }
    });
}

} // namespace hearth::fast
