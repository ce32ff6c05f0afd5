// MatmulRunner::run_grouped: a mixture of experts' products for a prompt batch, the tokens
// grouped by expert, in two passes of the pool however many experts there are (one pass per
// expert and product would wake the threads hundreds of times per layer).
//
// The grouped activations share one buffer: expert e's rows fill a window from row window_[e]
// (a multiple of the panel width L, so each window is laid out like a batch of its own):
//
//   window_[e] = sum over experts e' < e with rows of round_up(n_e', L)
//
// Work items are (expert, panel group) in the first pass and (expert, stack, block of
// kItemRows rows) in the second, handed out through an atomic counter: an expert's cost
// follows its number of tokens, which the router decides, so an even static split of the
// items would leave threads idle.
#include "fast/matmul.h"

#include <algorithm>

namespace hearth::fast {

namespace {

// Rows of one product work item: a multiple of the kernels' 4-row tiles, small enough that
// the items of a layer outnumber the threads many times over.
constexpr size_t kItemRows = 64;

} // namespace

void MatmulRunner::reserve_grouped(size_t max_rows, size_t n_expert, bool floats) {
    const size_t L = k_.lanes;
    // Each expert with rows wastes at most L - 1 rows of padding, and at most max_rows experts
    // have rows.
    const size_t padded = max_rows + std::min(max_rows, n_expert) * (L - 1);
    const size_t cols = max_cols_;
    grouped_acts_ = QuantActs(padded, cols, L);
    if (floats) {
        grouped_panel_ = FloatPanel(padded, cols, L);
    }
    window_.resize(n_expert + 1);
    items_.reserve(n_expert * (padded / L + 1) + 2 * n_expert * (cols / kItemRows + 2));
}

void MatmulRunner::run_grouped(const float* x, size_t cols, std::span<const uint32_t> start,
                               std::span<const ExpertStack> stacks) {
    const size_t n_expert = start.size() - 1, L = k_.lanes;
    bool quantized = false, floating = false;
    for (const ExpertStack& s : stacks) {
        (k_.quantized(s.first.type) ? quantized : floating) = true;
    }
    const auto rows_of = [&](size_t e) { return size_t(start[e + 1] - start[e]); };
    const auto gemm = [&](size_t e) { return rows_of(e) >= kGemmTokens; };
    window_[0] = 0;
    for (size_t e = 0; e < n_expert; ++e) {
        window_[e + 1] = window_[e] + (rows_of(e) + L - 1) / L * L;
    }
    const auto for_items = [&](auto&& fn) {
        next_.store(0, std::memory_order_relaxed);
        pool_.run([&](unsigned t, unsigned) {
            for (size_t i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < items_.size();) {
                fn(t, items_[i]);
            }
        });
    };

    // Pass 1: each expert's rows prepared in its window (a panel group at a time for the
    // matrix x matrix kernels, all rows at once for the few-token ones).
    items_.clear();
    for (size_t e = 0; e < n_expert; ++e) {
        const size_t n = rows_of(e);
        if (gemm(e)) {
            for (size_t g = 0; g * L < n; ++g) {
                items_.push_back({uint32_t(e), 0, g, g + 1});
            }
        } else if (n > 0 && quantized) { // float matrix x vector kernels read x itself
            items_.push_back({uint32_t(e), 0, 0, 0});
        }
    }
    for_items([&](unsigned, const Item& it) {
        const size_t e = it.expert, n = rows_of(e);
        const float* xe = x + start[e] * cols;
        if (!gemm(e)) {
            QuantActs w = grouped_acts_.window(window_[e], n, cols);
            k_.quantize_rows(xe, cols, 0, n, w);
            return;
        }
        if (quantized) {
            QuantActs w = grouped_acts_.window(window_[e], n, cols);
            k_.quantize_panel(xe, cols, it.r0, it.r1, w);
        }
        if (floating) {
            FloatPanel w = grouped_panel_.window(window_[e], n, cols);
            k_.float_panel(xe, cols, it.r0, it.r1, w);
        }
    });

    // Pass 2: the products, expert by expert, each stack's rows in blocks.
    items_.clear();
    for (size_t e = 0; e < n_expert; ++e) {
        for (size_t s = 0; rows_of(e) > 0 && s < stacks.size(); ++s) {
            const size_t rows = stacks[s].first.rows;
            for (size_t r = 0; r < rows; r += kItemRows) {
                items_.push_back({uint32_t(e), uint32_t(s), r, std::min(rows, r + kItemRows)});
            }
        }
    }
    for_items([&](unsigned t, const Item& it) {
        const size_t e = it.expert, n = rows_of(e);
        const ExpertStack& s = stacks[it.stack];
        const Matrix w = s.of(e);
        const Output out{s.out.y + start[e] * s.out.ld, s.out.ld, s.out.accumulate, s.out.scale};
        const uint32_t type = uint32_t(w.type);
        if (k_.quantized(w.type)) {
            const QuantActs a = grouped_acts_.window(window_[e], n, cols);
            if (gemm(e)) {
                k_.quant_gemm[type](w, a, it.r0, it.r1, out, scratch_[t].get());
            } else {
                k_.quant_matvec[type](w, a, it.r0, it.r1, out);
            }
        } else if (gemm(e)) {
            const FloatPanel p = grouped_panel_.window(window_[e], n, cols);
            k_.float_gemm[type](w, p, it.r0, it.r1, out, scratch_[t].get());
        } else {
            k_.float_matvec[type](w, x + start[e] * cols, cols, n, it.r0, it.r1, out);
        }
    });
}

} // namespace hearth::fast
