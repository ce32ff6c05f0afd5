#include "cpu/ops.h"

#include <cmath>
#include <cstddef>

namespace hearth::cpu {

void rms_norm(std::span<const float> x, std::span<const float> w, std::span<float> y, int rows,
              float eps) {
    const size_t cols = w.size();
    for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
        // Accumulate in double so the reference is more accurate than what it checks.
        double sum_sq = 0.0;
        for (size_t c = 0; c < cols; ++c) {
            sum_sq += double(x[r * cols + c]) * x[r * cols + c];
        }
        const float scale = static_cast<float>(1.0 / std::sqrt(sum_sq / double(cols) + eps));
        for (size_t c = 0; c < cols; ++c) {
            y[r * cols + c] = x[r * cols + c] * scale * w[c];
        }
    }
}

} // namespace hearth::cpu
