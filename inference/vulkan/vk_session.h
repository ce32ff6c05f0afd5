// The forward pass on a Vulkan device: the same architecture-as-data pass as CpuSession,
// with every step a kernel. A token (or a batch of prompt tokens) is one command buffer,
// submitted once and waited on once; barriers sit only between dependent dispatches. Command
// buffers are recorded once per token count and replayed at any position. The KV cache
// holds f16.
#pragma once

#include "model/kv_cache.h"
#include "model/model.h"
#include "result.h"
#include "session.h"
#include "vulkan/vk_autotune.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernel.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_weights.h"

#include <memory>
#include <string>
#include <vector>

namespace hearth::vk {

// A device opened for inference: its context and compiled kernels, shareable by sessions.
struct Device {
    std::unique_ptr<Context> context;
    std::unique_ptr<Kernels> kernels; // destroyed before the context
    std::string pipeline_cache;       // file the compiled pipelines are saved to; may be empty
    TileChoice tile; // the prefill tile and where it came from (measured, cached, ...)

    // selector: index or name substring (empty: HEARTH_VK_DEVICE or the best device).
    // sharing: how kernels share rows; prefill: the kernel of prompt batches (tests force
    // each one).
    static Result<std::shared_ptr<Device>> open(const std::string& selector = {},
                                                const std::string& pipeline_cache = {},
                                                Kernels::Sharing sharing = Kernels::Sharing::Auto,
                                                Kernels::Prefill prefill = Kernels::Prefill::Auto);
    // Writes the pipeline cache file, if there is one.
    Result<void> save_pipeline_cache() const;
};

struct VulkanOptions {
    uint32_t n_ctx = 2048;
    uint32_t max_batch = 64; // prompt tokens per submission
    // The same for mixture-of-experts models: their grouped expert products need many slots
    // per expert (64 tokens choosing 8 of 128 experts leave 4 each; see Kernels::moe_tile).
    uint32_t moe_max_batch = 512;
    UploadProgress progress;
    uint64_t binding_limit = 0; // largest bound range (0: the device's); tests lower it
    uint64_t memory_budget = 0; // device memory the weights may take (0: the device's)
    // Partial offload: only the embedding and layers [0, layers) (SplitSession runs the rest
    // on the CPU); UINT32_MAX or n_layer: the whole model.
    uint32_t layers = UINT32_MAX;
    UploadOptions::Path upload_path = UploadOptions::Path::Auto;
};

class VulkanSession : public Session {
public:
    static Result<std::unique_ptr<VulkanSession>>
    create(const Model& model, std::shared_ptr<Device> device, const VulkanOptions& options);

    Result<std::span<const float>> eval(Token token) override;
    Result<std::span<const float>> eval_batch(std::span<const Token> tokens) override;
    Result<Token> eval_greedy(Token token) override;
    uint32_t n_past() const override { return n_past_; }
    uint32_t n_ctx() const override { return n_ctx_; }
    void truncate(uint32_t n) override;
    BackendDescription backend_description() const override;
    std::string backend_details() const override;
    uint32_t prompt_batch() const override { return options_.max_batch; }

    // A front session (fewer layers than the model): runs the embedding and its layers on
    // `tokens` (at most prompt_batch()) at n_past() and returns their hidden states
    // [n][n_embd], read back once. Its eval calls are errors: a SplitSession hands the states
    // to the CPU for the remaining layers and the head.
    Result<std::span<const float>> eval_hidden(std::span<const Token> tokens);
    uint32_t layers() const { return uint32_t(weights_.layers.size()); }
    bool uploaded_in_place() const { return weights_.direct; }

    const Device& device() const { return *device_; }
    // Times every kernel from now on (hearth-bench --profile); the totals by kernel name.
    Result<void> enable_profiling();
    const Profiler* profiler() const { return profiler_.get(); }
    uint64_t device_bytes() const;                      // weights, cache and activations
    uint32_t recordings() const { return recordings_; } // command buffers recorded so far

private:
    // Dispatches per submission: at most 22 per layer and a few more, plus extra pieces of
    // tensors (and expert stacks) larger than one binding.
    static uint32_t max_dispatches(uint32_t n_layer) { return 40 * n_layer + 64; }
    VulkanSession(const Model& model, std::shared_ptr<Device> device, const VulkanOptions& options)
        : model_(model), c_(model.config.for_context(options.n_ctx)), device_(std::move(device)),
          options_(options), n_ctx_(options.n_ctx), kv_(c_, options.n_ctx, options.max_batch) {}
    Result<void> allocate();
    Result<void> check_tokens(std::span<const Token> tokens, bool hidden_only = false) const;
    // Records and runs tokens (at most max_batch) at n_past(); logits of the last one, and
    // its argmax when `greedy`.
    Result<void> forward(std::span<const Token> tokens, bool greedy);
    bool front() const { return weights_.layers.size() < c_.n_layer; }
    Result<void> record(Batch& batch, uint32_t n, uint32_t pos0, bool greedy, bool replayed);
    void record_layer(class Recorder& rec, uint32_t layer, uint32_t n, uint32_t pos0);
    void record_head(class Recorder& rec, uint32_t n, bool greedy);
    void moe_ffn(class Recorder& rec, const GpuLayer& w, uint32_t n);
    void activate(class Recorder& rec, uint32_t count); // gate_ = act(gate_, up_)
    void block_output(class Recorder& rec, const GpuTensor& w, const GpuTensor& bias,
                      const Buffer& in, uint32_t n, const GpuTensor& post_norm);

    const Model& model_;
    const ModelConfig c_; // the model's, fitted to this context (for_context)
    std::shared_ptr<Device> device_;
    VulkanOptions options_;
    uint32_t n_ctx_;
    uint32_t n_past_ = 0;
    KvLayout kv_;      // positions per layer: sliding layers keep a ring
    std::string lost_; // set when the device failed: every later call reports it

    GpuWeights weights_;
    std::vector<Buffer> k_cache_, v_cache_; // [n_layer] of [capacity][kv_dim] f16
    std::vector<Buffer> rope_tables_;       // per RoPE variant: [n_ctx][n_rot / 2] (cos, sin)
    // Activations of a batch of B = max_batch tokens.
    Buffer x_, h_;     // [B][n_embd] residual stream, normalised copy
    Buffer q_, att_;   // [B][q_dim]
    Buffer o_;         // [B][n_embd] a block's output when it is normed or scaled first
    Buffer k_, v_;     // [B][kv_dim]
    Buffer gate_, up_; // [B][n_ff], or a mixture of experts' [B * k][n_ff_exp]
    // Mixture of experts (k = n_expert_used): router outputs, the choice, expert outputs.
    Buffer router_logits_;               // [B][n_expert] f32
    Buffer expert_ids_, expert_weights_; // [B * k] u32, f32 (slot t * k + j)
    Buffer expert_out_;                  // [B * k][n_embd] f32
    Buffer expert_groups_;               // [n_expert + 1 + B * k] u32 (moe_group.comp)
    Buffer q8_;     // [B][max cols / 32] Q8 blocks of matvec_q8's input (integer dot devices)
    Buffer ids_;    // [B] u32, host-visible
    Buffer logits_; // [n_vocab] f32, host-visible (whole model only)
    Buffer hidden_; // [B][n_embd] f32, host-visible (front only)
    Buffer argmax_; // {index, value bits}, host-visible
    std::unique_ptr<Batch> batch_; // recorded afresh each time (profiling, replay off, fallback)
    // Recordings replayed at any position: one per token count (1: a decode step, with its
    // argmax; a prompt's full pieces; its ragged last piece), the least recently used dropped
    // beyond kRecordings. Empty, and replay_ false, with HEARTH_VK_REPLAY=0.
    struct Recording {
        uint32_t n = 0;
        uint64_t used = 0; // uses_ at its last use
        std::unique_ptr<Batch> batch;
    };
    static constexpr size_t kRecordings = 6;
    // The recording of n tokens (made, not yet recorded, on first use), or nullptr when
    // replay is off or a new batch cannot be had (then batch_ records afresh).
    Batch* replayable(uint32_t n);
    std::vector<Recording> replays_;
    bool replay_ = false;
    uint64_t uses_ = 0;
    Buffer position_; // u32: a replayed recording's first position (host-visible)
    uint32_t recordings_ = 0;
    std::unique_ptr<Profiler> profiler_;
};

} // namespace hearth::vk
