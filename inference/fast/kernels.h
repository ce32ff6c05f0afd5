// The fast CPU kernels of one instruction-set variant, as a table of plain function pointers.
// Every variant is compiled into the same binary (Google Highway's dynamic dispatch); the
// best one the CPU supports is chosen once, when a session is created, and HEARTH_CPU_VARIANT
// (a variant's name) forces a lower one, so tests can run every variant this CPU has.
#pragma once

#include "fast/acts.h"
#include "fast/op_kernels.h"
#include "result.h"
#include "tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hearth::fast {

// A weight matrix as stored in the file: `rows` rows of `cols` elements of `type`.
struct Matrix {
    const uint8_t* data = nullptr;
    GgmlType type = GgmlType::F32;
    size_t rows = 0, cols = 0;
    size_t row_bytes = 0;
};

// Where a matrix product writes: y[t * ld + r] for token t and row r, times `scale`, added to
// what is there when `accumulate` (a residual connection, granite's scaled one).
struct Output {
    float* y = nullptr;
    size_t ld = 0;
    bool accumulate = false;
    float scale = 1.0f;

    void put(size_t t, size_t r, float v) const {
        float& out = y[t * ld + r];
        out = accumulate ? out + scale * v : scale * v;
    }
};

// Per-thread scratch of the matrix x matrix kernels (decoded rows of weights).
size_t gemm_scratch_bytes(size_t max_cols);

struct Kernels {
    std::string name;   // for people: "AVX-512 VNNI", "AVX2", "NEON", ...
    int64_t target = 0; // Highway's target bit
    size_t lanes = 1;   // 32-bit lanes of a vector: tokens per panel group

    // Activation preparation for tokens [t0, t1) of x (row t at x + t * ldx), acts.cols()
    // elements each; acts is already reshaped to the batch.
    void (*quantize_rows)(const float* x, size_t ldx, size_t t0, size_t t1, QuantActs& acts);
    void (*quantize_panel)(const float* x, size_t ldx, size_t g0, size_t g1, QuantActs& acts);
    void (*float_panel)(const float* x, size_t ldx, size_t g0, size_t g1, FloatPanel& panel);

    // Rows [r0, r1) of W times every token. The quantized kernels read QuantActs (matvec:
    // rows layout; gemm: panel layout), the float ones (F16, BF16, F32) read x itself
    // (matvec, row t at x + t * ldx) or a FloatPanel (gemm). Null for types without a kernel.
    using QuantMatvec = void (*)(const Matrix& w, const QuantActs& a, size_t r0, size_t r1,
                                 const Output& out);
    using QuantGemm = void (*)(const Matrix& w, const QuantActs& a, size_t r0, size_t r1,
                               const Output& out, uint8_t* scratch);
    using FloatMatvec = void (*)(const Matrix& w, const float* x, size_t ldx, size_t tokens,
                                 size_t r0, size_t r1, const Output& out);
    using FloatGemm = void (*)(const Matrix& w, const FloatPanel& p, size_t r0, size_t r1,
                               const Output& out, uint8_t* scratch);
    QuantMatvec quant_matvec[40] = {};
    QuantGemm quant_gemm[40] = {};
    FloatMatvec float_matvec[40] = {};
    FloatGemm float_gemm[40] = {};

    bool quantized(GgmlType t) const { return quant_matvec[uint32_t(t)] != nullptr; }
    bool floating(GgmlType t) const { return float_matvec[uint32_t(t)] != nullptr; }

    // Pointwise and attention kernels (ops.cpp).
    OpKernels ops;
};

// The variants this CPU can run, best first.
const std::vector<const Kernels*>& available_variants();

// The variant to use: the best one, or the one HEARTH_CPU_VARIANT names (an error names the
// available ones when it is not among them).
Result<const Kernels*> choose_variant();

// Looks a variant up by name (case-insensitive; Highway's target names work too).
Result<const Kernels*> find_variant(const std::string& name);

} // namespace hearth::fast
