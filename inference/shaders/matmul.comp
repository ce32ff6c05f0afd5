#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#ifdef HEARTH_F16_TILES
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#endif

// Tiled matrix x matrix for prefill: y[t] = W x[t] for the n tokens of a batch, with the
// same push constants, bindings and flags as matvec (MatvecPush). Where the batched matvec
// decodes each weight unit once per 8 tokens, this kernel decodes it once per BN tokens
// (the tile width) into shared memory and then reuses it from there.
//
// A workgroup owns a BM (rows) x BN (tokens) tile of y and walks K in steps of BK =
// BK_UNITS * 32 columns:
//
//        k0 .. k0+BK               tokens t0 .. t0+BN
//      +-----------+              +-----------------+
//   BM | W tile    |  x   BK      | X tile          |   ->  BM x BN partial sums
//      | ws[k][r]  |              | xs[k][t]        |       (TM x TN per invocation)
//      +-----------+              +-----------------+
//
// 1. the invocations decode the BM x BK_UNITS units of W (one unit of one row each, in
//    turn) into ws and copy BK x BN of x into xs (zero outside the matrices; f32, or f16 in
//    the "_f16" variant: see matmul_tile.glsl);
// 2. barrier; each invocation multiplies its TM rows by its TN tokens for the BK columns,
//    accumulating in registers; barrier.
// Invocation i takes rows tr + j (BM / TM) and tokens tc + j (BN / TN), with tr = i % (BM /
// TM) and tc = i / (BM / TM): neighbouring invocations read neighbouring words of ws (no bank
// conflicts) and mostly the same word of xs (a broadcast), and store neighbouring rows of y.
// Each output is one invocation's sequential sum over the columns: no cross-invocation
// reduction, so the result does not depend on the subgroup size.

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

layout(push_constant) uniform PushBlock { MatvecPush p; };
layout(std430, binding = 0) readonly buffer WBuf { uint wq[]; };
layout(std430, binding = 1) readonly buffer XBuf { vec4 x4[]; }; // x_offset, x_stride % 4 == 0
layout(std430, binding = 2) buffer YBuf { float y[]; };
layout(std430, binding = 3) readonly buffer BiasBuf { float bias[]; };

#include "dequant.glsl"
#include "matmul_tile.glsl"

shared TILE_T ws[BK * BM]; // [k][row]: decoded weights of the step
shared TILE_T xs[BK * BN]; // [k][token]: the step's columns of x

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
        uint base = ku * HEARTH_UNIT * BM + r;
        [[unroll]] for (uint e = 0u; e < HEARTH_UNIT; ++e) {
            ws[base + e * BM] = to_tile(v[e]);
        }
    }
}

// Copies the step's X tile: item i is the 4 columns k0 + 4 (i / BN) .. of token t0 + i % BN.
void load_x(uint t0, uint k0) {
    for (uint i = gl_LocalInvocationID.x; i < BN * (BK / 4u); i += WG_SIZE) {
        uint t = i % BN, kq = i / BN;
        uint token = t0 + t, k = k0 + 4u * kq;
        vec4 v = vec4(0.0);
        if (token < p.vectors && k < p.cols) {
            v = x4[(token * p.x_stride + p.x_offset + k) >> 2];
        }
        uint base = 4u * kq * BN + t;
        xs[base] = to_tile(v.x);
        xs[base + BN] = to_tile(v.y);
        xs[base + 2u * BN] = to_tile(v.z);
        xs[base + 3u * BN] = to_tile(v.w);
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
    uint tr = gl_LocalInvocationID.x % (BM / TM), tc = gl_LocalInvocationID.x / (BM / TM);
    float acc[TM * TN];
    [[unroll]] for (uint i = 0u; i < TM * TN; ++i) {
        acc[i] = 0.0;
    }
    uint units = p.cols / HEARTH_UNIT;
    for (uint u0 = 0u; u0 < units; u0 += BK_UNITS) {
        load_w(row0, u0, units);
        load_x(t0, u0 * HEARTH_UNIT);
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
            if (row < p.rows && t < p.vectors) {
                store(row, t, acc[i * TN + j]);
            }
        }
    }
}
