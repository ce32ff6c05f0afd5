// The compute pipelines of the forward pass for one device, created once and shared by the
// sessions on it. Kernels that reduce across a workgroup come in the subgroup variant when
// the device has subgroup arithmetic in compute shaders, else as "<name>_shmem".
// matvec, matmul and embed are specialised per weight type, compiled when a type is first
// used.
#pragma once

#include "result.h"
#include "tensor/ggml_type.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_coopmat.h"
#include "vulkan/vk_kernel.h"

#include <map>
#include <memory>
#include <string>

namespace hearth::vk {

// True for the weight types the matvec and embed kernels decode.
bool kernel_supports(GgmlType type);

class Kernels {
public:
    // How matvec shares a row among invocations (see matvec.comp); Auto: Invocations on CPU
    // devices, else Subgroups where the device has subgroup arithmetic, else SharedMemory.
    // SharedMemory also selects the "_shmem" variants of the other reducing kernels.
    enum class Sharing { Auto, Subgroups, SharedMemory, Invocations };
    // The kernel of prompt batches of at least kMatmulMinBatch tokens: the batched matvec
    // or the tiled matmul. Auto: matmul, unless HEARTH_VK_PREFILL=matvec (comparisons).
    enum class Prefill { Auto, Matvec, Matmul };
    struct MatmulTile;
    // `tile` overrides the matmul tile chosen for the device (tests run the GPU tile on
    // lavapipe); it must fit the device's limits.
    static Result<std::unique_ptr<Kernels>> create(const Context& ctx,
                                                   Sharing sharing = Sharing::Auto,
                                                   Prefill prefill = Prefill::Auto,
                                                   const MatmulTile* tile = nullptr);

    const Context& context() const { return ctx_; }
    bool uses_subgroups() const { return subgroups_; }
    // The subgroup size the reducing kernels require (full subgroups), on devices with
    // subgroup size control: the largest the device offers (fewer partial sums to combine),
    // or HEARTH_VK_SUBGROUP_SIZE (tests; "0" leaves the choice to the driver). 0: not pinned.
    uint32_t subgroup_size() const { return subgroup_size_; }
    bool row_per_invocation() const { return row_per_invocation_; }
    // matvec geometry: workgroup size (a power of two, a multiple of the subgroup size up
    // to 128), rows per workgroup, the fewest invocations that may share one row (the
    // smallest subgroup, or the workgroup), and vectors per workgroup of a batched matvec.
    uint32_t matvec_workgroup() const { return matvec_workgroup_; }
    uint32_t matvec_rows() const { return matvec_rows_; }
    uint32_t matvec_min_lanes() const;
    static constexpr uint32_t kMatvecVectors = 8;

    // matmul geometry (see matmul.comp): a workgroup computes bm rows x bn tokens of the
    // output, each invocation tm x tn of them, stepping over bk_units units of 32 columns.
    // uses_matmul: whether batches of kMatmulMinBatch or more tokens take it; smaller ones
    // would leave most of a tile empty, and the batched matvec already decodes a unit once
    // for up to kMatvecVectors tokens.
    // The default is the GPU tile.
    // f16: the tiles are kept in f16 (see uses_f16_tiles), half the shared memory.
    struct MatmulTile {
        uint32_t bm = 64, bn = 64, bk_units = 1, tm = 4, tn = 4;
        bool f16 = false;
        uint32_t workgroup() const { return (bm / tm) * (bn / tn); }
        uint32_t shared_bytes() const { return (bm + bn) * bk_units * 32 * (f16 ? 2 : 4); }
    };
    const MatmulTile& matmul_tile() const { return tile_; }
    // The built-in tile for a device type, fitted to its limits (vk_autotune.h measures
    // alternatives).
    static MatmulTile default_tile(const DeviceInfo& info);
    // moe_matmul's tile: matmul's, at most kMoeTileSlots slots wide (a prompt batch spreads
    // its slots over the experts: 512 tokens choosing 8 of 128 leave 32 each on average).
    // Batches with fewer than kMoeMinSlots slots per expert on average take a matvec per slot
    // instead, whose work follows the slots exactly. On lavapipe (qwen3moe bench shape,
    // pp512 in one batch): tiles 32 wide 31.5 tokens/s, 16 wide 30.5, 64 wide 22.6, a matvec
    // per slot 11.2; with 4 slots per expert (64 tokens) tiles 16 wide 11.5 against 13-21.
    const MatmulTile& moe_tile() const { return moe_tile_; }
    static constexpr uint32_t kMoeTileSlots = 32;
    static constexpr uint32_t kMoeMinSlots = 16;
    bool uses_matmul() const { return use_matmul_; }
    // The prefill matmul on cooperative matrices where the device has them (vk_coopmat.h);
    // matmul() then returns it, with its own tile (matmul_rows/tokens_per_group).
    bool uses_coopmat() const { return coopmat_ != nullptr; }
    const CoopmatMatmul* coopmat() const { return coopmat_.get(); }
    uint32_t matmul_rows_per_group() const { return coopmat_ ? CoopmatMatmul::kRows : tile_.bm; }
    uint32_t matmul_tokens_per_group() const {
        return coopmat_ ? CoopmatMatmul::kTokens : tile_.bn;
    }
    // Whether matmul and moe_matmul keep their tiles in f16 (the "_f16" shaders; products and
    // sums stay f32, see matmul_tile.glsl): as the tile says (default_tile: on GPUs with
    // shaderFloat16, not on CPU devices, slower on lavapipe; the autotune measures it), but
    // never without shaderFloat16; HEARTH_VK_F16_TILES=1 forces them where the device has
    // shaderFloat16 (tests), "0" turns them off.
    bool uses_f16_tiles() const { return f16_tiles_; }
    // Whether attention reads the f16 values through 16-bit storage (the "_s16" shaders: one
    // half per read instead of a word's two; the same outputs): on GPUs with
    // storageBuffer16BitAccess, not on CPU devices (no gain on lavapipe);
    // HEARTH_VK_16BIT_KV=1 forces it where the device has the feature, "0" turns it off.
    bool uses_16bit_kv() const { return kv_16bit_; }
    static constexpr uint32_t kMatmulMinBatch = 8;

    const Kernel& rms_norm() const { return rms_norm_; }
    const Kernel& rope() const { return rope_; }
    const Kernel& kv_store() const { return kv_store_; }
    const Kernel& attention() const { return attention_; }
    // The gated FFN's activation: SiLU or GELU (a specialization of gated_act.comp each).
    const Kernel& gated_act(bool gelu) const { return gelu ? gelu_act_ : silu_act_; }
    // gpt-oss's clamped SwiGLU (gated_act.comp's third activation).
    const Kernel& swiglu_oai() const { return swiglu_oai_; }
    // Mixture of experts: gating and top-k, and the weighted sum of the experts' outputs.
    const Kernel& moe_route() const { return moe_route_; }
    const Kernel& moe_combine() const { return moe_combine_; }
    const Kernel& axpby() const { return axpby_; }
    const Kernel& argmax() const { return argmax_; }
    // batched: kMatvecVectors vectors per workgroup (prefill), else one (decode).
    Result<const Kernel*> matvec(GgmlType type, bool batched);

    // Matrix x vector with 8-bit activations (matvec_q8.comp): x quantized to Q8 blocks on
    // the device (quantize_q8.comp), dotted with packed 4 x 8-bit integer dot products.
    // Used for the types integer_dot_supports() on devices with the feature when it is
    // hardware-accelerated, or when HEARTH_VK_INTEGER_DOT=1 (tests; "0" turns it off).
    static bool integer_dot_supports(GgmlType type);
    bool uses_integer_dot(GgmlType type) const {
        return integer_dot_ && integer_dot_supports(type);
    }
    Result<const Kernel*> matvec_q8(GgmlType type);
    const Kernel& quantize_q8() const { return quantize_q8_; }
    static constexpr uint32_t kQ8Workgroup = 64; // matvec_q8's invocations per row
    // What the kernels use, for hearth-cli and the logs ("subgroups of 32, integer dot").
    std::string describe() const;
    Result<const Kernel*> matmul(GgmlType type);
    Result<const Kernel*> embed(GgmlType type);
    // The expert-indexed matvec (moe_matvec.comp) for a stack of `type` experts.
    Result<const Kernel*> moe_matvec(GgmlType type);
    // The expert-indexed matmul (moe_matmul.comp, moe_tile) for a stack of `type` experts,
    // and the grouping of slots by expert it reads (moe_group.comp).
    Result<const Kernel*> moe_matmul(GgmlType type);
    const Kernel& moe_group() const { return moe_group_; }

    // Workgroup size of attention; head_dim must not exceed 4 times this.
    static constexpr uint32_t kAttentionWorkgroup = 64;

private:
    explicit Kernels(const Context& ctx) : ctx_(ctx) {}
    std::string variant(const char* name) const;

    const Context& ctx_;
    bool subgroups_ = false;
    uint32_t subgroup_size_ = 0;
    bool integer_dot_ = false;
    bool f16_tiles_ = false;
    bool kv_16bit_ = false;
    bool row_per_invocation_ = false;
    uint32_t matvec_workgroup_ = 64;
    uint32_t matvec_rows_ = 1;
    MatmulTile tile_, moe_tile_;
    bool use_matmul_ = true;
    std::unique_ptr<CoopmatMatmul> coopmat_;
    std::string coopmat_note_; // why cooperative matrices are (not) used; for describe()
    Kernel rms_norm_, rope_, kv_store_, attention_, silu_act_, gelu_act_, swiglu_oai_, axpby_,
        argmax_, moe_route_, moe_combine_, moe_group_, quantize_q8_;
    std::map<std::pair<GgmlType, bool>, Kernel> matvec_;
    std::map<GgmlType, Kernel> matmul_;
    std::map<GgmlType, Kernel> matvec_q8_;
    std::map<GgmlType, Kernel> embed_;
    std::map<GgmlType, Kernel> moe_matvec_;
    std::map<GgmlType, Kernel> moe_matmul_;
};

} // namespace hearth::vk
