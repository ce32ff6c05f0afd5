#include "vulkan/vk_autotune.h"

#include "shader_interface.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_kernel.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace hearth::vk {

namespace {

using Clock = std::chrono::steady_clock;
using Tile = Kernels::MatmulTile;

bool fits(const Tile& t, const DeviceInfo& info) {
    return t.bm % t.tm == 0 && t.bn % t.tn == 0 &&
           t.workgroup() <= info.max_workgroup_invocations &&
           t.shared_bytes() <= info.max_shared_memory_bytes;
}

std::string tile_text(const Tile& t) {
    return std::to_string(t.bm) + " " + std::to_string(t.bn) + " " + std::to_string(t.bk_units) +
           " " + std::to_string(t.tm) + " " + std::to_string(t.tn) + (t.f16 ? " f16" : "");
}

// Reads "bm bn bk tm tn[ f16]" with any single-character separators.
bool parse_tile(std::string text, Tile& t) {
    std::ranges::replace(text, ',', ' ');
    std::istringstream in(text);
    Tile parsed;
    if (!(in >> parsed.bm >> parsed.bn >> parsed.bk_units >> parsed.tm >> parsed.tn) ||
        parsed.tm == 0 || parsed.tn == 0 || parsed.bk_units == 0) {
        return false;
    }
    std::string rest;
    in >> rest;
    parsed.f16 = rest == "f16";
    t = parsed;
    return true;
}

// Whether the tuning also measures f16 tiles: where the device has shaderFloat16 and
// HEARTH_VK_F16_TILES is not "0"; on CPU devices only when it is "1" (they lose there).
bool tune_f16(const DeviceInfo& info) {
    const char* env = std::getenv("HEARTH_VK_F16_TILES");
    const std::string_view forced = env ? env : "";
    return info.features.float16 && forced != "0" &&
           (info.type != VK_PHYSICAL_DEVICE_TYPE_CPU || forced == "1");
}

// Seconds of one product with tile `t` (the better of two runs after a warm-up), or an error.
Result<double> measure(const Context& ctx, const Tile& t, const Buffer& w, const Buffer& x,
                       const Buffer& y) {
    const uint32_t specialization[] = {
        t.workgroup(), HEARTH_TYPE_Q4_0, t.bm, t.bn, t.bk_units, t.tm, t.tn};
    Result<Kernel> kernel = Kernel::create(ctx, t.f16 ? "matmul_f16" : "matmul", 4,
                                           sizeof(gpu::MatvecPush), specialization, 1u << 2);
    if (!kernel) {
        return kernel.error();
    }
    Result<Batch> batch = Batch::create(ctx, 4);
    if (!batch) {
        return batch.error();
    }
    const uint32_t row_bytes = kTuneCols / 32 * 18; // Q4_0: 18 bytes per 32 columns
    const gpu::MatvecPush push{kTuneCols, kTuneRows, kTuneTokens, row_bytes, 0,
                               0,         kTuneCols, 0,           kTuneRows, 0};
    double best = 1e30;
    for (int run = 0; run < 3; ++run) {
        const Clock::time_point start = Clock::now();
        batch->dispatch(*kernel,
                        {(kTuneRows + t.bm - 1) / t.bm, 1, (kTuneTokens + t.bn - 1) / t.bn}, push,
                        {{&w, 0, VK_WHOLE_SIZE}, {&x}, {&y}, {&x}});
        if (Result<void> ok = batch->submit_and_wait(); !ok) {
            return ok.error();
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        best = run == 0 ? best : std::min(best, seconds);
    }
    return best;
}

Result<TileChoice> tune(const Context& ctx, double budget_seconds) {
    TileChoice choice;
    choice.source = TileChoice::Source::Measured;
    const Clock::time_point start = Clock::now();
    // Weights of small, normal f16 scales (0x1111) and mixed nibbles; zero activations.
    std::vector<std::byte> bytes(size_t(kTuneRows) * kTuneCols / 32 * 18, std::byte{0x11});
    Result<Buffer> w = upload_to_device(ctx, bytes);
    Result<Buffer> x =
        Buffer::create(ctx, uint64_t(kTuneTokens) * kTuneCols * 4, Buffer::Memory::DeviceLocal);
    Result<Buffer> y =
        Buffer::create(ctx, uint64_t(kTuneTokens) * kTuneRows * 4, Buffer::Memory::DeviceLocal);
    if (!w || !x || !y) {
        return Error{"cannot allocate the tile measurement's buffers"};
    }
    double best = 1e30;
    for (Tile t : tile_candidates(ctx.info())) {
        if (!choice.seconds.empty() &&
            std::chrono::duration<double>(Clock::now() - start).count() > budget_seconds) {
            break;
        }
        t.f16 = false;
        Result<double> seconds = measure(ctx, t, *w, *x, *y);
        if (!seconds) {
            return seconds.error();
        }
        choice.seconds.push_back(*seconds);
        if (*seconds < best) {
            best = *seconds;
            choice.tile = t;
        }
    }
    // The winner once more with f16 tiles (past the budget too: one product), kept if faster.
    if (tune_f16(ctx.info())) {
        Tile half = choice.tile;
        half.f16 = true;
        Result<double> seconds = measure(ctx, half, *w, *x, *y);
        if (!seconds) {
            return seconds.error();
        }
        choice.f16_seconds = *seconds;
        if (*seconds < best) {
            choice.tile = half;
        }
    }
    choice.tuning_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return choice;
}

} // namespace

std::vector<Tile> tile_candidates(const DeviceInfo& info) {
    // The built-in tile first (see fit_tile in vk_kernels.cpp). CPU devices: larger blocks
    // per invocation (fewer gathered shared-memory reads); GPUs: the 4 x 4 register block
    // in wider, narrower and taller tiles.
    std::vector<Tile> all{Kernels::default_tile(info)};
    if (info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
        all.push_back({.bm = 64, .bn = 64, .bk_units = 1, .tm = 16, .tn = 16});
        all.push_back({.bm = 128, .bn = 32, .bk_units = 1, .tm = 16, .tn = 16});
        all.push_back({.bm = 64, .bn = 64, .bk_units = 1, .tm = 8, .tn = 8});
    } else {
        all.push_back({.bm = 128, .bn = 64, .bk_units = 1, .tm = 8, .tn = 4});
        all.push_back({.bm = 64, .bn = 32, .bk_units = 1, .tm = 4, .tn = 2});
        all.push_back({.bm = 32, .bn = 64, .bk_units = 2, .tm = 2, .tn = 4});
    }
    std::vector<Tile> out;
    for (Tile& t : all) {
        t.f16 = false; // measured with f32 tiles; the tuning tries the winner with f16
        const bool seen =
            std::ranges::any_of(out, [&](const Tile& o) { return tile_text(o) == tile_text(t); });
        if (fits(t, info) && !seen) {
            out.push_back(t);
        }
    }
    return out;
}

std::string tile_cache_key(const Context& ctx) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(ctx.physical_device(), &props);
    std::string uuid;
    for (uint8_t byte : props.pipelineCacheUUID) {
        char hex[3];
        std::snprintf(hex, sizeof(hex), "%02x", byte);
        uuid += hex;
    }
    std::string key = ctx.info().name + "|" + ctx.info().driver + "|" + uuid;
    std::ranges::replace(key, '\t', ' ');
    std::ranges::replace(key, '\n', ' ');
    return key;
}

Result<TileChoice> choose_tile(const Context& ctx, const std::string& cache_path,
                               double budget_seconds) {
    TileChoice choice;
    choice.tile = Kernels::default_tile(ctx.info());
    if (const char* forced = std::getenv("HEARTH_VK_TILE")) {
        if (!parse_tile(forced, choice.tile) || !fits(choice.tile, ctx.info())) {
            return Error{"HEARTH_VK_TILE=\"" + std::string(forced) +
                         "\" is not a tile bm,bn,bk_units,tm,tn that fits " + ctx.info().name};
        }
        choice.source = TileChoice::Source::Override;
        return choice;
    }
    const char* autotune = std::getenv("HEARTH_VK_AUTOTUNE");
    if (cache_path.empty() || (autotune != nullptr && std::strcmp(autotune, "0") == 0)) {
        return choice;
    }
    const std::string key = tile_cache_key(ctx);
    std::vector<std::string> others; // lines of other devices, kept
    {
        std::ifstream in(cache_path);
        for (std::string line; std::getline(in, line);) {
            const size_t tab = line.find('\t');
            Tile cached;
            if (tab != std::string::npos && line.substr(0, tab) == key &&
                parse_tile(line.substr(tab + 1), cached) && fits(cached, ctx.info())) {
                choice.tile = cached;
                choice.source = TileChoice::Source::Cache;
                return choice;
            }
            if (tab != std::string::npos && line.substr(0, tab) != key) {
                others.push_back(line);
            }
        }
    }
    Result<TileChoice> measured = tune(ctx, budget_seconds);
    if (!measured) {
        return measured.error();
    }
    // A file that cannot be written costs a measurement at the next load, nothing more.
    const std::string temporary = cache_path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const std::string& line : others) {
            out << line << "\n";
        }
        out << key << "\t" << tile_text(measured->tile) << "\n";
    }
    std::error_code ec;
    std::filesystem::rename(temporary, cache_path, ec);
    return measured;
}

} // namespace hearth::vk
