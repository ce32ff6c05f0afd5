#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#ifdef HEARTH_F16_TILES
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#endif

// The expert-indexed matrix x matrix product of a mixture-of-experts layer for prompt
// batches: y[s] = W_e x[s / x_group] (+ bias[e]) for every slot s (a token's j-th chosen
// expert, e = its id), with the slots grouped by expert on the device (moe_group.comp), so
// that each expert's matrix is decoded once per tile of BN of its slots instead of once per
// slot (moe_matvec.comp, kept for single tokens). The tiles are matmul.comp's (see there for
// the shared-memory steps and the invocations' TM x TN blocks); only the x rows a tile reads
// and the y rows it writes go through the expert's list of slots. Shapes: MoeMatmulPush.
//
// Workgroup (x + y * groups_x) is the row tile; z = (e - expert_begin) * tiles + token tile,
// tiles = ceil(largest possible slot count of an expert / BN) (the host does not know the
// counts: the routing stays on the device), and a tile past its expert's count returns at
// once.

#include "shader_interface.h"

// Specialization constants: 0 workgroup size (must be (BM / TM) * (BN / TN)), 1 weight type
// (HEARTH_TYPE_*), 2 BM, 3 BN, 4 BK_UNITS, 5 TM, 6 TN (TM divides BM, TN divides BN).
layout(local_size_x = 256, local_size_x_id = 0) in;
layout(constant_id = 1) const uint TYPE = HEARTH_TYPE_F32;
layout(constant_id = 2) const uint BM = 64;
layout(constant_id = 3) const uint BN = 64;
layout(constant_id = 4) const uint BK_UNITS = 1;
layout(constant_id = 5) const uint TM = 4;
layout(constant_id = 6) const uint TN = 4;
#define WG_SIZE gl_WorkGroupSize.x
#define BK (BK_UNITS * HEARTH_UNIT)

layout(push_constant) uniform PushBlock { MoeMatmulPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XBuf { vec4 x4[]; }; // x_stride % 4 == 0
layout(std430, binding = 2) writeonly buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; }; // [n_expert][rows]
layout(std430, binding = 4) readonly buffer GroupBuf { uint groups[]; }; // moe_group.comp's

#include "dequant.glsl"
#include "matmul_tile.glsl"

shared TILE_T ws[BK * BM]; // [k][row]: decoded weights of the step
shared TILE_T xs[BK * BN]; // [k][token]: the step's columns of x

// Decodes the step's W tile (the expert's matrix from byte w_start): item i is unit
// u0 + i / BM of row row0 + i % BM.
void load_w(uint w_start, uint row0, uint u0, uint units) {
    for (uint i = gl_LocalInvocationID.x; i < BM * BK_UNITS; i += WG_SIZE) {
        uint r = i % BM, ku = i / BM;
        uint row = row0 + r, u = u0 + ku;
        float v[HEARTH_UNIT];
        if (row < p.rows && u < units) {
            dequant_unit(w_start + row * p.row_bytes, u, v);
        } else {
            [[unroll]] for (uint e = 0u; e < HEARTH_UNIT; ++e) {
                v[e] = 0.0;
            }
        }
        uint base = ku * HEARTH_UNIT * BM + r;
        [[unroll]] for (uint e = 0u; e < HEARTH_UNIT; ++e) {
            ws[base + e * BM] = to_tile(v[e]);
        }
    }
}

// Copies the step's X tile: item i is the 4 columns k0 + 4 (i / BN) .. of the expert's slot
// t0 + i % BN (of `count`, listed from groups[list]).
void load_x(uint list, uint count, uint t0, uint k0) {
    for (uint i = gl_LocalInvocationID.x; i < BN * (BK / 4u); i += WG_SIZE) {
        uint t = i % BN, kq = i / BN;
        uint token = t0 + t, k = k0 + 4u * kq;
        vec4 v = vec4(0.0);
        if (token < count && k < p.cols) {
            uint slot = groups[list + token];
            v = x4[((slot / p.x_group) * p.x_stride + k) >> 2];
        }
        uint base = 4u * kq * BN + t;
        xs[base] = to_tile(v.x);
        xs[base + BN] = to_tile(v.y);
        xs[base + 2u * BN] = to_tile(v.z);
        xs[base + 3u * BN] = to_tile(v.w);
    }
}

void store(uint expert, uint row, uint slot, float total) {
    if ((p.flags & HEARTH_MATVEC_BIAS) != 0u) {
        total += bias[expert * p.rows + row];
    }
    y[slot * p.y_stride + row] = total;
}

void main() {
    uint row0 = (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x) * BM;
    if (row0 >= p.rows) {
        return; // the spare groups of the x * y spread; uniform in the workgroup
    }
    uint expert = p.expert_begin + gl_WorkGroupID.z / p.tiles;
    uint t0 = (gl_WorkGroupID.z % p.tiles) * BN;
    uint first = groups[expert], count = groups[expert + 1u] - first;
    if (t0 >= count) {
        return; // the expert has fewer slots; uniform in the workgroup
    }
    uint list = p.n_expert + 1u + first;
    uint w_start = p.w_offset + (expert - p.expert_begin) * p.expert_bytes;
    uint tr = gl_LocalInvocationID.x % (BM / TM), tc = gl_LocalInvocationID.x / (BM / TM);
    float acc[TM * TN];
    [[unroll]] for (uint i = 0u; i < TM * TN; ++i) {
        acc[i] = 0.0;
    }
    uint units = p.cols / HEARTH_UNIT;
    for (uint u0 = 0u; u0 < units; u0 += BK_UNITS) {
        load_w(w_start, row0, u0, units);
        load_x(list, count, t0, u0 * HEARTH_UNIT);
        barrier();
        for (uint k = 0u; k < BK; ++k) {
            float a[TM], b[TN];
            [[unroll]] for (uint i = 0u; i < TM; ++i) {
                a[i] = float(ws[k * BM + tr + i * (BM / TM)]);
            }
            [[unroll]] for (uint j = 0u; j < TN; ++j) {
                b[j] = float(xs[k * BN + tc + j * (BN / TN)]);
            }
            [[unroll]] for (uint i = 0u; i < TM; ++i) {
                [[unroll]] for (uint j = 0u; j < TN; ++j) {
                    acc[i * TN + j] += a[i] * b[j];
                }
            }
        }
        barrier(); // the tiles are overwritten by the next step
    }
    // Not unrolled: TM x TN unrolled stores, each a masked gather and scatter on lavapipe,
    // took its compiler 13 s per pipeline at 16 x 16 (1 s without); the loop runs once.
    [[dont_unroll]] for (uint i = 0u; i < TM; ++i) {
        uint row = row0 + tr + i * (BM / TM);
        [[dont_unroll]] for (uint j = 0u; j < TN; ++j) {
            uint t = t0 + tc + j * (BN / TN);
            if (row < p.rows && t < count) {
                store(expert, row, groups[list + t], acc[i * TN + j]);
            }
        }
    }
}
