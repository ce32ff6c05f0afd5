// Partial offload: a model too large for the graphics card runs its first N layers there and
// the rest on the fast CPU backend. The Vulkan front session embeds the tokens and runs layers
// [0, N); their hidden states are read back once per token or prompt piece and handed to the
// CPU back session, which runs layers [N, n_layer), the output norm and the head. Each keeps
// the KV cache of its own layers; both advance together. N = 0 and N = n_layer are not split
// sessions but the plain CPU and Vulkan ones (create_vulkan_session picks).
#pragma once

#include "fast/fast_session.h"
#include "session.h"
#include "vulkan/vk_session.h"

#include <memory>

namespace hearth {

class SplitSession : public Session {
public:
    // front: a VulkanSession of N layers; back: a FastSession from layer N, same context.
    SplitSession(std::unique_ptr<vk::VulkanSession> front, std::unique_ptr<fast::FastSession> back,
                 uint32_t n_layer);

    Result<std::span<const float>> eval(Token token) override;
    Result<std::span<const float>> eval_batch(std::span<const Token> tokens) override;
    uint32_t n_past() const override { return back_->n_past(); }
    uint32_t n_ctx() const override { return front_->n_ctx(); }
    void truncate(uint32_t n) override;
    BackendDescription backend_description() const override;
    // The front's batch: each piece is one submission and one read-back.
    uint32_t prompt_batch() const override { return front_->prompt_batch(); }

    const vk::VulkanSession& front() const { return *front_; }

private:
    std::unique_ptr<vk::VulkanSession> front_;
    std::unique_ptr<fast::FastSession> back_;
    uint32_t n_layer_;
};

// create_vulkan_session's work on an opened device: options.gpu_layers of the model's layers
// on it (-1: as many as vk::layers_that_fit allows within vk::offload_budget), the rest on the
// fast CPU backend. Every layer: the plain VulkanSession; none: the fast CPU session.
Result<std::unique_ptr<Session>> create_offloaded_session(const Model& model,
                                                          const SessionOptions& options,
                                                          std::shared_ptr<vk::Device> device);

} // namespace hearth
