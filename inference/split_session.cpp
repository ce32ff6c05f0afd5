#include "split_session.h"

#include "vulkan/vk_offload.h"

#include <algorithm>

namespace hearth {

SplitSession::SplitSession(std::unique_ptr<vk::VulkanSession> front,
                           std::unique_ptr<fast::FastSession> back, uint32_t n_layer)
    : front_(std::move(front)), back_(std::move(back)), n_layer_(n_layer) {}

Result<std::span<const float>> SplitSession::eval(Token token) {
    return eval_batch(std::span(&token, 1));
}

Result<std::span<const float>> SplitSession::eval_batch(std::span<const Token> tokens) {
    if (tokens.empty()) {
        return Error{"no tokens to evaluate"};
    }
    const uint32_t start = n_past();
    Result<std::span<const float>> logits = Error{""};
    for (size_t at = 0; at < tokens.size(); at += front_->prompt_batch()) {
        const auto piece =
            tokens.subspan(at, std::min<size_t>(front_->prompt_batch(), tokens.size() - at));
        Result<std::span<const float>> hidden = front_->eval_hidden(piece);
        logits = hidden ? back_->eval_hidden(*hidden) : hidden;
        if (!logits) {
            // A failure on either side leaves both where the call began.
            truncate(start);
            return logits.error();
        }
    }
    return logits;
}

void SplitSession::truncate(uint32_t n) {
    // A sliding layer's ring may make one side forget more than asked (KvLayout::resumable);
    // the other then forgets as much, until both continue from the same position.
    front_->truncate(n);
    back_->truncate(n);
    while (front_->n_past() != back_->n_past()) {
        const uint32_t lower = std::min(front_->n_past(), back_->n_past());
        front_->truncate(lower);
        back_->truncate(lower);
    }
}

BackendDescription SplitSession::backend_description() const {
    BackendDescription d = front_->backend_description();
    d.gpu_layers = front_->layers();
    d.n_layers = n_layer_;
    return d;
}

Result<std::unique_ptr<Session>> create_offloaded_session(const Model& model,
                                                          const SessionOptions& options,
                                                          std::shared_ptr<vk::Device> device) {
    vk::VulkanOptions vulkan;
    vulkan.n_ctx = options.n_ctx;
    vulkan.progress = options.load_progress;
    const uint32_t n_layer = model.config.n_layer;
    uint32_t layers = n_layer;
    if (options.gpu_layers >= 0) {
        layers = std::min<uint32_t>(uint32_t(options.gpu_layers), n_layer);
    } else {
        const vk::Context& ctx = *device->context;
        const uint32_t batch =
            model.config.moe.n_expert > 0 ? vulkan.moe_max_batch : vulkan.max_batch;
        layers = vk::layers_that_fit(vk::offload_sizes(ctx.info(), model, options.n_ctx, batch),
                                     vk::offload_budget(ctx, options.vulkan_budget));
    }
    if (layers == 0) {
        return create_cpu_session(model, options);
    }
    vulkan.layers = layers;
    Result<std::unique_ptr<vk::VulkanSession>> front =
        vk::VulkanSession::create(model, std::move(device), vulkan);
    if (!front) {
        return front.error();
    }
    if (layers == n_layer) {
        return std::unique_ptr<Session>(std::move(front.value()));
    }
    Result<std::unique_ptr<fast::FastSession>> back =
        fast::FastSession::create(model, options.n_ctx, options.threads, nullptr, layers);
    if (!back) {
        return back.error();
    }
    return std::unique_ptr<Session>(
        std::make_unique<SplitSession>(std::move(front.value()), std::move(back.value()), n_layer));
}

} // namespace hearth
