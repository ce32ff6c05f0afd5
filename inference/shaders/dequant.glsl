// Inline dequantization of weight rows, 32 elements (one "unit") at a time, for every tensor
// type of the CPU reference. The block layouts are drawn in inference/tensor/dequant_*.cpp;
// the arithmetic follows the same order ((d * scale) * q - dmin * min) so that values match
// the CPU decoder up to a fused multiply-add.
//
// Needs from the including kernel: the readonly buffer array `uint wq[]` (the bound weight
// range, read as little-endian 32-bit words) and the specialization constant TYPE (a ggml
// type id, HEARTH_TYPE_*). Blocks are only 2-byte aligned (18, 22, 34, 110, 210 bytes), so
// byte offsets are even but not always multiples of 4; MXFP4's 17-byte blocks start at any
// byte (wq_u32_any).
//
// Two forms of every decoder, from one source (dequant_small.glsl, dequant_k.glsl, included
// twice with different macros):
//   dequant_unit(row, unit, v)        the unit's 32 values into v
//   dot_unit(row, unit, xb, acc)      acc += the unit . x[xb .. xb + 31], consuming values as
//                                     they are decoded; needs HEARTH_DEQUANT_DOT and a
//                                     readonly `vec4 x4[]` (xb a multiple of 4). Keeping few
//                                     values live matters on lavapipe, where every value of
//                                     an invocation occupies a whole SIMD register.

#include "weight_access.glsl"

#define UNIT_FN(name) name
#define UNIT_PARAMS uint xb, out float v[HEARTH_UNIT]
#define EMIT4(i, values)                                                                   \
    {                                                                                      \
        vec4 e_ = (values);                                                                \
        v[(i)] = e_.x;                                                                     \
        v[(i) + 1u] = e_.y;                                                                \
        v[(i) + 2u] = e_.z;                                                                \
        v[(i) + 3u] = e_.w;                                                                \
    }
#include "dequant_small.glsl"
#include "dequant_k.glsl"
#undef UNIT_FN
#undef UNIT_PARAMS
#undef EMIT4

#ifdef HEARTH_DEQUANT_DOT
#define UNIT_FN(name) name##_dot
#define UNIT_PARAMS uint xb, inout float v
#define EMIT4(i, values) v += dot((values), x4[(xb + (i)) >> 2])
#include "dequant_small.glsl"
#include "dequant_k.glsl"
#undef UNIT_FN
#undef UNIT_PARAMS
#undef EMIT4
#endif

// Bytes per block and units (of 32 elements) per block of TYPE.
uint type_block_bytes() {
    switch (TYPE) {
    case HEARTH_TYPE_F32: return 128u;
    case HEARTH_TYPE_F16: return 64u;
    case HEARTH_TYPE_BF16: return 64u;
    case HEARTH_TYPE_Q4_0: return 18u;
    case HEARTH_TYPE_Q4_1: return 20u;
    case HEARTH_TYPE_Q5_0: return 22u;
    case HEARTH_TYPE_Q5_1: return 24u;
    case HEARTH_TYPE_Q8_0: return 34u;
    case HEARTH_TYPE_IQ4_NL: return 18u;
    case HEARTH_TYPE_Q2_K: return 84u;
    case HEARTH_TYPE_Q3_K: return 110u;
    case HEARTH_TYPE_Q4_K: return 144u;
    case HEARTH_TYPE_Q5_K: return 176u;
    case HEARTH_TYPE_Q6_K: return 210u;
    case HEARTH_TYPE_IQ4_XS: return 136u;
    case HEARTH_TYPE_MXFP4: return 17u;
    default: return 0u;
    }
}

uint type_units_per_block() {
    return TYPE == HEARTH_TYPE_Q2_K || TYPE == HEARTH_TYPE_Q3_K || TYPE == HEARTH_TYPE_Q4_K ||
                   TYPE == HEARTH_TYPE_Q5_K || TYPE == HEARTH_TYPE_Q6_K ||
                   TYPE == HEARTH_TYPE_IQ4_XS
               ? 8u
               : 1u;
}

// The 32 values of unit `unit` of the row starting at byte `row` of the bound range.
void dequant_unit(uint row, uint unit, out float v[HEARTH_UNIT]) {
    uint per_block = type_units_per_block();
    uint b = row + (unit / per_block) * type_block_bytes();
    uint sub = unit % per_block;
    switch (TYPE) {
    case HEARTH_TYPE_F32: unit_f32(b, 0u, v); break;
    case HEARTH_TYPE_F16:
    case HEARTH_TYPE_BF16: unit_f16(b, 0u, v); break;
    case HEARTH_TYPE_Q8_0: unit_q8_0(b, 0u, v); break;
    case HEARTH_TYPE_Q2_K: unit_q2_k(b, sub, 0u, v); break;
    case HEARTH_TYPE_Q3_K: unit_q3_k(b, sub, 0u, v); break;
    case HEARTH_TYPE_Q4_K: unit_q45_k(b, sub, false, 0u, v); break;
    case HEARTH_TYPE_Q5_K: unit_q45_k(b, sub, true, 0u, v); break;
    case HEARTH_TYPE_Q6_K: unit_q6_k(b, sub, 0u, v); break;
    case HEARTH_TYPE_IQ4_XS: unit_iq4_xs(b, sub, 0u, v); break;
    case HEARTH_TYPE_MXFP4: unit_mxfp4(b, 0u, v); break;
    default: unit_small(b, 0u, v); break;
    }
}

#ifdef HEARTH_DEQUANT_DOT
// acc += unit `unit` of the row at byte `row` . x[xb .. xb + 31] (xb a multiple of 4).
void dot_unit(uint row, uint unit, uint xb, inout float acc) {
    uint per_block = type_units_per_block();
    uint b = row + (unit / per_block) * type_block_bytes();
    uint sub = unit % per_block;
    switch (TYPE) {
    case HEARTH_TYPE_F32: unit_f32_dot(b, xb, acc); break;
    case HEARTH_TYPE_F16:
    case HEARTH_TYPE_BF16: unit_f16_dot(b, xb, acc); break;
    case HEARTH_TYPE_Q8_0: unit_q8_0_dot(b, xb, acc); break;
    case HEARTH_TYPE_Q2_K: unit_q2_k_dot(b, sub, xb, acc); break;
    case HEARTH_TYPE_Q3_K: unit_q3_k_dot(b, sub, xb, acc); break;
    case HEARTH_TYPE_Q4_K: unit_q45_k_dot(b, sub, false, xb, acc); break;
    case HEARTH_TYPE_Q5_K: unit_q45_k_dot(b, sub, true, xb, acc); break;
    case HEARTH_TYPE_Q6_K: unit_q6_k_dot(b, sub, xb, acc); break;
    case HEARTH_TYPE_IQ4_XS: unit_iq4_xs_dot(b, sub, xb, acc); break;
    case HEARTH_TYPE_MXFP4: unit_mxfp4_dot(b, xb, acc); break;
    default: unit_small_dot(b, xb, acc); break;
    }
}
#endif
