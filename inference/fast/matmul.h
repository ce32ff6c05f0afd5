// Products of one batch of activations with several weight matrices (q, k and v share their
// input, so do gate and up): the input is prepared once in the layout the kernels read, then
// the rows of all the matrices are split evenly among the threads.
#pragma once

#include "fast/acts.h"
#include "fast/kernels.h"
#include "fast/spin_pool.h"

#include <span>
#include <vector>

namespace hearth::fast {

struct Product {
    Matrix w;
    Output out;
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

    // Batches of at least this many tokens take the matrix x matrix kernels.
    static constexpr size_t kGemmTokens = 4;

private:
    const Kernels& k_;
    SpinPool& pool_;
    QuantActs acts_;
    FloatPanel panel_;
    std::vector<Aligned<uint8_t>> scratch_; // per thread
    std::vector<QuantActs> solo_;           // per thread: its own copy of a few tokens
};

} // namespace hearth::fast
