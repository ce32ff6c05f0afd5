// Plain float32 reference operations: the oracle the Vulkan kernels are tested against.
// Obviously correct beats fast here.
#pragma once

#include <span>

namespace hearth::cpu {

// y[r][c] = x[r][c] / sqrt(mean_c(x[r]^2) + eps) * w[c]
// x, y: [rows][cols] row-major; w: [cols]. y may alias x.
void rms_norm(std::span<const float> x, std::span<const float> w, std::span<float> y, int rows,
              float eps);

} // namespace hearth::cpu
