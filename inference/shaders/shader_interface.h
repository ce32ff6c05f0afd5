// Shared between C++ and GLSL: push-constant blocks and constants of every kernel.
// GLSL sees `uint`/`float`; C++ sees the same layout through the typedefs below. Every
// block is a multiple of 4 bytes with std430-compatible, naturally aligned members.
#ifndef HEARTH_SHADER_INTERFACE_H
#define HEARTH_SHADER_INTERFACE_H

#ifdef __cplusplus
#include <cstdint>
namespace hearth::gpu {
using uint = std::uint32_t;
#endif

// Default workgroup size of row-reduction kernels (a power of two; overridable through
// specialization constant 0 so a device's subgroup size always divides it).
#define HEARTH_REDUCE_WORKGROUP 128

// rms_norm: y[r][c] = x[r][c] / sqrt(mean(x[r]^2) + eps) * w[c]
//   x, y: [rows][cols] f32, w: [cols] f32; one workgroup per row.
struct RmsNormPush {
    uint cols;
    uint rows;
    float eps;
};

#ifdef __cplusplus
} // namespace hearth::gpu
#endif

#endif
