// Products of one batch of activations with several weight matrices (q, k and v share their
// input, so do gate and up): the input is prepared once in the layout the kernels read, then
// the rows of all the matrices are split evenly among the threads.
#pragma once

#include "fast/acts.h"
#include "fast/kernels.h"
#include "fast/spin_pool.h"

#include <atomic>
#include <span>
#include <vector>

namespace hearth::fast {

struct Product {
    Matrix w;
    Output out;
};

// A stack of expert matrices (GGUF's 3-D expert tensors: expert e's `rows` x `cols` matrix at
// data + e * expert_bytes) and where its products go: row i of the grouped input gives
// out.y + i * out.ld.
struct ExpertStack {
    Matrix first; // expert 0's matrix
    size_t expert_bytes = 0;
    Output out;

    Matrix of(size_t e) const {
        Matrix m = first;
        m.data += e * expert_bytes;
        return m;
    }
};

class MatmulRunner {
public:
    // Batches of up to max_tokens tokens of up to max_cols elements.
    MatmulRunner(const Kernels& kernels, SpinPool& pool, size_t max_tokens, size_t max_cols);

    // x: `tokens` rows of `cols` floats, row t at x + t * ldx; every matrix has `cols` columns
    // and a type the kernels have (checked when the session is made).
    void run(const float* x, size_t ldx, size_t tokens, size_t cols,
             std::span<const Product> products);

    // One token: products[k] applied to its own input x[k] (`cols` floats each), all adding
    // into the same output rows (the chosen experts' down products, weighted). One pass of
    // the pool: each thread owns the same rows of every product, so no two threads add to
    // one output. Every product has the same rows and an accumulating output.
    void run_summed(std::span<const Product> products, std::span<const float* const> x,
                    size_t cols);

    // Room for run_grouped over up to max_rows rows routed to n_expert experts, with float
    // activations too when `floats` (some expert matrix has a float type).
    void reserve_grouped(size_t max_rows, size_t n_expert, bool floats);

    // A mixture of experts' products for a batch, tokens grouped by expert (grouped_matmul.cpp):
    // rows [start[e], start[e + 1]) of x (`cols` floats each, row i at x + i * cols) are the
    // tokens routed to expert e, and each stack's expert e multiplies them. Two passes of the
    // pool whatever the number of experts: every expert's rows are prepared (quantized, or a
    // float panel), then the (expert, stack, block of rows) products are handed out to the
    // threads as they come free (experts differ in their number of tokens). Experts with at
    // least kGemmTokens rows take the matrix x matrix kernels, so each expert matrix is read
    // once per pass; the others the matrix x vector ones.
    void run_grouped(const float* x, size_t cols, std::span<const uint32_t> start,
                     std::span<const ExpertStack> stacks);

    // Batches of at least this many tokens take the matrix x matrix kernels.
    static constexpr size_t kGemmTokens = 4;

private:
    const Kernels& k_;
    SpinPool& pool_;
    size_t max_cols_;
    QuantActs acts_;
    FloatPanel panel_;
    std::vector<Aligned<uint8_t>> scratch_; // per thread
    std::vector<QuantActs> solo_;           // per thread: its own copy of a few tokens
    // run_grouped: each expert's rows in a window of these, from a multiple of lanes; the
    // windows' first rows ([n_expert + 1]), and the products' work items.
    QuantActs grouped_acts_;
    FloatPanel grouped_panel_;
    std::vector<size_t> window_;
    struct Item {
        uint32_t expert, stack;
        size_t r0, r1;
    };
    std::vector<Item> items_;
    std::atomic<size_t> next_{0};
};

} // namespace hearth::fast
