// Shared pieces of the reference quantizers (quantize.cpp, quantize_k_quants.cpp): the grids
// that block values snap to, how a block's range picks a step on a grid, and byte stores.
#pragma once

#include "quantize.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace hearth::test::grid {

// The 16 levels of IQ4_NL and IQ4_XS, as published with the format (kvalues_iq4nl).
inline constexpr int kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                       1,    13,   25,  38,  53,  69,  89,  113};

// The values one code of a block can stand for, in units of the block's step: y = step * level.
// A uniform grid's codes are its levels lo..hi; IQ4's codes 0..15 index kIq4Levels.
// `fit_neg`/`fit_pos` bound the scaled values t = x / step that still round to a level within
// `max_error` steps: for a uniform grid the ends themselves (error <= 1/2); for IQ4 -127 and
// 125, because 125 is 12 above the top level 113 and 12 is half the widest gap (89 → 113).
struct Grid {
    int lo, hi;
    bool iq4;
    double fit_neg, fit_pos, max_error;

    int level(int code) const { return iq4 ? kIq4Levels[code] : code; }
    int nearest(double t) const {
        if (!iq4) {
            return int(std::clamp(std::nearbyint(t), double(lo), double(hi)));
        }
        int best = 0;
        for (int c = 1; c < 16; ++c) {
            if (std::fabs(t - kIq4Levels[c]) < std::fabs(t - kIq4Levels[best])) {
                best = c;
            }
        }
        return best;
    }
};

inline constexpr Grid uniform(int lo, int hi) {
    return Grid{lo, hi, false, double(-lo), double(hi), 0.5};
}
inline constexpr Grid kIq4Grid{0, 15, true, 127.0, 125.0, 12.0};

// Smallest and largest value of a block, each widened to include 0.
struct Extent {
    double lo = 0, hi = 0;
};
inline Extent extent(const float* x, int n) {
    Extent e;
    for (int i = 0; i < n; ++i) {
        e.lo = std::min(e.lo, double(x[i]));
        e.hi = std::max(e.hi, double(x[i]));
    }
    return e;
}

// The smallest step > 0 that keeps x / step inside [-fit_neg, fit_pos] for every x of the block,
// and the smallest |step| for a negative step (which maps the block's top to the grid's bottom).
inline double fit_step_positive(Extent e, const Grid& g) {
    return std::max(e.hi / g.fit_pos, -e.lo / g.fit_neg);
}
inline double fit_step_negative(Extent e, const Grid& g) {
    return std::max(-e.lo / g.fit_pos, e.hi / g.fit_neg);
}

// Codes of n values on `g` with the given step; returns the sum of squared errors.
inline double encode(const float* x, int n, double step, const Grid& g, int* codes) {
    double sse = 0;
    for (int i = 0; i < n; ++i) {
        codes[i] = g.nearest(step != 0 ? x[i] / step : 0.0);
        const double err = x[i] - step * g.level(codes[i]);
        sse += err * err;
    }
    return sse;
}

// ceil(a / b) for a >= 0, b > 0, forgiving a quotient that exceeds an integer only by the
// rounding of the division (so a step chosen to fit exactly is not pushed one unit further).
inline int ceil_ratio(double a, double b) {
    return b > 0 ? int(std::ceil(a / b - 1e-9)) : 0;
}

inline void put_u8(std::byte* p, unsigned v) {
    *p = std::byte(v & 0xFF);
}
// Little-endian stores, whatever the host's byte order.
inline void put_u16(std::byte* p, unsigned v) {
    put_u8(p, v);
    put_u8(p + 1, v >> 8);
}
inline void put_u32(std::byte* p, uint32_t v) {
    put_u16(p, v & 0xFFFF);
    put_u16(p + 2, v >> 16);
}
inline unsigned get_u8(const std::byte* p) {
    return std::to_integer<unsigned>(*p);
}
inline void or_u8(std::byte* p, unsigned v) {
    put_u8(p, get_u8(p) | v);
}

} // namespace hearth::test::grid
