#include "vulkan/vk_kernels.h"

#include "shader_interface.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

namespace hearth::vk {

namespace {

constexpr std::array kSupported = {
    GgmlType::F32,  GgmlType::F16,    GgmlType::BF16,   GgmlType::Q8_0,
    GgmlType::Q4_0, GgmlType::Q4_1,   GgmlType::Q5_0,   GgmlType::Q5_1,
    GgmlType::Q2_K, GgmlType::Q3_K,   GgmlType::Q4_K,   GgmlType::Q5_K,
    GgmlType::Q6_K, GgmlType::IQ4_NL, GgmlType::IQ4_XS, GgmlType::MXFP4};

uint32_t bit(uint32_t binding) {
    return 1u << binding;
}

// The tile of matmul.comp for a device. GPUs: 64 x 64 outputs per workgroup of 256
// invocations (4 x 4 each), one 32-column unit per step, 16 KiB of shared memory (Vulkan's
// minimum maxComputeSharedMemorySize). CPU devices (lavapipe): 128 x 64 per workgroup of 32
// invocations (16 x 16 each, 24 KiB). lavapipe turns each shared-memory read whose address
// differs between invocations into a gather, so the larger the block each invocation
// multiplies, the fewer reads per product: pp128 of a Q4_0 1024-wide model measured about
// 11-16 tokens/s with 4 x 4, 23-34 with 16 x 8, 33-40 with 16 x 16, 15-19 with the batched
// matvec (on a busy 2-core machine).
// Devices with fewer invocations give each more tokens, then more rows; the tile shrinks
// where shared memory is smaller still.
// f16 tiles on GPUs with shaderFloat16. Not on CPU devices: on lavapipe they measured slower
// (matmul's device time for a 128-token prompt of the 16-layer Q4_0 bench model 7.1 s
// against 5.8 s with f32 tiles): its shared memory is ordinary memory, so halving it gains
// nothing, while every store and load converts. The autotune measures both.
Kernels::MatmulTile fit_tile(const DeviceInfo& info) {
    Kernels::MatmulTile t;
    if (info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
        t = {.bm = 128, .bn = 64, .bk_units = 1, .tm = 16, .tn = 16};
    }
    while (t.workgroup() > info.max_workgroup_invocations && (t.tn < t.bn || t.tm < t.bm)) {
        (t.tn < t.bn ? t.tn : t.tm) *= 2;
    }
    while (t.shared_bytes() > info.max_shared_memory_bytes && t.bm > 8) {
        t.bm /= 2;
        t.bn /= 2;
        t.tm = std::min(t.tm, t.bm);
        t.tn = std::min(t.tn, t.bn);
    }
    t.f16 = info.features.float16 && info.type != VK_PHYSICAL_DEVICE_TYPE_CPU;
    return t;
}

// The pinned subgroup size (see Kernels::subgroup_size): the largest the device offers that
// divides the smallest reducing workgroup, unless HEARTH_VK_SUBGROUP_SIZE says otherwise.
uint32_t pinned_subgroup_size(const DeviceInfo& info, uint32_t smallest_workgroup) {
    const DeviceFeatures& f = info.features;
    if (!f.subgroup_size_control) {
        return 0;
    }
    if (const char* env = std::getenv("HEARTH_VK_SUBGROUP_SIZE")) {
        const uint32_t wanted = static_cast<uint32_t>(std::strtoul(env, nullptr, 10));
        return wanted >= f.min_subgroup_size && wanted <= f.max_subgroup_size ? wanted : 0;
    }
    uint32_t size = f.max_subgroup_size;
    while (size > f.min_subgroup_size && smallest_workgroup % size != 0) {
        size /= 2;
    }
    return smallest_workgroup % size == 0 ? size : 0;
}

// HEARTH_VK_INTEGER_DOT: "1" forces the Q8 matvec where the device can run it, "0" keeps
// the float one; otherwise it is used where the device accelerates packed dot products.
bool want_integer_dot(const DeviceFeatures& f) {
    const char* env = std::getenv("HEARTH_VK_INTEGER_DOT");
    const std::string_view forced = env ? env : "";
    if (!f.integer_dot || forced == "0") {
        return false;
    }
    return forced == "1" || f.integer_dot_fast;
}

// HEARTH_VK_F16_TILES: "1" forces matmul's f16 tiles where the device has shaderFloat16,
// "0" keeps f32 tiles; otherwise the tile's choice (`wanted`), where the device can.
bool want_f16_tiles(const DeviceInfo& info, bool wanted) {
    const char* env = std::getenv("HEARTH_VK_F16_TILES");
    const std::string_view forced = env ? env : "";
    if (!info.features.float16 || forced == "0") {
        return false;
    }
    return forced == "1" || wanted;
}

// HEARTH_VK_16BIT_KV: "1" forces attention's 16-bit reads of values where the device has
// storageBuffer16BitAccess, "0" keeps the packed reads; otherwise 16-bit reads on GPUs with
// the feature (fewer instructions, the same outputs). Not on CPU devices: on lavapipe they
// measured the same (attention's device time over matmul's, 384-token prompts of the Q4_0
// bench model, three alternating runs each: 0.58, 0.63, 0.68 packed, 0.63, 0.63, 0.66
// 16-bit), so its path stays as it was.
bool want_16bit_kv(const DeviceInfo& info) {
    const char* env = std::getenv("HEARTH_VK_16BIT_KV");
    const std::string_view forced = env ? env : "";
    if (!info.features.storage_16bit || forced == "0") {
        return false;
    }
    return forced == "1" || info.type != VK_PHYSICAL_DEVICE_TYPE_CPU;
}

} // namespace

Kernels::MatmulTile Kernels::default_tile(const DeviceInfo& info) {
    return fit_tile(info);
}

bool Kernels::integer_dot_supports(GgmlType type) {
    return type == GgmlType::Q8_0 || type == GgmlType::Q4_0 || type == GgmlType::Q4_1;
}

std::string Kernels::describe() const {
    std::string text = row_per_invocation_ ? "matvec: a row per invocation"
                       : subgroups_        ? "matvec: rows per subgroup"
                                           : "matvec: rows per workgroup";
    text += subgroup_size_ ? ", subgroups of " + std::to_string(subgroup_size_) + " (required)"
                           : std::string();
    text += integer_dot_ ? ", Q8 activations with integer dot products" : ", float activations";
    text += use_matmul_ ? ", prefill tile " + std::to_string(tile_.bm) + "x" +
                              std::to_string(tile_.bn) + " (" + std::to_string(tile_.tm) + "x" +
                              std::to_string(tile_.tn) + " per invocation)"
                        : ", prefill by batched matvec";
    text += coopmat_note_.empty() ? std::string() : ", " + coopmat_note_;
    text += use_matmul_ && f16_tiles_ ? ", f16 tiles" : "";
    text += kv_16bit_ ? ", 16-bit value reads" : "";
    return text;
}

bool kernel_supports(GgmlType type) {
    return std::ranges::find(kSupported, type) != kSupported.end();
}

std::string Kernels::variant(const char* name) const {
    return subgroups_ ? std::string(name) : std::string(name) + "_shmem";
}

Result<std::unique_ptr<Kernels>> Kernels::create(const Context& ctx, Sharing sharing,
                                                 Prefill prefill, const MatmulTile* tile) {
    std::unique_ptr<Kernels> k(new Kernels(ctx));
    const DeviceInfo& info = ctx.info();
    if (prefill == Prefill::Auto) {
        const char* env = std::getenv("HEARTH_VK_PREFILL");
        const std::string_view forced = env ? env : "";
        // matmul by default: faster than the batched matvec on lavapipe too (see fit_tile).
        prefill = forced == "matvec" ? Prefill::Matvec : Prefill::Matmul;
    }
    k->tile_ = tile != nullptr ? *tile : fit_tile(info);
    k->f16_tiles_ = want_f16_tiles(info, k->tile_.f16);
    k->tile_.f16 = k->f16_tiles_;
    k->moe_tile_ = k->tile_;
    k->moe_tile_.bn = std::min(k->tile_.bn, kMoeTileSlots);
    k->moe_tile_.tn = std::min(k->tile_.tn, k->moe_tile_.bn);
    k->use_matmul_ = prefill == Prefill::Matmul &&
                     k->tile_.shared_bytes() <= info.max_shared_memory_bytes &&
                     k->tile_.workgroup() <= info.max_workgroup_invocations;
    if (k->use_matmul_) {
        CoopmatMatmul::Choice coopmat = CoopmatMatmul::choose(ctx);
        k->coopmat_ = std::move(coopmat.matmul);
        k->coopmat_note_ = std::move(coopmat.note);
    }
    if (sharing == Sharing::Auto) {
        sharing = info.type == VK_PHYSICAL_DEVICE_TYPE_CPU ? Sharing::Invocations
                  : info.subgroup_arithmetic               ? Sharing::Subgroups
                                                           : Sharing::SharedMemory;
    }
    k->subgroups_ = info.subgroup_arithmetic && sharing != Sharing::SharedMemory;
    k->row_per_invocation_ = sharing == Sharing::Invocations;
    k->integer_dot_ = want_integer_dot(info.features);
    k->kv_16bit_ = want_16bit_kv(info);
    // matvec: subgroups (8 lavapipe, 32 NVIDIA, 64 AMD) take two rows each; the
    // shared-memory variant reduces one row at a time across the workgroup.
    k->matvec_workgroup_ = std::min(std::clamp<uint32_t>(std::max(info.subgroup_size, 1u), 64, 128),
                                    info.max_workgroup_invocations);
    const uint32_t attention_wg = std::min(kAttentionWorkgroup, info.max_workgroup_invocations);
    const uint32_t reduce_wg =
        std::min<uint32_t>(HEARTH_REDUCE_WORKGROUP, info.max_workgroup_invocations);
    if (k->subgroups_) {
        k->subgroup_size_ = pinned_subgroup_size(
            info, std::min({k->matvec_workgroup_, attention_wg, reduce_wg, kQ8Workgroup}));
    }
    const uint32_t subgroup =
        k->subgroup_size_ ? k->subgroup_size_ : std::max<uint32_t>(info.subgroup_size, 1);
    k->matvec_rows_ = k->row_per_invocation_ ? k->matvec_workgroup_
                      : k->subgroups_ ? std::max<uint32_t>(1, 2 * k->matvec_workgroup_ / subgroup)
                                      : 4;

    struct Spec {
        Kernel* slot;
        std::string shader;
        uint32_t buffers;
        uint32_t push;
        std::vector<uint32_t> specialization;
        uint32_t written;
        uint32_t subgroup_size = 0;
    };
    const uint32_t pinned = k->subgroup_size_; // for the kernels that reduce with subgroups
    const Spec specs[] = {
        {&k->rms_norm_,
         k->variant("rms_norm"),
         3,
         sizeof(gpu::RmsNormPush),
         {reduce_wg},
         bit(2),
         pinned},
        {&k->rope_, "rope", 3, sizeof(gpu::RopePush), {}, bit(0)},
        {&k->kv_store_, "kv_store", 5, sizeof(gpu::KvStorePush), {}, bit(2) | bit(3)},
        {&k->attention_,
         k->variant("attention") + (k->kv_16bit_ ? "_s16" : ""),
         6,
         sizeof(gpu::AttentionPush),
         {attention_wg},
         bit(3),
         pinned},
        {&k->silu_act_, "gated_act", 2, sizeof(gpu::GatedActPush), {0}, bit(0)},
        {&k->gelu_act_, "gated_act", 2, sizeof(gpu::GatedActPush), {1}, bit(0)},
        {&k->swiglu_oai_, "gated_act", 2, sizeof(gpu::GatedActPush), {2}, bit(0)},
        {&k->axpby_, "axpby", 2, sizeof(gpu::AxpbyPush), {}, bit(0)},
        {&k->argmax_, "argmax", 2, sizeof(gpu::ArgmaxPush), {}, bit(1)},
        {&k->moe_route_, "moe_route", 4, sizeof(gpu::MoeRoutePush), {}, bit(2) | bit(3)},
        {&k->moe_combine_, "moe_combine", 3, sizeof(gpu::MoeCombinePush), {}, bit(2)},
        {&k->moe_group_, "moe_group", 2, sizeof(gpu::MoeGroupPush), {}, bit(1)},
        {&k->quantize_q8_, "quantize_q8", 2, sizeof(gpu::QuantizeQ8Push), {}, bit(1)},
    };
    for (const Spec& s : specs) {
        if (s.slot == &k->quantize_q8_ && !k->integer_dot_) {
            continue;
        }
        Result<Kernel> kernel = Kernel::create(ctx, s.shader, s.buffers, s.push, s.specialization,
                                               s.written, s.subgroup_size);
        if (!kernel) {
            return kernel.error();
        }
        *s.slot = std::move(kernel.value());
    }
    return k;
}

uint32_t Kernels::matvec_min_lanes() const {
    const DeviceInfo& info = ctx_.info();
    if (row_per_invocation_) {
        return 1;
    }
    if (subgroups_ && subgroup_size_ != 0) {
        return std::min(subgroup_size_, matvec_workgroup_); // full subgroups of this size
    }
    return subgroups_ ? std::max<uint32_t>(1, std::min(info.min_subgroup_size, matvec_workgroup_))
                      : matvec_workgroup_;
}

Result<const Kernel*> Kernels::matvec(GgmlType type, bool batched) {
    if (auto it = matvec_.find({type, batched}); it != matvec_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot multiply " + std::string(type_name(type)) +
                     " weights"};
    }
    const uint32_t specialization[] = {matvec_workgroup_, static_cast<uint32_t>(type), matvec_rows_,
                                       batched ? kMatvecVectors : 1, row_per_invocation_ ? 1u : 0u};
    Result<Kernel> kernel =
        Kernel::create(ctx_, variant("matvec"), 4, sizeof(gpu::MatvecPush), specialization, bit(2),
                       subgroups_ && !row_per_invocation_ ? subgroup_size_ : 0);
    if (!kernel) {
        return kernel.error();
    }
    return &matvec_.emplace(std::pair{type, batched}, std::move(kernel.value())).first->second;
}

Result<const Kernel*> Kernels::matvec_q8(GgmlType type) {
    if (auto it = matvec_q8_.find(type); it != matvec_q8_.end()) {
        return &it->second;
    }
    if (!integer_dot_ || !integer_dot_supports(type)) {
        return Error{"the Vulkan backend has no integer-dot matvec for " +
                     std::string(type_name(type)) + " weights on this device"};
    }
    // A workgroup of kQ8Workgroup per row, reduced like rms_norm (subgroups or shared memory).
    const uint32_t specialization[] = {kQ8Workgroup, static_cast<uint32_t>(type)};
    Result<Kernel> kernel = Kernel::create(ctx_, variant("matvec_q8"), 4, sizeof(gpu::MatvecPush),
                                           specialization, bit(2), subgroups_ ? subgroup_size_ : 0);
    if (!kernel) {
        return kernel.error();
    }
    return &matvec_q8_.emplace(type, std::move(kernel.value())).first->second;
}

Result<const Kernel*> Kernels::matmul(GgmlType type) {
    if (coopmat_) {
        return coopmat_->kernel(type);
    }
    if (auto it = matmul_.find(type); it != matmul_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot multiply " + std::string(type_name(type)) +
                     " weights"};
    }
    const MatmulTile& t = tile_;
    const uint32_t specialization[] = {
        t.workgroup(), static_cast<uint32_t>(type), t.bm, t.bn, t.bk_units, t.tm, t.tn};
    Result<Kernel> kernel = Kernel::create(ctx_, f16_tiles_ ? "matmul_f16" : "matmul", 4,
                                           sizeof(gpu::MatvecPush), specialization, bit(2));
    if (!kernel) {
        return kernel.error();
    }
    return &matmul_.emplace(type, std::move(kernel.value())).first->second;
}

Result<const Kernel*> Kernels::moe_matvec(GgmlType type) {
    if (auto it = moe_matvec_.find(type); it != moe_matvec_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot multiply " + std::string(type_name(type)) +
                     " experts"};
    }
    // matvec's geometry: a slot's expert matrix is shared out like one matvec.
    const uint32_t specialization[] = {matvec_workgroup_, static_cast<uint32_t>(type), matvec_rows_,
                                       row_per_invocation_ ? 1u : 0u};
    Result<Kernel> kernel =
        Kernel::create(ctx_, variant("moe_matvec"), 5, sizeof(gpu::MoeMatvecPush), specialization,
                       bit(2), subgroups_ && !row_per_invocation_ ? subgroup_size_ : 0);
    if (!kernel) {
        return kernel.error();
    }
    return &moe_matvec_.emplace(type, std::move(kernel.value())).first->second;
}

Result<const Kernel*> Kernels::moe_matmul(GgmlType type) {
    if (auto it = moe_matmul_.find(type); it != moe_matmul_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot multiply " + std::string(type_name(type)) +
                     " experts"};
    }
    const MatmulTile& t = moe_tile_;
    const uint32_t specialization[] = {
        t.workgroup(), static_cast<uint32_t>(type), t.bm, t.bn, t.bk_units, t.tm, t.tn};
    Result<Kernel> kernel = Kernel::create(ctx_, f16_tiles_ ? "moe_matmul_f16" : "moe_matmul", 5,
                                           sizeof(gpu::MoeMatmulPush), specialization, bit(2));
    if (!kernel) {
        return kernel.error();
    }
    return &moe_matmul_.emplace(type, std::move(kernel.value())).first->second;
}

Result<const Kernel*> Kernels::embed(GgmlType type) {
    if (auto it = embed_.find(type); it != embed_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot read " + std::string(type_name(type)) +
                     " embeddings"};
    }
    // Specialization constant 0 (the workgroup size) keeps its default of 32.
    const uint32_t specialization[] = {32, static_cast<uint32_t>(type)};
    Result<Kernel> kernel =
        Kernel::create(ctx_, "embed", 3, sizeof(gpu::EmbedPush), specialization, bit(2));
    if (!kernel) {
        return kernel.error();
    }
    return &embed_.emplace(type, std::move(kernel.value())).first->second;
}

} // namespace hearth::vk
