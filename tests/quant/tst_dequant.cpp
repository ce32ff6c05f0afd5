// Known bytes → known floats for the element types and the 32-element block types. Each case
// writes a row of two blocks byte by byte from chosen fields (scale, minimum, one code per
// element) and expects the values the format definition gives for those fields, so a decoder
// that reads a field from the wrong place, in the wrong order or with the wrong offset fails.
// The second block of each row checks the block stride and negative scales.
#include "known_bytes.h"

#include <QTest>

using namespace hearth;
using namespace known;

namespace {

// The IQ4_NL/IQ4_XS levels as published with the format (ggml's kvalues_iq4nl).
constexpr int kLevels[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                             1,    13,   25,  38,  53,  69,  89,  113};

// The 4-bit code of element i (0..31) of a block whose qs[j] are `qs(j)`: elements 0..15 are
// the low nibbles of qs[0..15], elements 16..31 the high nibbles — not adjacent pairs.
template <typename Qs> int nibble_of(Qs qs, int i) {
    return i < 16 ? qs(i) & 0x0F : qs(i - 16) >> 4;
}

} // namespace

class TestDequant : public QObject {
    Q_OBJECT

private slots:
    void elementTypes() {
        Row f32(3, 4); // 1.5f = 0x3FC00000, -0.0f = 0x80000000, 2^-149 = 0x00000001
        f32.u16(0, 0x0000);
        f32.u16(2, 0x3FC0);
        f32.u16(6, 0x8000);
        f32.u8(8, 0x01);
        COMPARE_FLOATS(decode(GgmlType::F32, f32, 3), (std::vector<double>{1.5, -0.0, 0x1p-149}));
        QVERIFY(std::signbit(decode(GgmlType::F32, f32, 3)[1]));

        Row f16(4, 2);
        f16.u16(0, 0x3C00); // 1
        f16.u16(2, 0xC500); // -(1 + 256/1024) * 2^2 = -5
        f16.u16(4, 0x0003); // subnormal 3 * 2^-24
        f16.u16(6, 0x7BFF); // 65504
        COMPARE_FLOATS(decode(GgmlType::F16, f16, 4),
                       (std::vector<double>{1.0, -5.0, 3 * 0x1p-24, 65504.0}));

        Row bf16(3, 2);
        bf16.u16(0, 0x3F80); // 1
        bf16.u16(2, 0xC040); // -3
        bf16.u16(4, 0x4049); // (1 + 73/128) * 2 = 3.140625
        COMPARE_FLOATS(decode(GgmlType::BF16, bf16, 3), (std::vector<double>{1.0, -3.0, 3.140625}));
    }

    // Q4_0, 18 bytes: f16 d @0, qs[16] @2; y = d * (q - 8).
    void q4_0() {
        Row row(2, 18);
        // Block 0: d = 0.5; qs[j] = j | (15 - j) << 4: elements 0..15 have codes 0..15,
        // elements 16..31 codes 15..0.
        row.u16(0, kHalf0_5);
        auto qs0 = [](int j) { return j | ((15 - j) << 4); };
        for (int j = 0; j < 16; ++j) {
            row.u8(2 + j, qs0(j));
        }
        // Block 1: d = -1.5; every qs byte 0x80 (codes 0 low, 8 high) except qs[1] = 0xA3.
        row.u16(18, kHalfMinus1_5);
        auto qs1 = [](int j) { return j == 1 ? 0xA3 : 0x80; };
        for (int j = 0; j < 16; ++j) {
            row.u8(20 + j, qs1(j));
        }
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            want[i] = 0.5 * (nibble_of(qs0, i) - 8);
            want[32 + i] = -1.5 * (nibble_of(qs1, i) - 8);
        }
        const std::vector<float> got = decode(GgmlType::Q4_0, row, 64);
        COMPARE_FLOATS(got, want);
        // Spelled out: element 0 = (0 - 8) * 0.5, element 16 = (15 - 8) * 0.5; in block 1,
        // element 1 is qs[1]'s low nibble 3: (3 - 8) * -1.5 = 7.5, element 17 its high nibble
        // 0xA: (10 - 8) * -1.5 = -3, element 0 is (0 - 8) * -1.5 = 12.
        QCOMPARE(got[0], -4.0f);
        QCOMPARE(got[16], 3.5f);
        QCOMPARE(got[32 + 1], 7.5f);
        QCOMPARE(got[32 + 17], -3.0f);
        QCOMPARE(got[32 + 0], 12.0f);
    }

    // Q4_1, 20 bytes: f16 d @0, f16 m @2, qs[16] @4; y = d * q + m.
    void q4_1() {
        Row row(2, 20);
        row.u16(0, kHalf0_25);
        row.u16(2, kHalfMinus1_5);
        auto qs0 = [](int j) { return ((3 * j) & 15) | (((j + 5) & 15) << 4); };
        row.u16(20, kHalf2);
        row.u16(22, kHalf0_375);
        auto qs1 = [](int j) { return j == 15 ? 0xF0 : 0x0F; };
        for (int j = 0; j < 16; ++j) {
            row.u8(4 + j, qs0(j));
            row.u8(24 + j, qs1(j));
        }
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            want[i] = 0.25 * nibble_of(qs0, i) - 1.5;
            want[32 + i] = 2.0 * nibble_of(qs1, i) + 0.375;
        }
        const std::vector<float> got = decode(GgmlType::Q4_1, row, 64);
        COMPARE_FLOATS(got, want);
        // Element 1: code 3 → 3 * 0.25 - 1.5; element 17: code 6 → 6 * 0.25 - 1.5.
        // Block 1: element 15 (low nibble of 0xF0) → 0 * 2 + 0.375, element 31 → 15 * 2 + 0.375.
        QCOMPARE(got[1], -0.75f);
        QCOMPARE(got[17], 0.0f);
        QCOMPARE(got[32 + 15], 0.375f);
        QCOMPARE(got[32 + 31], 30.375f);
        QCOMPARE(got[32 + 0], 30.375f);
    }

    // Q5_0, 22 bytes: f16 d @0, qh[4] @2, qs[16] @6; qh as a little-endian u32 holds bit 4 of
    // element i at bit i; y = d * (q - 16).
    void q5_0() {
        Row row(2, 22);
        // Block 0: d = 0.5; fifth bits set for elements 1, 16 and 31: qh = 0x80010002, bytes
        // 02 00 01 80.
        row.u16(0, kHalf0_5);
        row.u8(2, 0x02);
        row.u8(4, 0x01);
        row.u8(5, 0x80);
        auto high0 = [](int i) { return i == 1 || i == 16 || i == 31 ? 16 : 0; };
        auto qs0 = [](int j) { return j | (((5 * j + 3) & 15) << 4); };
        // Block 1: d = -0.25; every fifth bit set except element 0's (qh bytes FE FF FF FF);
        // every nibble 15.
        row.u16(22, kHalfMinus0_25);
        row.u8(24, 0xFE);
        row.u8(25, 0xFF);
        row.u8(26, 0xFF);
        row.u8(27, 0xFF);
        auto high1 = [](int i) { return i == 0 ? 0 : 16; };
        for (int j = 0; j < 16; ++j) {
            row.u8(6 + j, qs0(j));
            row.u8(28 + j, 0xFF);
        }
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            want[i] = 0.5 * (nibble_of(qs0, i) + high0(i) - 16);
            want[32 + i] = -0.25 * (15 + high1(i) - 16);
        }
        const std::vector<float> got = decode(GgmlType::Q5_0, row, 64);
        COMPARE_FLOATS(got, want);
        // Element 1: low nibble 1 + 16 → (17 - 16) * 0.5; element 2: (2 - 16) * 0.5; element
        // 16: high nibble of qs[0] = 3, + 16 → 1.5; element 17: 8 without fifth bit → -4;
        // element 31: 14 + 16 → 7. Block 1: element 0: (15 - 16) * -0.25; others (31 - 16) * -0.25.
        QCOMPARE(got[1], 0.5f);
        QCOMPARE(got[2], -7.0f);
        QCOMPARE(got[16], 1.5f);
        QCOMPARE(got[17], -4.0f);
        QCOMPARE(got[31], 7.0f);
        QCOMPARE(got[32 + 0], 0.25f);
        QCOMPARE(got[32 + 1], -3.75f);
    }

    // Q5_1, 24 bytes: f16 d @0, f16 m @2, qh[4] @4, qs[16] @8; y = d * q + m.
    void q5_1() {
        Row row(2, 24);
        // Block 0: d = 0.125, m = 2; qh bytes 0F F0 00 A5: fifth bits of elements 0-3, 12-15,
        // 24, 26, 29, 31.
        row.u16(0, kHalf0_125);
        row.u16(2, kHalf2);
        row.u8(4, 0x0F);
        row.u8(5, 0xF0);
        row.u8(7, 0xA5);
        auto high0 = [](int i) {
            return i < 4 || (i >= 12 && i < 16) || i == 24 || i == 26 || i == 29 || i == 31 ? 16
                                                                                            : 0;
        };
        auto qs0 = [](int j) { return ((15 - j) & 15) | ((j ^ 6) << 4); };
        // Block 1: d = -2, m = -0.5, no fifth bits.
        row.u16(24, kHalfMinus2);
        row.u16(26, kHalfMinus0_5);
        auto qs1 = [](int j) { return j | (j << 4); };
        for (int j = 0; j < 16; ++j) {
            row.u8(8 + j, qs0(j));
            row.u8(32 + j, qs1(j));
        }
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            want[i] = 0.125 * (nibble_of(qs0, i) + high0(i)) + 2.0;
            want[32 + i] = -2.0 * nibble_of(qs1, i) - 0.5;
        }
        const std::vector<float> got = decode(GgmlType::Q5_1, row, 64);
        COMPARE_FLOATS(got, want);
        // Element 0: 15 + 16 = 31 → 31/8 + 2; element 4: 11 → 11/8 + 2; element 31: high nibble
        // of qs[15] = 15 ^ 6 = 9, + 16 → 25/8 + 2. Block 1: element 19 = 3 → -6.5.
        QCOMPARE(got[0], 5.875f);
        QCOMPARE(got[4], 3.375f);
        QCOMPARE(got[31], 5.125f);
        QCOMPARE(got[32 + 19], -6.5f);
    }

    // Q8_0, 34 bytes: f16 d @0, i8 qs[32] @2; y = d * q.
    void q8_0() {
        Row row(2, 34);
        row.u16(0, kHalf0_25);
        row.u16(34, kHalfMinus0_5);
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            const int q0 = 8 * i - 128;         // -128 .. 120
            const int q1 = 127 - 8 * i;         // 127 .. -121
            row.u8(2 + i, unsigned(q0) & 0xFF); // two's complement
            row.u8(36 + i, unsigned(q1) & 0xFF);
            want[i] = 0.25 * q0;
            want[32 + i] = -0.5 * q1;
        }
        const std::vector<float> got = decode(GgmlType::Q8_0, row, 64);
        COMPARE_FLOATS(got, want);
        QCOMPARE(got[0], -32.0f);      // byte 0x80 = -128
        QCOMPARE(got[16], 0.0f);       // byte 0x00
        QCOMPARE(got[31], 30.0f);      // byte 0x78 = 120
        QCOMPARE(got[32 + 0], -63.5f); // byte 0x7F = 127, d = -0.5
        QCOMPARE(got[32 + 31], 60.5f); // byte 0x87 = -121
    }

    // IQ4_NL, 18 bytes: f16 d @0, qs[16] @2; y = d * kLevels[q].
    void iq4_nl() {
        Row row(2, 18);
        row.u16(0, kHalf0_5);
        auto qs0 = [](int j) { return j | ((15 - j) << 4); }; // every level, both nibble halves
        row.u16(18, kHalfMinus2);
        auto qs1 = [](int j) { return j == 7 ? 0x8F : 0x70; };
        for (int j = 0; j < 16; ++j) {
            row.u8(2 + j, qs0(j));
            row.u8(20 + j, qs1(j));
        }
        std::vector<double> want(64);
        for (int i = 0; i < 32; ++i) {
            want[i] = 0.5 * kLevels[nibble_of(qs0, i)];
            want[32 + i] = -2.0 * kLevels[nibble_of(qs1, i)];
        }
        const std::vector<float> got = decode(GgmlType::IQ4_NL, row, 64);
        COMPARE_FLOATS(got, want);
        QCOMPARE(got[0], -63.5f);       // level 0 = -127
        QCOMPARE(got[7], -5.0f);        // level 7 = -10
        QCOMPARE(got[8], 0.5f);         // level 8 = 1
        QCOMPARE(got[16], 56.5f);       // high nibble of qs[0] = 15: level 113
        QCOMPARE(got[32 + 7], -226.0f); // low nibble 15, d = -2
        QCOMPARE(got[32 + 23], -2.0f);  // high nibble 8: level 1
        QCOMPARE(got[32 + 16], 20.0f);  // high nibble 7: level -10
    }

    // MXFP4, 17 bytes: u8 e @0, qs[16] @1 (nibbles split as in Q4_0). The OCP Microscaling
    // format: each code is an E2M1 number, bit 3 the sign, then a 2-bit exponent (bias 1) and
    // one mantissa bit, exponent 0 subnormal: codes 0..7 are 0, 0.5, 1, 1.5, 2, 3, 4, 6. The
    // block's E8M0 byte e is the scale 2^(e - 127); y = E2M1(q) * 2^(e - 127). No value of e is
    // special (255 is a power of two here, not NaN). Blocks of 17 bytes start at odd offsets.
    void mxfp4() {
        constexpr double kE2m1[8] = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
        const auto value = [&](int code, int e) {
            const double v = std::ldexp(kE2m1[code & 7], e - 127);
            return code & 8 ? -v : v;
        };
        // Block 0: e = 124 (scale 1/8), every code in both halves. Block 1 (byte 17): e = 128
        // (scale 2), qs[0] = 0x9F, the rest 0x5C. Blocks 2 and 3: e = 0 and 1 (scales 2^-127
        // and 2^-126: subnormal and smallest normal float), every code. Block 4: e = 255
        // (2^128) with codes 1 and 9 only: +-2^127, the largest powers of two a float has.
        const int exps[5] = {124, 128, 0, 1, 255};
        const auto qs = [](int block, int j) {
            switch (block) {
            case 1:
                return j == 0 ? 0x9F : 0x5C;
            case 4:
                return 0x91;
            default:
                return j | ((15 - j) << 4);
            }
        };
        Row row(5, 17);
        std::vector<double> want(5 * 32);
        for (int blk = 0; blk < 5; ++blk) {
            row.u8(17 * blk, unsigned(exps[blk]));
            for (int j = 0; j < 16; ++j) {
                row.u8(17 * blk + 1 + j, unsigned(qs(blk, j)));
            }
            for (int i = 0; i < 32; ++i) {
                want[32 * blk + i] =
                    value(nibble_of([&](int j) { return qs(blk, j); }, i), exps[blk]);
            }
        }
        const std::vector<float> got = decode(GgmlType::MXFP4, row, 5 * 32);
        COMPARE_FLOATS(got, want);
        // Spelled out: block 0 element 7 = code 7 (6) / 8; element 16 = high nibble 15 of qs[0]
        // (-6) / 8; element 8 = code 8, a negative zero. Block 1: element 0 = low nibble 0xF
        // (-6) * 2 = -12, element 16 = high nibble 9 (-0.5) * 2 = -1, element 1 = code 0xC (-2)
        // * 2, element 17 = code 5 (3) * 2. Block 2: code 1 (0.5) * 2^-127 = 2^-128 and code 7
        // 6 * 2^-127 = 3 * 2^-126. Block 4: code 1 is 2^127, code 9 -2^127.
        QCOMPARE(got[7], 0.75f);
        QCOMPARE(got[16], -0.75f);
        QVERIFY(got[8] == 0.0f);
        QCOMPARE(got[32 + 0], -12.0f);
        QCOMPARE(got[32 + 16], -1.0f);
        QCOMPARE(got[32 + 1], -4.0f);
        QCOMPARE(got[32 + 17], 6.0f);
        QCOMPARE(got[64 + 1], 0x1p-128f);
        QCOMPARE(got[64 + 7], 0x3p-126f);
        QCOMPARE(got[128 + 0], 0x1p127f);
        QCOMPARE(got[128 + 16], -0x1p127f);
    }
};

QTEST_GUILESS_MAIN(TestDequant)
#include "tst_dequant.moc"
