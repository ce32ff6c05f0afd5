// Records the kernels of the forward pass into a Batch: push constants, workgroup counts,
// and the splitting of weight tensors larger than one binding (maxStorageBufferRange, 128 MiB
// on lavapipe: a large vocabulary's embedding exceeds it) into pieces of whole rows, each
// bound at an aligned offset with the remainder passed to the kernel.
// Shapes of every operation are those of the push-constant blocks in shader_interface.h.
#pragma once

#include "model/moe_routing.h"
#include "model/rope.h"
#include "result.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_weights.h"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace hearth::vk {

// The whole of a buffer, or of a tensor's bytes.
inline BufferRange whole(const Buffer& buffer) {
    return {&buffer, 0, VK_WHOLE_SIZE};
}
BufferRange whole(const GpuTensor& tensor);

// Inputs and outputs of a matrix x vector product for n vectors: x[v] starts at element
// v * x_stride + x_offset, y[v] at v * y_stride.
struct MatvecIo {
    BufferRange x;
    BufferRange y;
    uint32_t n = 1;
    uint32_t x_offset = 0;
    uint32_t x_stride = 0;           // 0: the matrix's cols
    uint32_t y_stride = 0;           // 0: the matrix's rows
    const GpuTensor* bias = nullptr; // [rows] f32, added to y
    bool accumulate = false;         // y += W x instead of y = W x (residual add)
};

struct AttentionShape {
    uint32_t n = 1; // query tokens, at positions pos0 .. pos0 + n - 1
    uint32_t pos0 = 0;
    uint32_t n_head = 0;
    uint32_t n_head_kv = 0;
    uint32_t head_dim = 0;
    float scale = 1.0f;
    uint32_t window = 0;    // a sliding layer's: the last `window` positions only
    float temp_beta = 0.0f; // ModelConfig::attention_temperature_*
    uint32_t temp_length = 0;
    uint32_t ring = 0;   // the cache's rows: position j is in row j % ring
    BufferRange sinks{}; // [n_head] f32 sink logits (gpt-oss), or no buffer: none
};

// The expert-indexed product of a mixture-of-experts layer for n_slots slots (token t's j-th
// chosen expert is slot t * k + j): y[s] = W_ids[s] x[s / x_group] (+ bias[ids[s]]).
struct MoeMatvecIo {
    BufferRange x;                   // [n_slots / x_group][x_stride] f32
    BufferRange y;                   // [n_slots][y_stride] f32
    BufferRange ids;                 // [n_slots] u32, written by moe_route
    uint32_t n_slots = 1;            // not "slots": a Qt keyword where this header meets Qt code
    uint32_t x_group = 1;            // k: a token's slots read its row of x; 1: their own
    uint32_t x_stride = 0;           // 0: the stack's cols
    uint32_t y_stride = 0;           // 0: an expert's rows
    const GpuTensor* bias = nullptr; // [n_expert][rows] f32 (gpt-oss's expert biases)
};

// The (cos, sin) table of the rope kernel: [n_ctx][n_rot / 2][2] f32, the angles and
// magnitude of `spec` (model/rope.h).
std::vector<float> rope_table(uint32_t n_ctx, const RopeSpec& spec);

class Recorder {
public:
    // binding_limit: the largest range bound at once (0: the device's maxStorageBufferRange);
    // tests lower it to exercise split tensors.
    Recorder(Kernels& kernels, Batch& batch, uint64_t binding_limit = 0);

    void rms_norm(BufferRange x, BufferRange w, BufferRange y, uint32_t rows, uint32_t cols,
                  float eps);
    // y = W x for io.n vectors: matvec.comp, or matmul.comp for batches of at least
    // Kernels::kMatmulMinBatch when the kernels use it (Kernels::uses_matmul).
    void matvec(const GpuTensor& w, const MatvecIo& io);
    // Room for activations quantized to Q8 blocks (HEARTH_Q8_BLOCK_WORDS words per 32
    // values): with it, matvec takes matvec_q8.comp where Kernels::uses_integer_dot says so
    // (inputs larger than the room take the float matvec). A matvec right after another on
    // the same input reuses its quantized copy (q, k and v; gate and up).
    void set_q8_scratch(BufferRange scratch) { q8_scratch_ = scratch; }
    // A u32 added to the pos0 of every later rope, kv_store and attention (read on the device
    // when the batch runs): a recording replayed at each position (VulkanSession's decode).
    void set_position_buffer(BufferRange position) { position_ = position; }
    // The same product with matmul.comp whatever the batch (tests, comparisons).
    void matmul(const GpuTensor& w, const MatvecIo& io);
    void embed(const GpuTensor& w, BufferRange ids, BufferRange out, uint32_t n);
    void rope(BufferRange x, BufferRange table, uint32_t n, uint32_t n_heads, uint32_t head_dim,
              uint32_t n_rot, uint32_t pos0, bool neox);
    void kv_store(BufferRange k, BufferRange v, BufferRange kc, BufferRange vc, uint32_t n,
                  uint32_t kv_dim, uint32_t pos0, uint32_t ring);
    void attention(BufferRange q, BufferRange kc, BufferRange vc, BufferRange out,
                   const AttentionShape& shape);
    // g = act(g) * u, act SiLU or (gelu) the tanh form of GELU.
    void gated_act(BufferRange g, BufferRange u, uint32_t count, bool gelu);
    // y = a y + b x (x is not read when b == 0), soft-capped when cap > 0.
    void axpby(BufferRange y, BufferRange x, uint32_t count, float a, float b, float cap = 0.0f);
    void argmax(BufferRange x, uint32_t count, BufferRange result);
    // g = gpt-oss's clamped SwiGLU of (g, u).
    void swiglu_oai(BufferRange g, BufferRange u, uint32_t count);

    // Mixture of experts (vk_ops_moe.cpp). moe_route: the router's logits [n][n_expert] ->
    // ids and weights [n][k] (sel_bias: [n_expert] for choosing only, or null).
    void moe_route(BufferRange logits, const GpuTensor* sel_bias, BufferRange ids,
                   BufferRange weights, uint32_t n, const MoeRouting& routing);
    // stack: n_expert matrices of stack.rows / n_expert rows each.
    void moe_matvec(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io);
    // groups = io.ids grouped by expert ([n_expert + 1 + n_slots] u32, moe_group.comp).
    void moe_group(BufferRange ids, BufferRange groups, uint32_t n_slots, uint32_t n_expert);
    // moe_matvec's product for a prompt batch, through moe_group's groups: each expert's
    // matrix decoded once per tile of its slots. per_expert: the most slots one expert can
    // have (the batch's tokens: a token chooses an expert at most once).
    void moe_matmul(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io,
                    BufferRange groups, uint32_t per_expert);
    // y (+)= the weighted sum of each token's k rows of e ([n * k][cols]).
    void moe_combine(BufferRange e, BufferRange weights, BufferRange y, uint32_t n, uint32_t k,
                     uint32_t cols, bool accumulate);

    // The first recording error (an unsupported type, a row larger than a binding); the
    // Batch reports interface errors itself.
    Result<void> status() const;

private:
    struct Piece {
        BufferRange range;
        uint32_t w_offset;
        uint32_t row_begin;
        uint32_t rows;
    };
    std::vector<Piece> pieces(const GpuTensor& w);
    void multiply(const GpuTensor& w, const MatvecIo& io, bool tiled);
    bool multiply_q8(const GpuTensor& w, const MatvecIo& io, uint32_t x_stride, uint32_t flags,
                     BufferRange bias);
    template <class Fn>
    void expert_pieces(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io,
                       Fn&& piece);
    std::array<uint32_t, 3> row_groups(uint32_t rows, uint32_t z) const;
    std::array<uint32_t, 3> element_groups(uint32_t count) const;
    void fail(std::string message);

    Kernels& kernels_;
    Batch& batch_;
    uint64_t limit_;
    std::string error_;
    BufferRange q8_scratch_{};
    BufferRange position_{};
    // What q8_scratch_ holds: the input (buffer, range offset, x_offset, stride, n, cols) and
    // the batch's dispatch count after the last product that read it (nothing since).
    std::array<uint64_t, 6> q8_source_{};
    uint32_t q8_valid_at_ = ~0u;
};

} // namespace hearth::vk
