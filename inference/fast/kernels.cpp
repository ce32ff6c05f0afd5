#include "fast/kernels.h"

#include "fast/dispatch.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <hwy/highway.h>
#include <hwy/targets.h>
#include <memory>

namespace hearth::fast {

namespace {

// Names people recognise; Highway's own (TargetName) are accepted too.
std::string display_name(int64_t target) {
    switch (target) {
    case HWY_AVX3_SPR:
        return "AVX-512 FP16";
    case HWY_AVX3_ZEN4:
        return "AVX-512 (Zen 4)";
    case HWY_AVX3_DL:
        return "AVX-512 VNNI";
    case HWY_AVX3:
        return "AVX-512";
    case HWY_AVX2:
        return "AVX2";
    case HWY_SSE4:
        return "SSE4";
    case HWY_SSSE3:
        return "SSSE3";
    case HWY_SSE2:
        return "SSE2";
    case HWY_NEON_BF16:
        return "NEON (dotprod, i8mm, bf16)";
    case HWY_NEON:
        return "NEON (AES)";
    case HWY_NEON_WITHOUT_AES:
        return "NEON";
    default:
        return hwy::TargetName(target);
    }
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::vector<std::unique_ptr<Kernels>> make_variants() {
    std::vector<std::unique_ptr<Kernels>> variants;
    for (int64_t target : compiled_targets()) {
        if ((hwy::SupportedTargets() & target) == 0) {
            continue;
        }
        auto k = std::make_unique<Kernels>();
        k->name = display_name(target);
        k->target = target;
        if (fill_act_kernels(target, *k) && fill_quant_kernels(target, *k) &&
            fill_float_kernels(target, *k) && fill_op_kernels(target, *k)) {
            variants.push_back(std::move(k));
        }
    }
    return variants;
}

} // namespace

std::vector<int64_t> compiled_targets() {
    std::vector<int64_t> targets;
    for (int64_t rest = HWY_TARGETS; rest != 0; rest &= rest - 1) {
        targets.push_back(rest & -rest); // lower bits are the better targets
    }
    return targets;
}

size_t gemm_scratch_bytes(size_t max_cols) {
    // Quantized: 4 rows of codes, scales and offsets (per 16), a 4 x 2 x 16 tile.
    // Float: 4 rows of floats and a 4 x 4 x 16 tile.
    // (Each part rounded up to 64 bytes.)
    const size_t quant = 4 * max_cols + 2 * 4 * (max_cols / 16) * sizeof(float) + 128 * 4;
    const size_t floats = 4 * max_cols * sizeof(float) + 256 * 4;
    return std::max(quant, floats) + 4 * 64;
}

const std::vector<const Kernels*>& available_variants() {
    static const std::vector<std::unique_ptr<Kernels>> owned = make_variants();
    static const std::vector<const Kernels*> variants = [] {
        std::vector<const Kernels*> v;
        for (const auto& k : owned) {
            v.push_back(k.get());
        }
        return v;
    }();
    return variants;
}

Result<const Kernels*> find_variant(const std::string& name) {
    const std::string wanted = lower(name);
    std::string names;
    for (const Kernels* k : available_variants()) {
        if (lower(k->name) == wanted || lower(hwy::TargetName(k->target)) == wanted) {
            return k;
        }
        names += (names.empty() ? "" : ", ") + k->name;
    }
    return Error{"this CPU has no \"" + name + "\" variant of the CPU kernels (it has: " + names +
                 ")"};
}

Result<const Kernels*> choose_variant() {
    if (const char* forced = std::getenv("HEARTH_CPU_VARIANT"); forced && *forced) {
        return find_variant(forced);
    }
    if (available_variants().empty()) {
        return Error{"no CPU kernel variant runs on this processor"};
    }
    return available_variants().front();
}

} // namespace hearth::fast
