// Reads of packed weight bytes from the bound range of the readonly buffer array `uint wq[]`
// (declared by the including kernel). Offsets are in bytes from the start of the binding.

// Byte o.
uint wq_u8(uint o) {
    return (wq[o >> 2] >> ((o & 3u) << 3)) & 0xFFu;
}

// Little-endian u16 at an even offset o (never straddles a word).
uint wq_u16(uint o) {
    return (wq[o >> 2] >> ((o & 2u) << 3)) & 0xFFFFu;
}

// Little-endian u32 at an even offset o: one word when o is a multiple of 4, else the upper
// half of one word and the lower half of the next.
uint wq_u32(uint o) {
    uint i = o >> 2;
    if ((o & 2u) == 0u) {
        return wq[i];
    }
    return (wq[i] >> 16) | (wq[i + 1u] << 16);
}

// Little-endian u32 at any offset o (MXFP4's 17-byte blocks start at odd bytes): bytes of
// two words when o is not a multiple of 4. The second word holds at least one of the four
// bytes, so it lies within the bound range (rounded up to whole words).
uint wq_u32_any(uint o) {
    uint i = o >> 2, shift = (o & 3u) << 3;
    if (shift == 0u) {
        return wq[i];
    }
    return (wq[i] >> shift) | (wq[i + 1u] << (32u - shift));
}

float wq_f16(uint o) {
    return unpackHalf2x16(wq_u16(o)).x;
}

// The 16 non-linear levels of IQ4_NL and IQ4_XS.
const float kIq4Levels[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0, -10.0,
                                       1.0, 13.0, 25.0, 38.0, 53.0, 69.0, 89.0, 113.0);

// The 16 values of an MXFP4 nibble: E2M1 numbers (sign in bit 3) doubled to integers.
const float kMxfp4Levels[16] = float[16](0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 0.0, -1.0,
                                         -2.0, -3.0, -4.0, -6.0, -8.0, -12.0);

// Half the value of an E8M0 scale byte e, 2^(e - 128), built in the exponent field; e < 2 are
// subnormal floats (2^-128, 2^-127), which a device may flush to zero.
float e8m0_half(uint e) {
    return uintBitsToFloat(e < 2u ? 0x00200000u << e : (e - 1u) << 23);
}

// The four bytes of a word as a vector, byte 0 first.
uvec4 bytes4(uint u) {
    return uvec4(u, u >> 8, u >> 16, u >> 24) & 0xFFu;
}

// The 6-bit scale (x) and min (y) of sub-block j of Q4_K / Q5_K from the 12 bytes at s:
// j < 4: scale = s[j] & 63, min = s[j + 4] & 63; otherwise the low 4 bits come from s[j + 4]
// (scale: low nibble, min: high nibble) and the top 2 bits from the top of s[j - 4] / s[j].
uvec2 k_scale_min(uint s, uint j) {
    if (j < 4u) {
        return uvec2(wq_u8(s + j) & 63u, wq_u8(s + j + 4u) & 63u);
    }
    uint packed = wq_u8(s + j + 4u);
    return uvec2((packed & 15u) | ((wq_u8(s + j - 4u) >> 6) << 4),
                 (packed >> 4) | ((wq_u8(s + j) >> 6) << 4));
}
