// VulkanSession's mixture-of-experts FFN (moe_ffn), apart from the dense forward pass of
// vk_session.cpp.
#include "vulkan/vk_ops.h"
#include "vulkan/vk_session.h"

namespace hearth::vk {

// A mixture-of-experts FFN for n tokens of h_: router logits (+ bias) -> ids and weights on
// the device -> for each of the n * k slots act(W_gate,e h + b) * (W_up,e h + b) -> W_down,e
// (+ b) -> the weighted sum (-> norm) + residual. The biases are gpt-oss's (absent elsewhere):
// the router's joins the logits it both chooses and weights by, an expert's row e joins each
// of its products, the down one before the weighting (llama.cpp's build_moe_ffn). A prompt
// batch with enough slots per expert (Kernels::kMoeMinSlots on average; when the kernels
// tile prompts) groups its slots by expert on the device and runs one tiled product per
// expert stack, reading each expert's matrices once per tile of its slots; smaller batches
// and single tokens run one matvec per slot.
void VulkanSession::moe_ffn(Recorder& rec, const GpuLayer& w, uint32_t n) {
    const uint32_t k = c_.moe.n_expert_used, F = c_.n_ff_exp, slots = n * k;
    auto bias = [](const GpuTensor& b) { return b.present() ? &b : nullptr; };
    MatvecIo router{whole(h_), whole(router_logits_), n};
    router.bias = bias(w.router_bias);
    rec.matvec(w.router, router);
    rec.moe_route(whole(router_logits_), nullptr, whole(expert_ids_), whole(expert_weights_), n,
                  c_.moe);
    const bool grouped = device_->kernels->uses_matmul() &&
                         uint64_t(n) * k >= uint64_t(Kernels::kMoeMinSlots) * c_.moe.n_expert;
    if (grouped) {
        rec.moe_group(whole(expert_ids_), whole(expert_groups_), slots, c_.moe.n_expert);
    }
    const auto product = [&](const GpuTensor& stack, const MoeMatvecIo& io) {
        if (grouped) {
            rec.moe_matmul(stack, c_.moe.n_expert, io, whole(expert_groups_), n);
        } else {
            rec.moe_matvec(stack, c_.moe.n_expert, io);
        }
    };
    MoeMatvecIo gate{whole(h_), whole(gate_), whole(expert_ids_), slots, k, c_.n_embd, F};
    gate.bias = bias(w.gate_exps_bias);
    product(w.gate_exps, gate);
    MoeMatvecIo up = gate;
    up.y = whole(up_);
    up.bias = bias(w.up_exps_bias);
    product(w.up_exps, up);
    activate(rec, slots * F);
    MoeMatvecIo down{whole(gate_), whole(expert_out_), whole(expert_ids_), slots, 1, F, c_.n_embd};
    down.bias = bias(w.down_exps_bias);
    product(w.down_exps, down);
    if (!c_.post_norms && c_.residual_scale == 1.0f) {
        rec.moe_combine(whole(expert_out_), whole(expert_weights_), whole(x_), n, k, c_.n_embd,
                        true);
        return;
    }
    rec.moe_combine(whole(expert_out_), whole(expert_weights_), whole(o_), n, k, c_.n_embd, false);
    if (c_.post_norms) {
        rec.rms_norm(whole(o_), whole(w.post_ffn_norm), whole(o_), n, c_.n_embd, c_.rms_eps);
    }
    rec.axpby(whole(x_), whole(o_), n * c_.n_embd, 1.0f, c_.residual_scale);
}

} // namespace hearth::vk
