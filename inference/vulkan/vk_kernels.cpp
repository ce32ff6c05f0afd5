#include "vulkan/vk_kernels.h"

#include "shader_interface.h"

#include <algorithm>
#include <array>

namespace hearth::vk {

namespace {

constexpr std::array kSupported = {
    GgmlType::F32,  GgmlType::F16,  GgmlType::BF16, GgmlType::Q8_0,   GgmlType::Q4_0,
    GgmlType::Q4_1, GgmlType::Q5_0, GgmlType::Q5_1, GgmlType::Q2_K,   GgmlType::Q3_K,
    GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K, GgmlType::IQ4_NL, GgmlType::IQ4_XS};

uint32_t bit(uint32_t binding) {
    return 1u << binding;
}

} // namespace

bool kernel_supports(GgmlType type) {
    return std::ranges::find(kSupported, type) != kSupported.end();
}

std::string Kernels::variant(const char* name) const {
    return subgroups_ ? std::string(name) : std::string(name) + "_shmem";
}

Result<std::unique_ptr<Kernels>> Kernels::create(const Context& ctx, Sharing sharing) {
    std::unique_ptr<Kernels> k(new Kernels(ctx));
    const DeviceInfo& info = ctx.info();
    if (sharing == Sharing::Auto) {
        sharing = info.type == VK_PHYSICAL_DEVICE_TYPE_CPU ? Sharing::Invocations
                  : info.subgroup_arithmetic               ? Sharing::Subgroups
                                                           : Sharing::SharedMemory;
    }
    k->subgroups_ = info.subgroup_arithmetic && sharing != Sharing::SharedMemory;
    k->row_per_invocation_ = sharing == Sharing::Invocations;
    // matvec: subgroups (8 lavapipe, 32 NVIDIA, 64 AMD) take two rows each; the
    // shared-memory variant reduces one row at a time across the workgroup.
    const uint32_t subgroup = std::max<uint32_t>(info.subgroup_size, 1);
    k->matvec_workgroup_ =
        std::min(std::clamp<uint32_t>(subgroup, 64, 128), info.max_workgroup_invocations);
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
    };
    const uint32_t attention_wg = std::min(kAttentionWorkgroup, info.max_workgroup_invocations);
    const uint32_t reduce_wg =
        std::min<uint32_t>(HEARTH_REDUCE_WORKGROUP, info.max_workgroup_invocations);
    const Spec specs[] = {
        {&k->rms_norm_, k->variant("rms_norm"), 3, sizeof(gpu::RmsNormPush), {reduce_wg}, bit(2)},
        {&k->rope_, "rope", 2, sizeof(gpu::RopePush), {}, bit(0)},
        {&k->kv_store_, "kv_store", 4, sizeof(gpu::KvStorePush), {}, bit(2) | bit(3)},
        {&k->attention_,
         k->variant("attention"),
         4,
         sizeof(gpu::AttentionPush),
         {attention_wg},
         bit(3)},
        {&k->silu_mul_, "silu_mul", 2, sizeof(gpu::SiluMulPush), {}, bit(0)},
        {&k->argmax_, "argmax", 2, sizeof(gpu::ArgmaxPush), {}, bit(1)},
    };
    for (const Spec& s : specs) {
        Result<Kernel> kernel =
            Kernel::create(ctx, s.shader, s.buffers, s.push, s.specialization, s.written);
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
        Kernel::create(ctx_, variant("matvec"), 4, sizeof(gpu::MatvecPush), specialization, bit(2));
    if (!kernel) {
        return kernel.error();
    }
    return &matvec_.emplace(std::pair{type, batched}, std::move(kernel.value())).first->second;
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
