// Unit decoders of the float types and the 32-element block types; included twice by
// dequant.glsl, once storing values and once accumulating a dot product (see there for
// UNIT_FN, UNIT_PARAMS and EMIT4). Each emits its 32 values as groups of four consecutive
// elements, so that a dot product consumes them as they are decoded (few live registers).

// F32: 32 floats (128 bytes) per unit.
void UNIT_FN(unit_f32)(uint b, UNIT_PARAMS) {
    [[unroll]] for (uint k = 0u; k < 8u; ++k) {
        uint o = b + 16u * k;
        EMIT4(4u * k, uintBitsToFloat(uvec4(wq_u32(o), wq_u32(o + 4u), wq_u32(o + 8u),
                                            wq_u32(o + 12u))));
    }
}

// F16 / BF16: 64 bytes per unit, two values per word (BF16: the upper half of an f32).
void UNIT_FN(unit_f16)(uint b, UNIT_PARAMS) {
    [[unroll]] for (uint k = 0u; k < 8u; ++k) {
        uint u0 = wq_u32(b + 8u * k), u1 = wq_u32(b + 8u * k + 4u);
        if (TYPE == HEARTH_TYPE_BF16) {
            EMIT4(4u * k, uintBitsToFloat(uvec4(u0 << 16, u0 & 0xFFFF0000u, u1 << 16,
                                                u1 & 0xFFFF0000u)));
        } else {
            EMIT4(4u * k, vec4(unpackHalf2x16(u0), unpackHalf2x16(u1)));
        }
    }
}

// Q8_0: {f16 d; i8 qs[32]}, y = q * d.
void UNIT_FN(unit_q8_0)(uint b, UNIT_PARAMS) {
    float d = wq_f16(b);
    [[unroll]] for (uint k = 0u; k < 8u; ++k) {
        ivec4 q = (ivec4(bytes4(wq_u32(b + 2u + 4u * k))) ^ 0x80) - 0x80; // sign-extend
        EMIT4(4u * k, vec4(q) * d);
    }
}

// MXFP4 {u8 e; u8 qs[16]}: kMxfp4Levels[q] * 2^(e - 128), nibbles split as above; 17-byte
// blocks, so qs starts at any byte.
void UNIT_FN(unit_mxfp4)(uint b, UNIT_PARAMS) {
    float d = e8m0_half(wq_u8(b));
    [[unroll]] for (uint k = 0u; k < 4u; ++k) {
        uvec4 q = bytes4(wq_u32_any(b + 1u + 4u * k));
        uvec4 lo = q & 15u, hi = q >> 4;
        EMIT4(4u * k, vec4(kMxfp4Levels[lo.x], kMxfp4Levels[lo.y], kMxfp4Levels[lo.z],
                           kMxfp4Levels[lo.w]) * d);
        EMIT4(16u + 4u * k, vec4(kMxfp4Levels[hi.x], kMxfp4Levels[hi.y], kMxfp4Levels[hi.z],
                                 kMxfp4Levels[hi.w]) * d);
    }
}

// The four small-block 4/5-bit layouts and IQ4_NL: byte qs[j] holds element j in its low
// nibble and element j + 16 in its high nibble; Q5 types add bit j of the u32 qh.
//   Q4_0 {d; qs[16]}: (q - 8) d      Q4_1 {d, m; qs[16]}: q d + m      IQ4_NL {d; qs}: L[q] d
//   Q5_0 {d; qh; qs}: (q - 16) d     Q5_1 {d, m; qh; qs}: q d + m
void UNIT_FN(unit_small)(uint b, UNIT_PARAMS) {
    const bool has_min = TYPE == HEARTH_TYPE_Q4_1 || TYPE == HEARTH_TYPE_Q5_1;
    const bool five_bit = TYPE == HEARTH_TYPE_Q5_0 || TYPE == HEARTH_TYPE_Q5_1;
    const float offset = TYPE == HEARTH_TYPE_Q4_0 ? 8.0 : (TYPE == HEARTH_TYPE_Q5_0 ? 16.0 : 0.0);
    float d = wq_f16(b);
    float m = has_min ? wq_f16(b + 2u) : 0.0;
    uint o = has_min ? b + 4u : b + 2u;
    uint qh = five_bit ? wq_u32(o) : 0u;
    o += five_bit ? 4u : 0u;
    [[unroll]] for (uint k = 0u; k < 4u; ++k) {
        uvec4 q = bytes4(wq_u32(o + 4u * k));
        uvec4 lo = q & 15u, hi = q >> 4;
        if (five_bit) {
            uvec4 e = uvec4(4u * k) + uvec4(0u, 1u, 2u, 3u);
            lo |= ((uvec4(qh) >> e) & 1u) << 4;
            hi |= ((uvec4(qh) >> (e + 16u)) & 1u) << 4;
        }
        if (TYPE == HEARTH_TYPE_IQ4_NL) {
            EMIT4(4u * k, vec4(kIq4Levels[lo.x], kIq4Levels[lo.y], kIq4Levels[lo.z],
                               kIq4Levels[lo.w]) * d);
            EMIT4(16u + 4u * k, vec4(kIq4Levels[hi.x], kIq4Levels[hi.y], kIq4Levels[hi.z],
                                     kIq4Levels[hi.w]) * d);
        } else if (has_min) {
            EMIT4(4u * k, vec4(lo) * d + m);
            EMIT4(16u + 4u * k, vec4(hi) * d + m);
        } else {
            EMIT4(4u * k, (vec4(lo) - offset) * d);
            EMIT4(16u + 4u * k, (vec4(hi) - offset) * d);
        }
    }
}
