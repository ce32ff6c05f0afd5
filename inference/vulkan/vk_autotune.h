// The prefill tile (Kernels::MatmulTile) chosen per device by measurement: at the first load
// a few candidate tiles that fit the device's limits each multiply a Q4_0 matrix of
// kTuneRows x kTuneCols by kTuneTokens tokens, within a time budget (candidates are not
// started after it), and the fastest is written to a small text file next to the pipeline
// cache, one line per device:
//   <device name>|<driver>|<pipeline cache UUID, hex>\t<bm> <bn> <bk_units> <tm> <tn>[ f16]
// On devices with shaderFloat16 (GPUs; CPU devices only with HEARTH_VK_F16_TILES=1) the
// fastest tile is measured once more with f16 tiles, and " f16" marks a tile that won so.
// Later loads on the same device and driver read it instead of measuring again.
// HEARTH_VK_TILE="bm,bn,bk_units,tm,tn[,f16]" forces a tile (tests, experiments) and
// HEARTH_VK_AUTOTUNE=0 keeps the built-in tile for the device type.
#pragma once

#include "result.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernels.h"

#include <string>
#include <vector>

namespace hearth::vk {

struct TileChoice {
    Kernels::MatmulTile tile;
    enum class Source { Default, Override, Cache, Measured } source = Source::Default;
    // Measured only: each candidate's seconds per product, in candidate order (those not
    // started within the budget are absent), and the whole tuning's seconds.
    std::vector<double> seconds;
    double f16_seconds = 0.0; // the fastest candidate with f16 tiles; 0: not measured
    double tuning_seconds = 0.0;
};

// The built-in tile for the device (the first candidate), then alternatives that fit.
std::vector<Kernels::MatmulTile> tile_candidates(const DeviceInfo& info);

// The cache file's key for the context's device and driver.
std::string tile_cache_key(const Context& ctx);

// Chooses as above; cache_path empty: no file, the built-in tile (unless overridden).
Result<TileChoice> choose_tile(const Context& ctx, const std::string& cache_path,
                               double budget_seconds = 2.0);

inline constexpr uint32_t kTuneRows = 512, kTuneCols = 1024, kTuneTokens = 64;

} // namespace hearth::vk
