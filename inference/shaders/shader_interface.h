// Shared between C++ and GLSL: push-constant blocks and constants of every kernel.
// GLSL sees `uint`/`float`; C++ sees the same layout through the typedefs below. Every
// block is a multiple of 4 bytes with std430-compatible, naturally aligned members.
// Shapes are written [rows][cols] with cols contiguous; "n" is the number of tokens of a batch.
#ifndef HEARTH_SHADER_INTERFACE_H
#define HEARTH_SHADER_INTERFACE_H

#ifdef __cplusplus
#include <cstdint>
namespace hearth::gpu {
using uint = std::uint32_t;
#endif

// Default workgroup size of row-reduction kernels (a power of two; overridable through
// specialization constant 0 so a device's subgroup size always divides it).
#define HEARTH_REDUCE_WORKGROUP 128

// Elements per dequantization unit: every weight row is decoded 32 elements at a time (one
// small block, or one eighth of a 256-element super-block).
#define HEARTH_UNIT 32

// Weight types the kernels decode (specialization constant 1 of matvec and embed); the
// values are the ggml type ids.
#define HEARTH_TYPE_F32 0
#define HEARTH_TYPE_F16 1
#define HEARTH_TYPE_Q4_0 2
#define HEARTH_TYPE_Q4_1 3
#define HEARTH_TYPE_Q5_0 6
#define HEARTH_TYPE_Q5_1 7
#define HEARTH_TYPE_Q8_0 8
#define HEARTH_TYPE_Q2_K 10
#define HEARTH_TYPE_Q3_K 11
#define HEARTH_TYPE_Q4_K 12
#define HEARTH_TYPE_Q5_K 13
#define HEARTH_TYPE_Q6_K 14
#define HEARTH_TYPE_IQ4_NL 20
#define HEARTH_TYPE_IQ4_XS 23
#define HEARTH_TYPE_BF16 30
#define HEARTH_TYPE_MXFP4 39

// matvec and matmul flags
#define HEARTH_MATVEC_BIAS 1u       // y += bias[y_offset + row]
#define HEARTH_MATVEC_ACCUMULATE 2u // y += previous y (the residual add)

// rms_norm: y[r][c] = x[r][c] / sqrt(mean(x[r]^2) + eps) * w[c]
//   x, y: [rows][cols] f32, w: [cols] f32; one workgroup per row. Per-head q/k norms are
//   the same kernel with rows = n * heads and cols = head_dim.
struct RmsNormPush {
    uint cols;
    uint rows;
    float eps;
};

// matvec: y[v][y_offset + r] = sum_c W[r][c] * x[v][x_offset + c] (+ bias, + old y)
//   W: rows of `row_bytes` packed bytes, row 0 at byte w_offset of the bound range (the
//      binding starts at an aligned offset; w_offset is the rest); cols % 32 == 0.
//   x: [vectors][x_stride] f32, y: [vectors][y_stride] f32, bias: [y_offset + rows] f32.
//   Workgroup (x + y * groups_x) owns rows ROWS * that .. (specialization constant 2),
//   workgroup z vectors VECTORS * z .. (constant 3).
//   matmul (the tiled prefill kernel) takes the same block; its workgroups own tiles of BM
//   rows and BN vectors (constants 2 and 3) instead.
struct MatvecPush {
    uint cols;
    uint rows;
    uint vectors;
    uint row_bytes;
    uint w_offset;
    uint x_offset;
    uint x_stride;
    uint y_offset;
    uint y_stride;
    uint flags;
};

// quantize_q8: x [vectors][x_stride] f32 (from x_offset) -> xq, per vector cols / 32 blocks
//   of HEARTH_Q8_BLOCK_WORDS words: 8 words of 32 int8 (element i in byte i % 4 of word
//   i / 4), the scale d = max |x| / 127 (f32 bits) and s = d * sum(q) (f32 bits). One
//   invocation per block; workgroup y = vector. matvec_q8 reads it with matvec's MatvecPush
//   (x_offset and x_stride unused: the blocks of vector v start at v * cols / 32).
#define HEARTH_Q8_BLOCK_WORDS 10u
struct QuantizeQ8Push {
    uint cols;
    uint x_offset;
    uint x_stride;
};

// embed: out[t][c] = dequant(W[ids[t] - row_begin][c]) for ids in [row_begin, row_end)
//   W as for matvec; ids: [n] u32; out: [n][cols] f32. Invocation x = unit of 32 columns,
//   workgroup y = token. Tensors larger than a binding are embedded in several dispatches.
struct EmbedPush {
    uint cols;
    uint row_bytes;
    uint w_offset;
    uint row_begin;
    uint row_end;
};

// rope, kv_store and attention take their first position from pos0 plus, when
// pos_from_buffer != 0, the u32 in their last binding (PosBuf): a decode step recorded once
// is then replayed at every position with only that word rewritten by the host.

// rope: rotates the first n_rot dimensions of each head of x [n][n_heads][head_dim] in place.
//   table: [n_ctx][n_rot / 2] (cos, sin) pairs, computed on the host in double; token t is at
//   position pos0 + t. neox != 0 pairs (i, i + n_rot/2), else (2i, 2i + 1).
//   Invocation x = pair index over all heads, workgroup y = token.
struct RopePush {
    uint head_dim;
    uint n_rot;
    uint n_heads;
    uint pos0;
    uint neox;
    uint pos_from_buffer;
};

// kv_store: kc[(pos0 + t) % ring][i] = f16(k[t][i]), vc likewise; k, v: [n][kv_dim] f32,
//   kc, vc: [ring][kv_dim] f16 packed in pairs (u32): the layer's cache capacity (a sliding
//   layer keeps a ring of its last positions). Invocation x = pair, workgroup y = t.
struct KvStorePush {
    uint kv_dim;
    uint pos0;
    uint ring;
    uint pos_from_buffer;
};

// attention: out[t][h][d] = sum_j softmax_j(q[t][h] . k[j][g] * scale) v[j][g][d], j <= pos0+t
//   q, out: [n][n_head * head_dim] f32; kc, vc: [ring][n_head_kv * head_dim] f16 pairs, position
//   j in row j % ring;
//   g = h / (n_head / n_head_kv). Workgroup x = head h, workgroup y = token t.
//   window > 0 (a sliding layer): token t sees only the last `window` of those positions.
//   temp_length > 0: token t's scale is multiplied by 1 + temp_beta ln(1 + floor((pos0 + t) /
//   temp_length)) (mistral3's attention temperature).
//   has_sinks != 0 (gpt-oss): sinks [n_head] f32 holds one more logit per query head that joins
//   the softmax's maximum and denominator (unscaled) but has no value, so outputs only shrink.
struct AttentionPush {
    uint head_dim;
    uint n_head;
    uint n_head_kv;
    uint pos0;
    float scale;
    uint window;
    float temp_beta;
    uint temp_length;
    uint ring;
    uint has_sinks;
    uint pos_from_buffer;
};

// gated_act: g[i] = act(g[i]) * u[i] for i < count (the gated FFN); g, u: [count] f32. act
//   (specialization constant 0): 0 SiLU, 1 the tanh form of GELU, 2 gpt-oss's clamped SwiGLU
//   (g' = min(g, 7), u' = clamp(u, -7, 7), g[i] = g' sigmoid(1.702 g') (u' + 1)).
struct GatedActPush {
    uint count;
};

// axpby: y[i] = a * y[i] + b * x[i], then y[i] = cap * tanh(y[i] / cap) when cap > 0, for
//   i < count (scaled embeddings and residual adds, logit scales and soft-capping).
struct AxpbyPush {
    uint count;
    float a;
    float b;
    float cap;
};

// Mixture of experts (llama.cpp's build_moe_ffn; CPU reference: model/moe_routing.h). A
// token's k chosen experts occupy "slots" s = t * k + j (j = 0 .. k - 1, in the router's order)
// of [n * k]-row buffers: ids [n * k] u32 and weights [n * k] f32 from moe_route, then each
// slot's expert FFN rows, then moe_combine sums a token's k rows.
#define HEARTH_MOE_MAX_EXPERTS 256u // router scores kept in shared memory
#define HEARTH_MOE_MAX_USED 8u      // picks kept in registers
#define HEARTH_GATING_SOFTMAX 0u
#define HEARTH_GATING_SIGMOID 1u
#define HEARTH_GATING_SOFTMAX_WEIGHT 2u // choose on the logits, softmax over the k chosen

// moe_route: logits [n][n_expert] f32 (the router's matvec, bias included) -> ids, weights.
//   probabilities by `gating`; + sel_bias[e] for choosing only when has_bias (sel_bias:
//   [n_expert] f32); the top n_used scores, a strictly greater score winning (equal scores go
//   to the lower index, NaN never preferred); weights = the picks' probabilities, divided by
//   max(sum, min_sum) when normalize, times scale. One workgroup per token (x + y * groups_x).
struct MoeRoutePush {
    uint n_expert;
    uint n_used;
    uint n;
    uint gating;
    uint has_bias;
    uint normalize;
    float min_sum;
    float scale;
};

// moe_matvec: y[s][r] = sum_c W_e[r][c] * x[s / x_group][c] (+ bias[e][r]) for slots s < slots,
//   e = ids[s]: only the chosen experts' rows are read.
//   W: an expert stack, each expert `rows` rows of `row_bytes` bytes; expert e at byte
//      w_offset + (e - expert_begin) * expert_bytes of the bound range, for e in [expert_begin,
//      expert_end): a stack larger than one binding is bound in pieces of whole experts, and a
//      slot whose expert lies in another piece is left to that piece's dispatch. cols % 32 == 0.
//   x: [slots / x_group][x_stride] f32 (x_group = k: a token's slots share its hidden state;
//   1: each slot has its own row), y: [slots][y_stride] f32, bias: [n_expert][rows] f32.
//   Workgroup (x + y * groups_x) owns ROWS rows (as matvec), workgroup z is the slot.
//   Single tokens; prompt batches take moe_group + moe_matmul.
struct MoeMatvecPush {
    uint cols;
    uint rows;
    uint slots;
    uint row_bytes;
    uint w_offset;
    uint expert_bytes;
    uint expert_begin;
    uint expert_end;
    uint x_group;
    uint x_stride;
    uint y_stride;
    uint flags; // HEARTH_MATVEC_BIAS
};

// moe_group: the router's ids [slots] u32 -> groups [n_expert + 1 + slots] u32: groups[e] is
//   expert e's first position in the list, groups[n_expert] the total (= slots), and the list
//   groups[n_expert + 1 + i] holds the slots in order of their expert (within one expert in
//   no particular order). One workgroup; n_expert <= HEARTH_MOE_MAX_EXPERTS.
struct MoeGroupPush {
    uint n_expert;
    uint slots;
};

// moe_matmul: moe_matvec's product (same W, x, y, bias and pieces of the stack) for the slots
//   of a prompt batch, read through moe_group's groups [n_expert + 1 + slots] instead of one
//   workgroup per slot. Workgroup (x + y * groups_x) owns BM rows (matmul.comp's tile),
//   workgroup z = (e - expert_begin) * tiles + t owns tile t (BN slots) of expert e's list;
//   tiles = ceil(the most slots one expert can have / BN).
struct MoeMatmulPush {
    uint cols;
    uint rows;
    uint row_bytes;
    uint w_offset;
    uint expert_bytes;
    uint expert_begin;
    uint n_expert;
    uint tiles;
    uint x_group;
    uint x_stride;
    uint y_stride;
    uint flags; // HEARTH_MATVEC_BIAS
};

// moe_combine: y[t][c] = (accumulate ? y[t][c] : 0) + (sum_j weights[t * k + j] e[t * k + j][c])
//   for e: [n * k][cols], y: [n][cols] f32; the sum in slot order, as the CPU reference adds
//   (residual added last). Invocation x = c, workgroup y = t.
struct MoeCombinePush {
    uint cols;
    uint n_used;
    uint accumulate;
};

// argmax: result = {index, value bits} of the largest of x[0..count) (lowest index on ties).
//   One workgroup.
struct ArgmaxPush {
    uint count;
};

#ifdef __cplusplus
} // namespace hearth::gpu
#endif

#endif
