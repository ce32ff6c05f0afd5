#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_KHR_cooperative_matrix : require
#extension GL_KHR_shader_subgroup_basic : require

// The tiled prefill matmul of matmul.comp (y[t] = W x[t] for the n tokens of a batch, same
// push constants, bindings and flags: MatvecPush) on cooperative matrices
// (VK_KHR_cooperative_matrix): the products of a tile are CM x CN x CK matrix
// multiply-adds done by a whole subgroup, f16 inputs and f32 accumulation, in whatever
// units the device has for them. Only on devices that offer that shape (vk_coopmat.cpp).
//
// A workgroup of NSG subgroups owns a BM (rows) x BN (tokens) tile of y and walks K in
// steps of BK = BK_UNITS * 32 columns:
// 1. the invocations decode the BM x BK_UNITS units of W (dequant_unit, as matmul.comp) and
//    copy BK x BN of x, both rounded to f16, into shared memory (zero outside the matrices):
//      ws[row][k] (row-major, stride BKP)  = the A operand, BM x BK
//      xs[token][k] (stride BKP)           = the B operand read column-major, BK x BN
//    BKP = BK + 8: rows 16 bytes apart from the next bank pattern (and 16-byte aligned, as
//    cooperative matrix loads want);
// 2. barrier; the output tile is a grid of (BM / CM) x (BN / CN) accumulators; subgroup s
//    owns accumulators s, s + NSG, s + 2 NSG, ... (index i: rows (i % (BM / CM)) * CM..,
//    tokens (i / (BM / CM)) * CN..) and adds A x B for each CK columns of the step;
//    barrier.
// At the end each subgroup stores its accumulators one at a time into its own CM x CN f32
// scratch (column-major: neighbouring invocations then take neighbouring rows of y) and
// writes them out with the bias and residual, skipping rows and tokens past the matrices.
// Each output is one accumulator's sum over K in the device's order: no other rounding than
// f16 inputs and f32 accumulation (vk_coopmat.h states the bound).

#include "shader_interface.h"

// Specialization constants: 0 workgroup size (NSG times the subgroup size), 1 weight type
// (HEARTH_TYPE_*), 2 BM, 3 BN, 4 BK_UNITS, 5 CM, 6 CN, 7 CK (a shape the device lists),
// 8 NSG (subgroups per workgroup; divides (BM / CM) * (BN / CN)).
layout(local_size_x = 128, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_F32;
layout(constant_id = 2) const uint BM = 64;
layout(constant_id = 3) const uint BN = 64;
layout(constant_id = 4) const uint BK_UNITS = 1;
layout(constant_id = 5) const uint CM = 16;
layout(constant_id = 6) const uint CN = 16;
layout(constant_id = 7) const uint CK = 16;
layout(constant_id = 8) const uint NSG = 4;
#define WG_SIZE gl_WorkGroupSize.x
#define BK (BK_UNITS * HEARTH_UNIT)
#define BKP (BK + 8u)
#define TILES_M (BM / CM)
#define PER_SG ((BM / CM) * (BN / CN) / NSG)

layout(push_constant) uniform PushBlock { MatvecPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XBuf { vec4 x4[]; }; // x_offset, x_stride % 4 == 0
layout(std430, binding = 2) buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; };

#include "dequant.glsl"

shared float16_t ws[BM * BKP];     // [row][k]: decoded weights of the step
shared float16_t xs[BN * BKP];     // [token][k]: the step's columns of x
shared float cs[NSG * CM * CN];    // per subgroup: one accumulator on its way out

// Decodes the step's W tile: item i is unit u0 + i / BM of row row0 + i % BM.
void load_w(uint row0, uint u0, uint units) {
    for (uint i = gl_LocalInvocationID.x; i < BM * BK_UNITS; i += WG_SIZE) {
        uint r = i % BM, ku = i / BM;
        uint row = row0 + r, u = u0 + ku;
        float v[HEARTH_UNIT];
        if (row < p.rows && u < units) {
            dequant_unit(p.w_offset + row * p.row_bytes, u, v);
        } else {
            [[unroll]] for (uint e = 0u; e < HEARTH_UNIT; ++e) {
                v[e] = 0.0;
            }
        }
        uint base = r * BKP + ku * HEARTH_UNIT;
        [[unroll]] for (uint e = 0u; e < HEARTH_UNIT; ++e) {
            ws[base + e] = float16_t(v[e]);
        }
    }
}

// Copies the step's X tile: item i is the 4 columns k0 + 4 (i % (BK / 4)) .. of token
// t0 + i / (BK / 4) (neighbouring invocations read neighbouring words of x).
void load_x(uint t0, uint k0) {
    for (uint i = gl_LocalInvocationID.x; i < BN * (BK / 4u); i += WG_SIZE) {
        uint kq = i % (BK / 4u), t = i / (BK / 4u);
        uint token = t0 + t, k = k0 + 4u * kq;
        vec4 v = vec4(0.0);
        if (token < p.vectors && k < p.cols) {
            v = x4[(token * p.x_stride + p.x_offset + k) >> 2];
        }
        uint base = t * BKP + 4u * kq;
        xs[base] = float16_t(v.x);
        xs[base + 1u] = float16_t(v.y);
        xs[base + 2u] = float16_t(v.z);
        xs[base + 3u] = float16_t(v.w);
    }
}

void store(uint row, uint t, float total) {
    uint o = t * p.y_stride + p.y_offset + row;
    if ((p.flags & HEARTH_MATVEC_BIAS) != 0u) {
        total += bias[p.y_offset + row];
    }
    if ((p.flags & HEARTH_MATVEC_ACCUMULATE) != 0u) {
        total += y[o];
    }
    y[o] = total;
}

void main() {
    uint row0 = (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x) * BM;
    if (row0 >= p.rows) {
        return; // the spare groups of the x * y spread; uniform in the workgroup
    }
    uint t0 = gl_WorkGroupID.z * BN;
    // A driver that runs other subgroup sizes than asked may make more subgroups than NSG:
    // the extra ones only help load the tiles (fewer would leave tiles unwritten, which the
    // self-check at load catches).
    uint sg = gl_SubgroupID;
    bool working = sg < NSG;
    coopmat<float, gl_ScopeSubgroup, CM, CN, gl_MatrixUseAccumulator> acc[PER_SG];
    [[unroll]] for (uint j = 0u; j < PER_SG; ++j) {
        acc[j] = coopmat<float, gl_ScopeSubgroup, CM, CN, gl_MatrixUseAccumulator>(0.0);
    }
    uint units = p.cols / HEARTH_UNIT;
    for (uint u0 = 0u; u0 < units; u0 += BK_UNITS) {
        load_w(row0, u0, units);
        load_x(t0, u0 * HEARTH_UNIT);
        barrier();
        [[dont_unroll]] for (uint kk = 0u; kk < BK && working; kk += CK) {
            [[unroll]] for (uint j = 0u; j < PER_SG; ++j) {
                uint tile = sg + j * NSG;
                coopmat<float16_t, gl_ScopeSubgroup, CM, CK, gl_MatrixUseA> a;
                coopmat<float16_t, gl_ScopeSubgroup, CK, CN, gl_MatrixUseB> b;
                coopMatLoad(a, ws, (tile % TILES_M) * CM * BKP + kk, BKP,
                            gl_CooperativeMatrixLayoutRowMajor);
                coopMatLoad(b, xs, (tile / TILES_M) * CN * BKP + kk, BKP,
                            gl_CooperativeMatrixLayoutColumnMajor);
                acc[j] = coopMatMulAdd(a, b, acc[j]);
            }
        }
        barrier(); // the tiles are overwritten by the next step
    }
    uint scratch = sg * CM * CN;
    [[unroll]] for (uint j = 0u; j < PER_SG && working; ++j) {
        uint tile = sg + j * NSG;
        coopMatStore(acc[j], cs, scratch, CM, gl_CooperativeMatrixLayoutColumnMajor);
        subgroupMemoryBarrierShared();
        subgroupBarrier();
        uint r0 = row0 + (tile % TILES_M) * CM, c0 = t0 + (tile / TILES_M) * CN;
        for (uint e = gl_SubgroupInvocationID; e < CM * CN; e += gl_SubgroupSize) {
            uint row = r0 + e % CM, t = c0 + e / CM;
            if (row < p.rows && t < p.vectors) {
                store(row, t, cs[scratch + e]);
            }
        }
        subgroupBarrier(); // the scratch is overwritten by the next accumulator
    }
}
