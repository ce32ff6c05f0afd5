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
};

// kv_store: kc[(pos0 + t) % ring][i] = f16(k[t][i]), vc likewise; k, v: [n][kv_dim] f32,
//   kc, vc: [ring][kv_dim] f16 packed in pairs (u32): the layer's cache capacity (a sliding
//   layer keeps a ring of its last positions). Invocation x = pair, workgroup y = t.
struct KvStorePush {
    uint kv_dim;
    uint pos0;
    uint ring;
};

// attention: out[t][h][d] = sum_j softmax_j(q[t][h] . k[j][g] * scale) v[j][g][d], j <= pos0+t
//   q, out: [n][n_head * head_dim] f32; kc, vc: [ring][n_head_kv * head_dim] f16 pairs, position
//   j in row j % ring;
//   g = h / (n_head / n_head_kv). Workgroup x = head h, workgroup y = token t.
//   window > 0 (a sliding layer): token t sees only the last `window` of those positions.
//   temp_length > 0: token t's scale is multiplied by 1 + temp_beta ln(1 + floor((pos0 + t) /
//   temp_length)) (mistral3's attention temperature).
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
};

// gated_act: g[i] = act(g[i]) * u[i] for i < count (the gated FFN); g, u: [count] f32. act
//   (specialization constant 0): 0 SiLU, 1 the tanh form of GELU.
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

// argmax: result = {index, value bits} of the largest of x[0..count) (lowest index on ties).
//   One workgroup.
struct ArgmaxPush {
    uint count;
};

#ifdef __cplusplus
} // namespace hearth::gpu
#endif

#endif
