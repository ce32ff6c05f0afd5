// Activations prepared for the fast matrix kernels, in the two layouts they read. Allocated
// once per session for the largest batch and row; nothing is allocated per token.
//
// 8-bit quantized (for quantized weights): each run of 32 elements is scaled by
// d = max|x| / 127 and rounded to the nearest integer (ties to even), |q| <= 127; a run whose
// largest magnitude is below 1e-36 becomes zero (d = 0), as 127 / max would overflow. With each
// block's scale d come the scaled sums of its codes, ds16 (per 16 elements) and ds32 (per 32),
// which carry the weights' offsets (see blocks-inl.h).
//
//   rows (matrix x vector):  token t: q [cols] i8, d [cols/32], d16 [cols/16] (d per 16),
//                            ds16 [cols/16], ds32 [cols/32]
//   panel (matrix x matrix): tokens in groups of `lanes` (the SIMD width in 32-bit lanes), so
//     one vector holds 4 consecutive elements of every token of a group:
//       group g: q [cols/4][lanes][4] i8, d [cols/32][lanes], ds16 [cols/16][lanes],
//                ds32 [cols/32][lanes]
//     Lanes past the last token are zero.
//
// float (for F16, BF16 and F32 weights): rows are the input itself; the panel is
//   group g: x [cols][lanes] f32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace hearth::fast {

struct AlignedFree {
    void operator()(void* p) const { std::free(p); }
};

// A zeroed buffer aligned to 64 bytes (a cache line, the widest vector).
template <class T> struct Aligned {
    std::unique_ptr<T[], AlignedFree> data;
    size_t size = 0;

    explicit Aligned(size_t n = 0) : size(n) {
        if (n > 0) {
            const size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
            data.reset(static_cast<T*>(std::aligned_alloc(64, bytes)));
            std::fill_n(reinterpret_cast<unsigned char*>(data.get()), bytes, 0);
        }
    }
    T* get() const { return data.get(); }
};

class QuantActs {
public:
    QuantActs() = default;
    QuantActs(size_t max_tokens, size_t max_cols, size_t lanes)
        : lanes_(lanes), q_store_(padded(max_tokens, lanes) * max_cols),
          d_store_(padded(max_tokens, lanes) * max_cols / 32),
          d16_store_(padded(max_tokens, lanes) * max_cols / 16),
          ds16_store_(padded(max_tokens, lanes) * max_cols / 16),
          ds32_store_(padded(max_tokens, lanes) * max_cols / 32), q_(q_store_.get()),
          d_(d_store_.get()), d16_(d16_store_.get()), ds16_(ds16_store_.get()),
          ds32_(ds32_store_.get()) {}

    size_t lanes() const { return lanes_; }
    size_t cols() const { return cols_; }
    size_t tokens() const { return tokens_; }
    size_t groups() const { return (tokens_ + lanes_ - 1) / lanes_; }
    // Sets the shape of the next fill (tokens <= max_tokens, cols <= max_cols, cols % 32 == 0).
    void reshape(size_t tokens, size_t cols) {
        tokens_ = tokens;
        cols_ = cols;
    }
    // Tokens [first, first + tokens) of this storage as activations of their own, `cols` each
    // (first a multiple of lanes, first + tokens rounded up to lanes within max_tokens): the
    // tokens routed to each expert of a mixture get one window of a shared buffer, laid out
    // (rows or panel) and read as if it were a batch alone. Valid while this one lives.
    QuantActs window(size_t first, size_t tokens, size_t cols) const {
        QuantActs w;
        w.lanes_ = lanes_;
        w.reshape(tokens, cols);
        w.q_ = q_ + first * cols;
        w.d_ = d_ + first * cols / 32;
        w.d16_ = d16_ + first * cols / 16;
        w.ds16_ = ds16_ + first * cols / 16;
        w.ds32_ = ds32_ + first * cols / 32;
        return w;
    }

    // Row layout.
    int8_t* q(size_t t) const { return q_ + t * cols_; }
    float* d(size_t t) const { return d_ + t * cols_ / 32; }
    float* d16(size_t t) const { return d16_ + t * cols_ / 16; }
    float* ds16(size_t t) const { return ds16_ + t * cols_ / 16; }
    float* ds32(size_t t) const { return ds32_ + t * cols_ / 32; }

    // Panel layout.
    int8_t* panel_q(size_t g) const { return q_ + g * lanes_ * cols_; }
    float* panel_d(size_t g) const { return d_ + g * lanes_ * cols_ / 32; }
    float* panel_ds16(size_t g) const { return ds16_ + g * lanes_ * cols_ / 16; }
    float* panel_ds32(size_t g) const { return ds32_ + g * lanes_ * cols_ / 32; }

private:
    static size_t padded(size_t tokens, size_t lanes) {
        return (tokens + lanes - 1) / lanes * lanes;
    }

    size_t lanes_ = 1;
    size_t tokens_ = 0, cols_ = 0;
    Aligned<int8_t> q_store_; // empty in a window
    Aligned<float> d_store_, d16_store_, ds16_store_, ds32_store_;
    int8_t* q_ = nullptr; // the storage's, or a window's first token in it
    float *d_ = nullptr, *d16_ = nullptr, *ds16_ = nullptr, *ds32_ = nullptr;
};

class FloatPanel {
public:
    FloatPanel() = default;
    FloatPanel(size_t max_tokens, size_t max_cols, size_t lanes)
        : lanes_(lanes), store_((max_tokens + lanes - 1) / lanes * lanes * max_cols),
          x_(store_.get()) {}

    size_t lanes() const { return lanes_; }
    size_t cols() const { return cols_; }
    size_t tokens() const { return tokens_; }
    size_t groups() const { return (tokens_ + lanes_ - 1) / lanes_; }
    void reshape(size_t tokens, size_t cols) {
        tokens_ = tokens;
        cols_ = cols;
    }
    // As QuantActs::window.
    FloatPanel window(size_t first, size_t tokens, size_t cols) const {
        FloatPanel w;
        w.lanes_ = lanes_;
        w.reshape(tokens, cols);
        w.x_ = x_ + first * cols;
        return w;
    }
    float* panel(size_t g) const { return x_ + g * lanes_ * cols_; }

private:
    size_t lanes_ = 1, tokens_ = 0, cols_ = 0;
    Aligned<float> store_; // empty in a window
    float* x_ = nullptr;
};

} // namespace hearth::fast
