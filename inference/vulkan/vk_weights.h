// The weights of a model in device memory. Matrices keep their GGUF type and bytes (the
// kernels dequantize inline); small vectors (norms, biases) are converted to f32 on upload.
// Tensors are sub-allocated from a few large buffers ("blocks") and copied from the mapped
// file through two host-visible staging buffers, chunk by chunk (the host fills one while
// the device copies from the other), with a progress callback; on
// unified-memory devices (Context::unified_memory) the blocks are mapped and written in
// place instead. Partial offload uploads the embedding and the first layers only.
#pragma once

#include "model/weights.h"
#include "result.h"
#include "tensor/ggml_type.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hearth::vk {

// A tensor of [rows][cols] in a block: row r starts at byte offset + r * row_bytes.
struct GpuTensor {
    GgmlType type = GgmlType::F32;
    uint32_t rows = 0;
    uint32_t cols = 0;
    uint64_t row_bytes = 0;
    const Buffer* buffer = nullptr;
    VkDeviceSize offset = 0;

    bool present() const { return buffer != nullptr; }
    uint64_t bytes() const { return row_bytes * rows; }
};

struct GpuLayer {
    GpuTensor attn_norm, ffn_norm;  // [n_embd] f32
    GpuTensor wq, wk, wv, wo;       // as LayerWeights
    GpuTensor bq, bk, bv;           // [q_dim], [kv_dim], [kv_dim] f32 (qkv_bias only)
    GpuTensor q_norm, k_norm;       // [head_dim] f32 (qk_norm only)
    GpuTensor bo;                   // [n_embd] f32 attention output bias (gpt-oss)
    GpuTensor sinks;                // [n_head] f32 sink logits (attention_sinks only)
    GpuTensor w_gate, w_up, w_down; // [n_ff][n_embd], [n_ff][n_embd], [n_embd][n_ff]
    // A mixture-of-experts layer instead: the router and the expert stacks as uploaded,
    // expert e's rows at e * (rows / n_expert) (see LayerWeights).
    GpuTensor router;             // [n_expert][n_embd]
    GpuTensor gate_exps, up_exps; // [n_expert * n_ff_exp][n_embd]
    GpuTensor down_exps;          // [n_expert * n_embd][n_ff_exp]
    // Their biases (gpt-oss), f32: the router's joins its logits, expert e's are row e.
    GpuTensor router_bias;                   // [n_expert]
    GpuTensor gate_exps_bias, up_exps_bias;  // [n_expert][n_ff_exp]
    GpuTensor down_exps_bias;                // [n_expert][n_embd]
    GpuTensor post_attn_norm, post_ffn_norm; // [n_embd] f32 (post_norms only)
};

struct GpuWeights {
    std::vector<std::unique_ptr<Buffer>> blocks; // owners; tensors point into them
    GpuTensor token_embd;                        // [n_vocab][n_embd]
    std::vector<GpuLayer> layers;
    GpuTensor output_norm;     // [n_embd] f32
    GpuTensor output;          // [n_vocab][n_embd]; token_embd itself when tied
    uint64_t device_bytes = 0; // all blocks together
    bool direct = false;       // written in place (unified memory), not through staging
};

// Called after each staging chunk with the bytes copied so far and the total.
using UploadProgress = std::function<void(uint64_t done, uint64_t total)>;

struct UploadOptions {
    UploadProgress progress;
    // Asked before each chunk: true stops the upload with an error (everything made so far
    // is freed). The app's way to abandon a load; tests stop half-way with it.
    std::function<bool()> cancelled;
    uint64_t staging_bytes = 32ull << 20; // host memory of the staging buffers, all together
    // Staging buffers it is split into: 2 lets the host fill one while the device copies the
    // other; 1 waits for each copy before refilling (the former way, kept to compare).
    uint32_t staging_slots = 2;
    // Largest block to sub-allocate from (0: min(256 MiB, maxMemoryAllocationSize)); a tensor
    // larger than this gets a block of its own. Tests lower it to exercise several blocks.
    uint64_t block_bytes = 0;
    // Device memory the weights may take (0: the device-local heaps); a smaller budget leaves
    // room for other programs, and lets tests see the out-of-memory error.
    uint64_t memory_budget = 0;
    // Layers [0, layers) only (partial offload: the rest run on the CPU); the output norm
    // and head are uploaded only with every layer.
    uint32_t layers = UINT32_MAX;
    // How bytes reach the device: Auto writes in place where the device shares the host's
    // memory, else stages; tests force each way. HEARTH_VK_UPLOAD overrides Auto to measure
    // the other ways: direct, staging, or staging-serial (one staging buffer).
    enum class Path { Auto, Staging, Direct } path = Path::Auto;
};

// Device bytes of each part of `weights` as upload_weights lays them out on a device with
// `info`'s alignment (block ends not counted): what partial offload plans with.
struct WeightBytes {
    uint64_t embedding = 0;       // token_embd
    uint64_t head = 0;            // output norm and output (0 more when tied)
    std::vector<uint64_t> layers; // [n_layer]
};
WeightBytes weight_bytes(const DeviceInfo& info, const Weights& weights);

// Uploads every tensor of `weights`. Fails with the bytes needed and available when the
// device cannot hold the model.
Result<GpuWeights> upload_weights(const Context& ctx, const Weights& weights,
                                  const UploadOptions& options = {});

} // namespace hearth::vk
