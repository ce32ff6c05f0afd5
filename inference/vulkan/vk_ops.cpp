#include "vulkan/vk_ops.h"

#include "shader_interface.h"

#include <algorithm>
#include <cmath>

namespace hearth::vk {

namespace {

uint32_t ceil_div(uint64_t a, uint64_t b) {
    return static_cast<uint32_t>((a + b - 1) / b);
}

} // namespace

std::vector<float> rope_table(uint32_t n_ctx, const RopeSpec& spec) {
    const uint32_t half = spec.n_rot / 2;
    std::vector<float> table(size_t(n_ctx) * half * 2), cos_sin(spec.n_rot);
    for (uint32_t pos = 0; pos < n_ctx; ++pos) {
        rope_cos_sin(spec, double(pos), cos_sin.data());
        for (uint32_t i = 0; i < half; ++i) {
            table[(size_t(pos) * half + i) * 2] = cos_sin[i];
            table[(size_t(pos) * half + i) * 2 + 1] = cos_sin[half + i];
        }
    }
    return table;
}

BufferRange whole(const GpuTensor& tensor) {
    return {tensor.buffer, tensor.offset, tensor.bytes()};
}

Recorder::Recorder(Kernels& kernels, Batch& batch, uint64_t binding_limit)
    : kernels_(kernels), batch_(batch),
      limit_(binding_limit ? binding_limit : kernels.context().info().max_storage_buffer_range) {}

void Recorder::fail(std::string message) {
    if (error_.empty()) {
        error_ = std::move(message);
    }
}

Result<void> Recorder::status() const {
    if (!error_.empty()) {
        return Error{error_};
    }
    return {};
}

// Whole rows per piece such that the aligned start, the rows and the rounding of the end to
// a 32-bit word stay within the limit.
std::vector<Recorder::Piece> Recorder::pieces(const GpuTensor& w) {
    const uint64_t alignment = kernels_.context().info().min_storage_offset_alignment;
    const uint64_t usable = limit_ > alignment + 4 ? limit_ - alignment - 4 : 0;
    const uint64_t per_piece = usable / w.row_bytes;
    if (per_piece == 0) {
        fail("a row of " + std::to_string(w.row_bytes) + " bytes exceeds the binding limit of " +
             std::to_string(limit_) + " bytes");
        return {};
    }
    std::vector<Piece> out;
    for (uint64_t r0 = 0; r0 < w.rows; r0 += per_piece) {
        const uint64_t rows = std::min<uint64_t>(per_piece, w.rows - r0);
        const VkDeviceSize start = w.offset + r0 * w.row_bytes;
        const VkDeviceSize bound = start / alignment * alignment;
        const VkDeviceSize bytes = (start - bound + rows * w.row_bytes + 3) / 4 * 4;
        out.push_back({{w.buffer, bound, bytes},
                       static_cast<uint32_t>(start - bound),
                       static_cast<uint32_t>(r0),
                       static_cast<uint32_t>(rows)});
    }
    return out;
}

// One workgroup per row, rows spread over x and y when they exceed the x limit.
std::array<uint32_t, 3> Recorder::row_groups(uint32_t rows, uint32_t z) const {
    const uint32_t x = std::min(rows, kernels_.context().info().max_workgroup_count_x);
    return {x, ceil_div(rows, x), z};
}

void Recorder::rms_norm(BufferRange x, BufferRange w, BufferRange y, uint32_t rows, uint32_t cols,
                        float eps) {
    const gpu::RmsNormPush push{cols, rows, eps};
    batch_.dispatch(kernels_.rms_norm(), row_groups(rows, 1), push, {x, w, y});
}

void Recorder::matvec(const GpuTensor& w, const MatvecIo& io) {
    multiply(w, io, kernels_.uses_matmul() && io.n >= Kernels::kMatmulMinBatch);
}

void Recorder::matmul(const GpuTensor& w, const MatvecIo& io) {
    multiply(w, io, true);
}

void Recorder::multiply(const GpuTensor& w, const MatvecIo& io, bool tiled) {
    const uint32_t x_stride = io.x_stride ? io.x_stride : w.cols;
    if (w.cols % HEARTH_UNIT != 0 || io.x_offset % 4 != 0 || x_stride % 4 != 0) {
        return fail("matvec needs whole units of 32 columns and x aligned to 4 floats");
    }
    const bool batched = io.n > 1;
    Result<const Kernel*> kernel =
        tiled ? kernels_.matmul(w.type) : kernels_.matvec(w.type, batched);
    if (!kernel) {
        return fail(kernel.error().message);
    }
    uint32_t flags = io.accumulate ? HEARTH_MATVEC_ACCUMULATE : 0u;
    BufferRange bias = io.x; // bound but unread without the flag
    if (io.bias != nullptr) {
        flags |= HEARTH_MATVEC_BIAS;
        bias = whole(*io.bias);
    }
    if (!tiled && kernels_.uses_integer_dot(w.type) && multiply_q8(w, io, x_stride, flags, bias)) {
        return;
    }
    for (const Piece& piece : pieces(w)) {
        const gpu::MatvecPush push{w.cols,
                                   piece.rows,
                                   io.n,
                                   static_cast<uint32_t>(w.row_bytes),
                                   piece.w_offset,
                                   io.x_offset,
                                   x_stride,
                                   piece.row_begin,
                                   io.y_stride ? io.y_stride : w.rows,
                                   flags};
        // matmul: a workgroup per tile of rows x tokens; matvec: per ROWS rows and
        // kMatvecVectors vectors.
        const uint32_t rows_per_group =
            tiled ? kernels_.matmul_rows_per_group() : kernels_.matvec_rows();
        const uint32_t vectors_per_group =
            tiled ? kernels_.matmul_tokens_per_group() : (batched ? Kernels::kMatvecVectors : io.n);
        batch_.dispatch(
            **kernel,
            row_groups(ceil_div(piece.rows, rows_per_group), ceil_div(io.n, vectors_per_group)),
            push, {piece.range, io.x, io.y, bias});
    }
}

// quantize_q8 (unless the scratch already holds this input) and matvec_q8 per piece; false
// when the scratch is missing or too small (the caller takes the float matvec).
bool Recorder::multiply_q8(const GpuTensor& w, const MatvecIo& io, uint32_t x_stride,
                           uint32_t flags, BufferRange bias) {
    const uint64_t blocks = w.cols / HEARTH_UNIT;
    const uint64_t bytes = uint64_t(io.n) * blocks * HEARTH_Q8_BLOCK_WORDS * 4;
    if (q8_scratch_.buffer == nullptr ||
        (q8_scratch_.bytes != VK_WHOLE_SIZE
             ? q8_scratch_.bytes
             : q8_scratch_.buffer->size() - q8_scratch_.offset) < bytes) {
        return false;
    }
    Result<const Kernel*> kernel = kernels_.matvec_q8(w.type);
    if (!kernel) {
        fail(kernel.error().message);
        return true;
    }
    const BufferRange xq{q8_scratch_.buffer, q8_scratch_.offset, bytes};
    const std::array<uint64_t, 6> source{reinterpret_cast<uint64_t>(io.x.buffer->handle()),
                                         io.x.offset,
                                         io.x_offset,
                                         x_stride,
                                         io.n,
                                         w.cols};
    if (source != q8_source_ || q8_valid_at_ != batch_.dispatches()) {
        const gpu::QuantizeQ8Push push{w.cols, io.x_offset, x_stride};
        batch_.dispatch(kernels_.quantize_q8(), {ceil_div(blocks, 64), io.n, 1}, push, {io.x, xq});
        q8_source_ = source;
    }
    for (const Piece& piece : pieces(w)) {
        const gpu::MatvecPush push{w.cols,
                                   piece.rows,
                                   io.n,
                                   static_cast<uint32_t>(w.row_bytes),
                                   piece.w_offset,
                                   0,
                                   0,
                                   piece.row_begin,
                                   io.y_stride ? io.y_stride : w.rows,
                                   flags};
        batch_.dispatch(**kernel, row_groups(piece.rows, io.n), push,
                        {piece.range, xq, io.y, bias});
    }
    // A product writing into its own input's buffer leaves the quantized copy stale.
    q8_valid_at_ = io.y.buffer == io.x.buffer ? ~0u : batch_.dispatches();
    return true;
}

void Recorder::embed(const GpuTensor& w, BufferRange ids, BufferRange out, uint32_t n) {
    Result<const Kernel*> kernel = kernels_.embed(w.type);
    if (!kernel) {
        return fail(kernel.error().message);
    }
    for (const Piece& piece : pieces(w)) {
        const gpu::EmbedPush push{w.cols, static_cast<uint32_t>(w.row_bytes), piece.w_offset,
                                  piece.row_begin, piece.row_begin + piece.rows};
        batch_.dispatch(**kernel, {ceil_div(w.cols / HEARTH_UNIT, 32), n, 1}, push,
                        {piece.range, ids, out});
    }
}

void Recorder::rope(BufferRange x, BufferRange table, uint32_t n, uint32_t n_heads,
                    uint32_t head_dim, uint32_t n_rot, uint32_t pos0, bool neox) {
    const bool from_buffer = position_.buffer != nullptr;
    const gpu::RopePush push{head_dim, n_rot, n_heads, pos0, neox ? 1u : 0u, from_buffer ? 1u : 0u};
    batch_.dispatch(kernels_.rope(), {ceil_div(n_heads * (n_rot / 2), 64), n, 1}, push,
                    {x, table, from_buffer ? position_ : table}); // table: bound, unread
}

void Recorder::kv_store(BufferRange k, BufferRange v, BufferRange kc, BufferRange vc, uint32_t n,
                        uint32_t kv_dim, uint32_t pos0, uint32_t ring) {
    const bool from_buffer = position_.buffer != nullptr;
    const gpu::KvStorePush push{kv_dim, pos0, ring, from_buffer ? 1u : 0u};
    batch_.dispatch(kernels_.kv_store(), {ceil_div(kv_dim / 2, 64), n, 1}, push,
                    {k, v, kc, vc, from_buffer ? position_ : k}); // k: bound, unread
}

void Recorder::attention(BufferRange q, BufferRange kc, BufferRange vc, BufferRange out,
                         const AttentionShape& s) {
    if (s.head_dim > 4 * Kernels::kAttentionWorkgroup || s.head_dim % 2 != 0) {
        return fail("attention heads of " + std::to_string(s.head_dim) +
                    " dimensions are not supported by the Vulkan backend");
    }
    const bool sinks = s.sinks.buffer != nullptr;
    const bool from_buffer = position_.buffer != nullptr;
    const gpu::AttentionPush push{s.head_dim, s.n_head,        s.n_head_kv,          s.pos0,
                                  s.scale,    s.window,        s.temp_beta,          s.temp_length,
                                  s.ring,     sinks ? 1u : 0u, from_buffer ? 1u : 0u};
    // q: bound but unread without sinks or a position buffer.
    batch_.dispatch(kernels_.attention(), {s.n_head, s.n, 1}, push,
                    {q, kc, vc, out, sinks ? s.sinks : q, from_buffer ? position_ : q});
}

// One invocation per element, in rows of at most maxComputeWorkGroupCount[0] workgroups.
std::array<uint32_t, 3> Recorder::element_groups(uint32_t count) const {
    const uint32_t groups = ceil_div(count, 64);
    const uint32_t x = std::min(groups, kernels_.context().info().max_workgroup_count_x);
    return {x, ceil_div(groups, x), 1};
}

void Recorder::gated_act(BufferRange g, BufferRange u, uint32_t count, bool gelu) {
    const gpu::GatedActPush push{count};
    batch_.dispatch(kernels_.gated_act(gelu), element_groups(count), push, {g, u});
}

void Recorder::swiglu_oai(BufferRange g, BufferRange u, uint32_t count) {
    const gpu::GatedActPush push{count};
    batch_.dispatch(kernels_.swiglu_oai(), element_groups(count), push, {g, u});
}

void Recorder::axpby(BufferRange y, BufferRange x, uint32_t count, float a, float b, float cap) {
    const gpu::AxpbyPush push{count, a, b, cap};
    batch_.dispatch(kernels_.axpby(), element_groups(count), push, {y, x});
}

void Recorder::argmax(BufferRange x, uint32_t count, BufferRange result) {
    const gpu::ArgmaxPush push{count};
    batch_.dispatch(kernels_.argmax(), {1, 1, 1}, push, {x, result});
}

} // namespace hearth::vk
