// Unit decoders of the 256-element super-block types, included twice by dequant.glsl like
// dequant_small.glsl. Unit `sub` (0..7) of the block at byte b holds elements 32 sub ..
// 32 sub + 31. Layouts (see inference/tensor/dequant_k_quants.cpp):
//
//   Q2_K  84 B: scales[16] | qs[64] | f16 d | f16 dmin
//   Q3_K 110 B: hmask[32] | qs[64] | scales[12] | f16 d
//   Q4_K 144 B: f16 d | f16 dmin | scales[12] | qs[128]
//   Q5_K 176 B: f16 d | f16 dmin | scales[12] | qh[32] | qs[128]
//   Q6_K 210 B: ql[128] | qh[64] | i8 scales[16] | f16 d
//   IQ4_XS 136 B: f16 d | u16 scales_h | scales_l[4] | qs[128]

// Q2_K / Q3_K: unit sub is half h = sub / 4, shift 2k with k = sub % 4; its element i comes
// from bits 2k..2k+1 of qs[32h + i] with the scale of 16-element group is = 8h + 2k + i / 16.
// Q2_K scales: low nibble scale, high nibble min; y = d * scale * q - dmin * min.
void UNIT_FN(unit_q2_k)(uint b, uint sub, UNIT_PARAMS) {
    uint h = sub >> 2, k = sub & 3u;
    float d = wq_f16(b + 80u), dmin = wq_f16(b + 82u);
    [[unroll]] for (uint part = 0u; part < 2u; ++part) {
        uint sc = wq_u8(b + 8u * h + 2u * k + part);
        float dl = d * float(sc & 15u);
        float ml = dmin * float(sc >> 4);
        [[unroll]] for (uint w = 0u; w < 4u; ++w) {
            uvec4 q = (bytes4(wq_u32(b + 16u + 32u * h + 16u * part + 4u * w)) >> (2u * k)) & 3u;
            EMIT4(16u * part + 4u * w, dl * vec4(q) - ml);
        }
    }
}

// Q3_K scales are 6 bits with offset 32: low 4 bits in byte is % 8 of the packed scales (low
// nibble for is < 8), top 2 bits in byte 8 + is % 4 at bit 2 (is / 4). The third bit of a
// value is bit 4h + k of hmask[i]; clear means subtract 4. y = d * (scale - 32) * q.
void UNIT_FN(unit_q3_k)(uint b, uint sub, UNIT_PARAMS) {
    uint h = sub >> 2, k = sub & 3u;
    float d = wq_f16(b + 108u);
    [[unroll]] for (uint part = 0u; part < 2u; ++part) {
        uint is = 8u * h + 2u * k + part;
        uint low = is < 8u ? wq_u8(b + 96u + is) & 15u : wq_u8(b + 96u + is - 8u) >> 4;
        uint high = (wq_u8(b + 104u + (is & 3u)) >> (2u * (is >> 2))) & 3u;
        float dl = d * float(int(low | (high << 4)) - 32);
        [[unroll]] for (uint w = 0u; w < 4u; ++w) {
            uvec4 q = (bytes4(wq_u32(b + 32u + 32u * h + 16u * part + 4u * w)) >> (2u * k)) & 3u;
            uvec4 bit = (bytes4(wq_u32(b + 16u * part + 4u * w)) >> (4u * h + k)) & 1u;
            EMIT4(16u * part + 4u * w, dl * (vec4(q) - 4.0 * vec4(1u - bit)));
        }
    }
}

// Q4_K / Q5_K: sub-block j uses the nibble j % 2 of qs[32 (j / 2) + i]; Q5_K adds bit j of
// qh[i] as the fifth bit. y = d * scale * q - dmin * min.
void UNIT_FN(unit_q45_k)(uint b, uint sub, bool five_bit, UNIT_PARAMS) {
    float d = wq_f16(b), dmin = wq_f16(b + 2u);
    uvec2 sm = k_scale_min(b + 4u, sub);
    float dl = d * float(sm.x), ml = dmin * float(sm.y);
    uint qs = b + (five_bit ? 48u : 16u) + 32u * (sub >> 1);
    uint shift = 4u * (sub & 1u);
    [[unroll]] for (uint w = 0u; w < 8u; ++w) {
        uvec4 q = (bytes4(wq_u32(qs + 4u * w)) >> shift) & 15u;
        if (five_bit) {
            q |= ((bytes4(wq_u32(b + 16u + 4u * w)) >> sub) & 1u) << 4;
        }
        EMIT4(4u * w, dl * vec4(q) - ml);
    }
}

// Q6_K: unit sub is half h = sub / 4, quarter g = sub % 4. Element i: low 4 bits from
// ql[64h + 32 (g % 2) + i] (low nibble for g < 2, else high), top 2 bits from
// qh[32h + i] >> 2g, minus 32; scale scales[8h + 2g + i / 16] (signed).
void UNIT_FN(unit_q6_k)(uint b, uint sub, UNIT_PARAMS) {
    uint h = sub >> 2, g = sub & 3u;
    float d = wq_f16(b + 208u);
    uint ql = b + 64u * h + 32u * (g & 1u);
    uint nibble = 4u * (g >> 1);
    [[unroll]] for (uint part = 0u; part < 2u; ++part) {
        uint sc = wq_u8(b + 192u + 8u * h + 2u * g + part);
        float dl = d * float(bitfieldExtract(int(sc), 0, 8));
        [[unroll]] for (uint w = 0u; w < 4u; ++w) {
            uvec4 lo = (bytes4(wq_u32(ql + 16u * part + 4u * w)) >> nibble) & 15u;
            uvec4 hi = (bytes4(wq_u32(b + 128u + 32u * h + 16u * part + 4u * w)) >> (2u * g)) & 3u;
            EMIT4(16u * part + 4u * w, dl * (vec4(lo | (hi << 4)) - 32.0));
        }
    }
}

// IQ4_XS: sub-block ib has a 6-bit scale (offset 32): low 4 bits in nibble ib % 2 of
// scales_l[ib / 2], top 2 bits at bit 2 ib of scales_h; values as IQ4_NL in qs[16 ib ..].
void UNIT_FN(unit_iq4_xs)(uint b, uint ib, UNIT_PARAMS) {
    float d = wq_f16(b);
    uint ls = ((wq_u8(b + 4u + (ib >> 1)) >> (4u * (ib & 1u))) & 15u) |
              (((wq_u16(b + 2u) >> (2u * ib)) & 3u) << 4);
    float dl = d * float(int(ls) - 32);
    [[unroll]] for (uint w = 0u; w < 4u; ++w) {
        uvec4 q = bytes4(wq_u32(b + 8u + 16u * ib + 4u * w));
        uvec4 lo = q & 15u, hi = q >> 4;
        EMIT4(4u * w, dl * vec4(kIq4Levels[lo.x], kIq4Levels[lo.y], kIq4Levels[lo.z],
                                kIq4Levels[lo.w]));
        EMIT4(16u + 4u * w, dl * vec4(kIq4Levels[hi.x], kIq4Levels[hi.y], kIq4Levels[hi.z],
                                      kIq4Levels[hi.w]));
    }
}
