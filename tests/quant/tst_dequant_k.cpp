// Known bytes → known floats for the 256-element super-block types (Q2_K … Q6_K, IQ4_XS).
// Two kinds of case per type:
//  - a full row of two super-blocks: packed scale bytes written as literals worked out by hand
//    from chosen scale/min values, one chosen code per element placed where the format puts it,
//    and every output compared with d * scale * code (- dmin * min) from the chosen values;
//  - a probe: a neutral block with one or two bytes changed, and the few elements those bytes
//    must move spelled out as numbers.
#include "known_bytes.h"

#include <QTest>

using namespace hearth;
using namespace known;

namespace {

constexpr int kLevels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                             1,    13,   25,  38,  53,  69,  89,  113};

// Splits element e of a 256-block into half h (128 each), group g of 32 in the half, and
// position t in the group — the coordinates of the Q2_K/Q3_K/Q6_K layouts.
struct Coord {
    int h, g, t;
};
Coord coord(int e) {
    return {e / 128, (e % 128) / 32, e % 32};
}

std::vector<double> zeros_except(std::initializer_list<std::pair<int, double>> values,
                                 double base = 0) {
    std::vector<double> out(256, base);
    for (auto [i, v] : values) {
        out[i] = v;
    }
    return out;
}

} // namespace

class TestDequantK : public QObject {
    Q_OBJECT

private slots:
    // Q2_K, 84 bytes: scales[16] @0, qs[64] @16, f16 d @80, f16 dmin @82. Sub-block i (16
    // elements) has scale = low nibble, min = high nibble of scales[i]. Element e = 128h + 32g
    // + t has its 2-bit code at bits 2g of qs[32h + t]. y = d * scale * q - dmin * min.
    void q2_k() {
        Row row(2, 84);
        int sc[2][16], mn[2][16];
        for (int i = 0; i < 16; ++i) {
            sc[0][i] = (i + 1) & 15;
            mn[0][i] = (7 * i + 3) & 15;
            sc[1][i] = 15 - i;
            mn[1][i] = i;
            for (int b = 0; b < 2; ++b) {
                row.u8(84 * b + i, sc[b][i] | (mn[b][i] << 4));
            }
        }
        auto code = [](int b, int e) { return b == 0 ? (5 * e + e / 7) & 3 : 3 - e % 4; };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const Coord c = coord(e);
                row.bits(84 * b + 16 + 32 * c.h + c.t, code(b, e) << (2 * c.g));
            }
        }
        row.u16(80, kHalf0_5);
        row.u16(82, kHalf0_25);
        row.u16(84 + 80, kHalfMinus0_5);
        row.u16(84 + 82, kHalfMinus1_5); // a negative dmin turns the minimum into an offset up
        const double d[2] = {0.5, -0.5}, dmin[2] = {0.25, -1.5};
        std::vector<double> want(512);
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                want[256 * b + e] = d[b] * sc[b][e / 16] * code(b, e) - dmin[b] * mn[b][e / 16];
            }
        }
        COMPARE_FLOATS(decode(GgmlType::Q2_K, row, 512), want);
    }

    // d = 1, dmin = 0.5, every sub-block scale 1 / min 0 except sub-block 10 (elements
    // 160..175): scales[10] = 0x2F, scale 15, min 2. qs[37] = 0xE4 = 11 10 01 00b holds the
    // codes of elements 133, 165, 197, 229 (h = 1, t = 5, groups 0..3): 0, 1, 2, 3.
    void q2_kProbe() {
        Row row(1, 84);
        for (int i = 0; i < 16; ++i) {
            row.u8(i, 0x01);
        }
        row.u8(10, 0x2F);
        row.u8(16 + 37, 0xE4);
        row.u16(80, 0x3C00);
        row.u16(82, kHalf0_5);
        std::vector<double> want = zeros_except({{197, 2.0}, {229, 3.0}});
        for (int e = 160; e < 176; ++e) {
            want[e] = -1.0; // 15 * 0 - 0.5 * 2
        }
        want[165] = 14.0; // 15 * 1 - 0.5 * 2
        COMPARE_FLOATS(decode(GgmlType::Q2_K, row, 256), want);
    }

    // Q3_K, 110 bytes: hmask[32] @0, qs[64] @32, scales[12] @96, f16 d @108. Code q in -4..3:
    // low 2 bits at bits 2g of qs[32h + t] (as Q2_K), and bit e / 32 of hmask[e % 32] clear
    // means "subtract 4". Sub-block scale i is a 6-bit field S with scale = S - 32.
    void q3_k() {
        Row row(2, 110);
        // Block 0: S = 0 1 2 15 16 31 32 33 47 48 62 63 5 40 20 60. Bytes 0..7 hold the low
        // nibbles of S[0..7] (low) and S[8..15] (high): byte 0 = 0 | 15 << 4 = F0, byte 1 =
        // 1 | 0 << 4 = 01, ...; byte 8 + k holds the top 2 bits of S[k], S[k+4], S[k+8],
        // S[k+12] at bits 0, 2, 4, 6: byte 8 = 0 | 1 << 2 | 2 << 4 | 0 << 6 = 24, ...
        const int S[16] = {0, 1, 2, 15, 16, 31, 32, 33, 47, 48, 62, 63, 5, 40, 20, 60};
        const unsigned scales0[12] = {0xF0, 0x01, 0xE2, 0xFF, 0x50, 0x8F,
                                      0x40, 0xC1, 0x24, 0xB4, 0x78, 0xF8};
        for (int k = 0; k < 12; ++k) {
            row.u8(96 + k, scales0[k]);
            // Block 1: every S = 33 (scale +1): low nibbles 1 → 0x11, top bits 2 → 0xAA.
            row.u8(110 + 96 + k, k < 8 ? 0x11 : 0xAA);
        }
        auto code = [](int b, int e) {
            return b == 0 ? (3 * e + e / 5) % 8 - 4 : -1 - coord(e).g; // block 1: -1 .. -4
        };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const unsigned u = unsigned(code(b, e) + 4); // 0..7
                const Coord c = coord(e);
                row.bits(110 * b + 32 + 32 * c.h + c.t, (u & 3) << (2 * c.g));
                row.bits(110 * b + e % 32, (u >> 2) << (e / 32));
            }
        }
        row.u16(108, kHalf0_5);
        row.u16(110 + 108, kHalfMinus2);
        std::vector<double> want(512);
        for (int e = 0; e < 256; ++e) {
            want[e] = 0.5 * (S[e / 16] - 32) * code(0, e);
            want[256 + e] = -2.0 * 1 * code(1, e);
        }
        COMPARE_FLOATS(decode(GgmlType::Q3_K, row, 512), want);
    }

    // d = 1, every scale +1 except sub-block 14 (elements 224..239): S = 63, scale 31 (low
    // nibble 15 into the high nibble of byte 6 → F1; top bits 3 at bits 6-7 of byte 10 → EA).
    // hmask all set (no -4) except bit 5 of hmask[5]: element 5 * 32 + 5 = 165. qs[37] = 0xE4
    // gives elements 133, 165, 197, 229 the low bits 0, 1, 2, 3.
    void q3_kProbe() {
        Row row(1, 110);
        for (int t = 0; t < 32; ++t) {
            row.u8(t, 0xFF);
        }
        row.u8(5, 0xDF);
        row.u8(32 + 37, 0xE4);
        for (int k = 0; k < 12; ++k) {
            row.u8(96 + k, k < 8 ? 0x11 : 0xAA);
        }
        row.u8(96 + 6, 0xF1);
        row.u8(96 + 10, 0xEA);
        row.u16(108, 0x3C00);
        COMPARE_FLOATS(decode(GgmlType::Q3_K, row, 256),
                       zeros_except({{165, 1 - 4}, {197, 2}, {229, 31 * 3}}));
    }

    // Q4_K, 144 bytes: f16 d @0, f16 dmin @2, scales[12] @4, qs[128] @16. Sub-block j (32
    // elements) has a 6-bit scale and min: for j < 4 in the low 6 bits of bytes j and j + 4; for
    // j >= 4 the low nibbles in byte j + 4 (scale low, min high) and the top 2 bits in bits 6-7
    // of bytes j - 4 (scale) and j (min). Chunk c (64 elements) uses qs[32c .. 32c + 31]: low
    // nibbles are sub-block 2c, high nibbles 2c + 1. y = d * scale * q - dmin * min.
    void q4_k() {
        Row row(2, 144);
        // Block 0: scales 1 63 17 32 | 48 5 63 33, mins 0 7 63 16 | 47 1 62 20. Byte 0 = 1 |
        // (48 >> 4) << 6 = C1, byte 4 = 0 | (47 >> 4) << 6 = 80, byte 8 = (48 & 15) | (47 & 15)
        // << 4 = F0, and so on.
        const int sc0[8] = {1, 63, 17, 32, 48, 5, 63, 33}, mn0[8] = {0, 7, 63, 16, 47, 1, 62, 20};
        const unsigned scales0[12] = {0xC1, 0x3F, 0xD1, 0xA0, 0x80, 0x07,
                                      0xFF, 0x50, 0xF0, 0x15, 0xEF, 0x41};
        for (int k = 0; k < 12; ++k) {
            row.u8(4 + k, scales0[k]);
            // Block 1: every scale 2 and min 3: bytes 0-3 = 2, 4-7 = 3, 8-11 = 2 | 3 << 4.
            row.u8(144 + 4 + k, k < 4 ? 0x02 : k < 8 ? 0x03 : 0x32);
        }
        auto code = [](int b, int e) { return b == 0 ? (7 * e + e / 16) & 15 : 15 - e % 16; };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const int chunk = e / 64, high = (e % 64) / 32, l = e % 32;
                row.bits(144 * b + 16 + 32 * chunk + l, unsigned(code(b, e)) << (4 * high));
            }
        }
        row.u16(0, kHalf0_25);
        row.u16(2, kHalf0_5);
        row.u16(144, kHalfMinus1_5);
        row.u16(144 + 2, kHalfMinus0_25);
        std::vector<double> want(512);
        for (int e = 0; e < 256; ++e) {
            want[e] = 0.25 * sc0[e / 32] * code(0, e) - 0.5 * mn0[e / 32];
            want[256 + e] = -1.5 * 2 * code(1, e) + 0.25 * 3;
        }
        COMPARE_FLOATS(decode(GgmlType::Q4_K, row, 512), want);
    }

    // d = dmin = 1; every sub-block scale 1, min 0, except sub-block 5 (elements 160..191):
    // scale 17, min 34 → byte 1 = 1 | (17 >> 4) << 6 = 41, byte 5 = 0 | (34 >> 4) << 6 = 80,
    // byte 9 = (17 & 15) | (34 & 15) << 4 = 21. qs[32 * 2 + 7] = 0x5A: low nibble 10 is element
    // 7 of sub-block 4 (135), high nibble 5 element 7 of sub-block 5 (167).
    void q4_kProbe() {
        Row row(1, 144);
        const unsigned scales[12] = {0x01, 0x41, 0x01, 0x01, 0x00, 0x80,
                                     0x00, 0x00, 0x01, 0x21, 0x01, 0x01};
        for (int k = 0; k < 12; ++k) {
            row.u8(4 + k, scales[k]);
        }
        row.u8(16 + 64 + 7, 0x5A);
        row.u16(0, 0x3C00);
        row.u16(2, 0x3C00);
        std::vector<double> want = zeros_except({{135, 10.0}});
        for (int e = 160; e < 192; ++e) {
            want[e] = -34.0;
        }
        want[167] = 17 * 5 - 34;
        COMPARE_FLOATS(decode(GgmlType::Q4_K, row, 256), want);

        // Q5_K with the same scales: its qs start at 48, after qh[32] @16; bit s of qh[l] adds
        // 16 to element l of sub-block s. qh[7] bit 5 → element 167, qh[9] bit 0 → element 9.
        Row q5(1, 176);
        for (int k = 0; k < 12; ++k) {
            q5.u8(4 + k, scales[k]);
        }
        q5.u8(48 + 64 + 7, 0x5A);
        q5.u8(16 + 7, 0x20);
        q5.u8(16 + 9, 0x01);
        q5.u16(0, 0x3C00);
        q5.u16(2, 0x3C00);
        want[167] = 17 * (5 + 16) - 34;
        want[9] = 16.0;
        COMPARE_FLOATS(decode(GgmlType::Q5_K, q5, 256), want);
    }

    // Q5_K, 176 bytes: f16 d @0, f16 dmin @2, scales[12] @4 (as Q4_K), qh[32] @16, qs[128] @48.
    // 5-bit codes: low 4 bits as Q4_K, bit 4 of element l of sub-block s at bit s of qh[l].
    void q5_k() {
        Row row(2, 176);
        // Block 0: scales 40 2 9 60 | 16 31 0 50, mins 12 33 5 0 | 63 18 9 44: byte 0 = 40 |
        // (16 >> 4) << 6 = 68, byte 4 = 12 | (63 >> 4) << 6 = CC, byte 8 = 0 | 15 << 4 = F0, ...
        const int sc0[8] = {40, 2, 9, 60, 16, 31, 0, 50}, mn0[8] = {12, 33, 5, 0, 63, 18, 9, 44};
        const unsigned scales0[12] = {0x68, 0x42, 0x09, 0xFC, 0xCC, 0x61,
                                      0x05, 0x80, 0xF0, 0x2F, 0x90, 0xC2};
        for (int k = 0; k < 12; ++k) {
            row.u8(4 + k, scales0[k]);
            row.u8(176 + 4 + k, k < 4 ? 0x02 : k < 8 ? 0x03 : 0x32); // scale 2, min 3
        }
        auto code = [](int b, int e) { return b == 0 ? (11 * e + e / 32) & 31 : 31 - e % 32; };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const unsigned q = unsigned(code(b, e));
                const int chunk = e / 64, high = (e % 64) / 32, l = e % 32;
                row.bits(176 * b + 48 + 32 * chunk + l, (q & 15) << (4 * high));
                row.bits(176 * b + 16 + l, (q >> 4) << (e / 32));
            }
        }
        row.u16(0, kHalf0_125);
        row.u16(2, kHalf1_5);
        row.u16(176, kHalfMinus0_5);
        row.u16(176 + 2, kHalf0_25);
        std::vector<double> want(512);
        for (int e = 0; e < 256; ++e) {
            want[e] = 0.125 * sc0[e / 32] * code(0, e) - 1.5 * mn0[e / 32];
            want[256 + e] = -0.5 * 2 * code(1, e) - 0.25 * 3;
        }
        COMPARE_FLOATS(decode(GgmlType::Q5_K, row, 512), want);
    }

    // Q6_K, 210 bytes: ql[128] @0, qh[64] @128, i8 scales[16] @192, f16 d @208. Code q =
    // u - 32, u 6 bits. Element e = 128h + 32g + l: low 4 bits of u in ql[64h + l] (g = 0 low
    // nibble, g = 2 high nibble) or ql[64h + 32 + l] (g = 1 low, g = 3 high); top 2 bits at bits
    // 2g of qh[32h + l]. So ql[l], ql[l + 32] and qh[l] feed positions l, l+32, l+64, l+96.
    // Scale of element e: scales[e / 16]. y = d * scale * q.
    void q6_k() {
        Row row(2, 210);
        const int sc0[16] = {-128, 127, 1, -1, 64, -64, 3, 5, 7, -9, 11, 13, -15, 17, 19, -21};
        for (int i = 0; i < 16; ++i) {
            row.u8(192 + i, unsigned(sc0[i]) & 0xFF);
            row.u8(210 + 192 + i, 2);
        }
        auto code = [](int b, int e) {
            return b == 0 ? (13 * e + e / 9) % 64 - 32 : (e % 2 ? 31 : -32);
        };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const unsigned u = unsigned(code(b, e) + 32);
                const Coord c = coord(e);
                row.bits(210 * b + 64 * c.h + 32 * (c.g % 2) + c.t, (u & 15) << (4 * (c.g / 2)));
                row.bits(210 * b + 128 + 32 * c.h + c.t, (u >> 4) << (2 * c.g));
            }
        }
        row.u16(208, kHalf0_25);
        row.u16(210 + 208, kHalfMinus0_5);
        std::vector<double> want(512);
        for (int e = 0; e < 256; ++e) {
            want[e] = 0.25 * sc0[e / 16] * code(0, e);
            want[256 + e] = -0.5 * 2 * code(1, e);
        }
        COMPARE_FLOATS(decode(GgmlType::Q6_K, row, 512), want);
    }

    // d = 1, scales 1 except scales[10] = -3 (elements 160..175). Every u = 32 (code 0: ql 0,
    // qh 0xAA) except the four positions fed by ql[69], ql[101], qh[37] (half 1, l = 5):
    // ql[69] = 0x3C: element 133 low 12, element 197 low 3; ql[101] = 0x70: element 165 low 0,
    // element 229 low 7; qh[37] = 0xD2 = 11 01 00 10b: top bits 2 (133), 0 (165), 1 (197), 3 (229).
    void q6_kProbe() {
        Row row(1, 210);
        for (int l = 0; l < 64; ++l) {
            row.u8(128 + l, 0xAA);
        }
        for (int i = 0; i < 16; ++i) {
            row.u8(192 + i, 1);
        }
        row.u8(192 + 10, 0xFD); // -3
        row.u8(69, 0x3C);
        row.u8(101, 0x70);
        row.u8(128 + 37, 0xD2);
        row.u16(208, 0x3C00);
        COMPARE_FLOATS(decode(GgmlType::Q6_K, row, 256), zeros_except({{133, (12 + 32) - 32},
                                                                       {165, -3.0 * ((0 + 0) - 32)},
                                                                       {197, (3 + 16) - 32},
                                                                       {229, (7 + 48) - 32}}));
    }

    // IQ4_XS, 136 bytes: f16 d @0, u16 scales_h @2, scales_l[4] @4, qs[128] @8. Sub-block ib
    // (32 elements) has a 6-bit field ls = (nibble ib % 2 of scales_l[ib / 2]) | (bits 2ib..2ib+1
    // of scales_h) << 4, scale ls - 32; its codes are packed like IQ4_NL in qs[16 ib ..].
    // y = d * (ls - 32) * kLevels[code].
    void iq4_xs() {
        Row row(2, 136);
        // Block 0: ls = 0 63 32 31 33 17 48 1. scales_l = (0 | 15 << 4), (0 | 15 << 4),
        // (1 | 1 << 4), (0 | 1 << 4); scales_h = top bits 0 3 2 1 2 1 3 0 at bits 0, 2, .. 14
        // = 00 11 01 10 01 10 11 00b read from ib 7 down to 0 = 0x366C.
        const int ls0[8] = {0, 63, 32, 31, 33, 17, 48, 1};
        row.u16(2, 0x366C);
        const unsigned scales_l0[4] = {0xF0, 0xF0, 0x11, 0x10};
        for (int k = 0; k < 4; ++k) {
            row.u8(4 + k, scales_l0[k]);
            row.u8(136 + 4 + k, 0x22); // block 1: every ls = 34 (scale 2): nibbles 2, top bits 2
        }
        row.u16(136 + 2, 0xAAAA);
        auto code = [](int b, int e) { return b == 0 ? (5 * e + e / 32) & 15 : 15 - e % 16; };
        for (int b = 0; b < 2; ++b) {
            for (int e = 0; e < 256; ++e) {
                const int ib = e / 32, j = e % 32;
                row.bits(136 * b + 8 + 16 * ib + j % 16, unsigned(code(b, e)) << (j < 16 ? 0 : 4));
            }
        }
        row.u16(0, kHalf0_5);
        row.u16(136, kHalfMinus0_25);
        std::vector<double> want(512);
        for (int e = 0; e < 256; ++e) {
            want[e] = 0.5 * (ls0[e / 32] - 32) * kLevels[code(0, e)];
            want[256 + e] = -0.25 * 2 * kLevels[code(1, e)];
        }
        COMPARE_FLOATS(decode(GgmlType::IQ4_XS, row, 512), want);
    }

    // d = 1, every ls = 33 (scale 1) except sub-block 5: ls = 50 (scale 18): low nibble 2 in the
    // high half of scales_l[2] (0x21), top bits 3 at bits 10-11 of scales_h (0xAAAA → 0xAEAA).
    // Every code 8 (level 1) except qs[16 * 5 + 3] = 0xF0: element 163 code 0, element 179
    // code 15.
    void iq4_xsProbe() {
        Row row(1, 136);
        row.u16(2, 0xAEAA);
        for (int k = 0; k < 4; ++k) {
            row.u8(4 + k, k == 2 ? 0x21 : 0x11);
        }
        for (int j = 0; j < 128; ++j) {
            row.u8(8 + j, 0x88);
        }
        row.u8(8 + 80 + 3, 0xF0);
        row.u16(0, 0x3C00);
        std::vector<double> want(256, 1.0);
        for (int e = 160; e < 192; ++e) {
            want[e] = 18.0;
        }
        want[163] = 18.0 * -127;
        want[179] = 18.0 * 113;
        COMPARE_FLOATS(decode(GgmlType::IQ4_XS, row, 256), want);
    }
};

QTEST_GUILESS_MAIN(TestDequantK)
#include "tst_dequant_k.moc"
