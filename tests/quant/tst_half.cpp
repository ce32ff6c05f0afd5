// The engine's f16/bf16 conversions (inference/tensor/half.h) against the IEEE definitions
// written out here with ldexp, over every 16-bit pattern, plus the rounding cases of
// float32 → f16 (ties to even, overflow, subnormal results). Also checks the test tools'
// independent encoders (tests/tools/quantize.h), which the quantizers rely on.
#include "quantize.h"
#include "tensor/half.h"

#include <QTest>
#include <bit>
#include <cfloat>
#include <cmath>
#include <random>

using namespace hearth;

namespace {

// binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
//   exponent 31: inf (mantissa 0) or NaN; exponent 0: subnormal m * 2^-24;
//   otherwise (1 + m / 1024) * 2^(exponent - 15).
double f16_definition(uint16_t h) {
    const int exponent = (h >> 10) & 31, m = h & 1023;
    double v;
    if (exponent == 31) {
        v = m != 0 ? NAN : INFINITY;
    } else if (exponent == 0) {
        v = std::ldexp(double(m), -24);
    } else {
        v = std::ldexp(1.0 + m / 1024.0, exponent - 15);
    }
    return (h & 0x8000) ? -v : v;
}

// bfloat16: 1 sign bit, 8 exponent bits (bias 127), 7 mantissa bits (the top of a float32).
double bf16_definition(uint16_t b) {
    const int exponent = (b >> 7) & 255, m = b & 127;
    double v;
    if (exponent == 255) {
        v = m != 0 ? NAN : INFINITY;
    } else if (exponent == 0) {
        v = std::ldexp(double(m), -133); // m * 2^-126 * 2^-7
    } else {
        v = std::ldexp(1.0 + m / 128.0, exponent - 127);
    }
    return (b & 0x8000) ? -v : v;
}

bool is_f16_nan(uint16_t h) {
    return (h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0;
}

// Same value, or both NaN with the same sign; distinguishes -0 from +0.
bool same(double got, double want) {
    if (std::isnan(want)) {
        return std::isnan(got) && std::signbit(got) == std::signbit(want);
    }
    return got == want && std::signbit(got) == std::signbit(want);
}

QString hex(unsigned v) {
    return QStringLiteral("0x%1").arg(v, 4, 16, QLatin1Char('0'));
}

} // namespace

class TestHalf : public QObject {
    Q_OBJECT

private slots:
    void f16ToF32MatchesDefinitionForAllPatterns() {
        int checked = 0;
        for (uint32_t h = 0; h <= 0xFFFF; ++h) {
            const float got = f16_to_f32(uint16_t(h));
            QVERIFY2(same(got, f16_definition(uint16_t(h))),
                     qPrintable(hex(h) + QStringLiteral(" → %1").arg(double(got))));
            ++checked;
        }
        QCOMPARE(checked, 65536);
        // A few values spelled out, so the definition above is itself checked.
        QCOMPARE(f16_to_f32(0x3C00), 1.0f);
        QCOMPARE(f16_to_f32(0xC000), -2.0f);
        QCOMPARE(f16_to_f32(0x3555), 0.333251953125f); // (1 + 341/1024) / 4
        QCOMPARE(f16_to_f32(0x7BFF), 65504.0f);
        QCOMPARE(f16_to_f32(0x0400), 0x1p-14f);        // smallest normal
        QCOMPARE(f16_to_f32(0x03FF), 1023 * 0x1p-24f); // largest subnormal
        QCOMPARE(f16_to_f32(0x0001), 0x1p-24f);        // smallest subnormal
        QVERIFY(std::signbit(f16_to_f32(0x8000)));
        QCOMPARE(f16_to_f32(0xFC00), -INFINITY);
    }

    // Every half survives half → float → half; NaNs stay NaNs of the same sign.
    void f32ToF16RoundTripsAllPatterns() {
        for (uint32_t h = 0; h <= 0xFFFF; ++h) {
            const uint16_t back = f32_to_f16(f16_to_f32(uint16_t(h)));
            if (is_f16_nan(uint16_t(h))) {
                QVERIFY2(is_f16_nan(back) && (back & 0x8000) == (h & 0x8000), qPrintable(hex(h)));
            } else {
                QVERIFY2(back == h, qPrintable(hex(h) + QStringLiteral(" → ") + hex(back)));
            }
        }
    }

    // Halfway between two neighbouring halves (exactly representable in float32: one bit more
    // than f16) the result is the one with an even mantissa; one float32 ulp either side it is
    // the nearer one. Runs over every pair of neighbours, subnormal ones included, both signs.
    void f32ToF16RoundsTiesToEven() {
        for (uint16_t h = 0; h < 0x7BFF; ++h) {
            const uint16_t next = uint16_t(h + 1);
            const float mid = float((f16_definition(h) + f16_definition(next)) / 2);
            QCOMPARE(double(mid), (f16_definition(h) + f16_definition(next)) / 2); // exact
            const uint16_t even = (h & 1) ? next : h;
            QVERIFY2(f32_to_f16(mid) == even, qPrintable(hex(h)));
            QVERIFY2(f32_to_f16(-mid) == (even | 0x8000), qPrintable(hex(h)));
            QVERIFY2(f32_to_f16(std::nextafter(mid, 0.0f)) == h, qPrintable(hex(h)));
            QVERIFY2(f32_to_f16(std::nextafter(mid, INFINITY)) == next, qPrintable(hex(h)));
        }
        // Subnormal results spelled out: 2^-25 is halfway between 0 and 2^-24 (ties to the even
        // 0), 3 * 2^-25 halfway between 1 and 2 quanta (ties to 2), 2^-26 rounds to 0.
        QCOMPARE(f32_to_f16(0x1p-25f), uint16_t(0x0000));
        QCOMPARE(f32_to_f16(0x1.000002p-25f), uint16_t(0x0001));
        QCOMPARE(f32_to_f16(0x1.8p-24f), uint16_t(0x0002));
        QCOMPARE(f32_to_f16(0x1p-26f), uint16_t(0x0000));
        QCOMPARE(f32_to_f16(-0x1p-26f), uint16_t(0x8000));
        QCOMPARE(f32_to_f16(FLT_TRUE_MIN), uint16_t(0x0000));
        QCOMPARE(f32_to_f16(1023.5f * 0x1p-24f), uint16_t(0x0400)); // tie → the smallest normal
        QCOMPARE(f32_to_f16(1.0f + 0x1p-11f), uint16_t(0x3C00));    // tie → even 1.0
        QCOMPARE(f32_to_f16(1.0f + 0x1.8p-10f), uint16_t(0x3C02));  // 1.5 quanta → even 2
    }

    // 65504 is the largest half; from 65520 (halfway to 65536) values round to inf.
    void f32ToF16Overflow() {
        QCOMPARE(f32_to_f16(65504.0f), uint16_t(0x7BFF));
        QCOMPARE(f32_to_f16(std::nextafter(65520.0f, 0.0f)), uint16_t(0x7BFF));
        QCOMPARE(f32_to_f16(65520.0f), uint16_t(0x7C00));
        QCOMPARE(f32_to_f16(-65520.0f), uint16_t(0xFC00));
        QCOMPARE(f32_to_f16(1e10f), uint16_t(0x7C00));
        QCOMPARE(f32_to_f16(FLT_MAX), uint16_t(0x7C00));
        QCOMPARE(f32_to_f16(INFINITY), uint16_t(0x7C00));
        QCOMPARE(f32_to_f16(-INFINITY), uint16_t(0xFC00));
        QVERIFY(is_f16_nan(f32_to_f16(NAN)));
        QVERIFY(is_f16_nan(f32_to_f16(-NAN)));
    }

    // Random float32 bit patterns across and beyond the half range: the engine's bit-level
    // encoder and the test tools' arithmetic encoder (frexp/ldexp, nearbyint) agree.
    void f32ToF16MatchesArithmeticEncoder() {
        std::mt19937 rng(1234);
        // Exponents from 2^-30 (below the subnormals) to 2^17 (beyond 65504), any mantissa.
        std::uniform_int_distribution<uint32_t> bits(0x30800000, 0x48000000);
        for (int i = 0; i < 2000000; ++i) {
            const float f = std::bit_cast<float>(bits(rng) | ((i & 1) ? 0x80000000u : 0));
            const uint16_t want = test::to_f16(f);
            QVERIFY2(f32_to_f16(f) == want, qPrintable(QStringLiteral("%1 → %2, want %3")
                                                           .arg(double(f), 0, 'a')
                                                           .arg(hex(f32_to_f16(f)), hex(want))));
        }
    }

    // The test tools' directed roundings, used to make quantizer scales never too small.
    void toolDirectedRounding() {
        std::mt19937 rng(99);
        std::uniform_int_distribution<uint32_t> bits(0x30800000, 0x477FE000);
        for (int i = 0; i < 200000; ++i) {
            const float f = std::bit_cast<float>(bits(rng) | ((i & 1) ? 0x80000000u : 0));
            const uint16_t up = test::to_f16(f, test::Rounding::Up);
            const uint16_t down = test::to_f16(f, test::Rounding::Down);
            QVERIFY(test::from_f16(down) <= f && f <= test::from_f16(up));
            // The same half when f is one; otherwise neighbours (magnitudes one code apart),
            // with round-to-nearest picking one of the two.
            const int apart = std::abs(int(up & 0x7FFF) - int(down & 0x7FFF));
            QVERIFY(test::from_f16(up) == f ? apart == 0 : apart == 1);
            const uint16_t nearest = test::to_f16(f);
            QVERIFY(nearest == up || nearest == down);
        }
        QCOMPARE(test::to_f16(0.1, test::Rounding::Up), uint16_t(0x2E67));   // 0.10003662...
        QCOMPARE(test::to_f16(0.1, test::Rounding::Down), uint16_t(0x2E66)); // 0.09997558...
        QCOMPARE(test::to_f16(-0.1, test::Rounding::Up), uint16_t(0xAE66));
        QCOMPARE(test::to_f16(1e6, test::Rounding::Down), uint16_t(0x7BFF));
        QCOMPARE(test::to_f16(1e6, test::Rounding::Up), uint16_t(0x7C00));
        QCOMPARE(test::to_f16(1e-9, test::Rounding::Up), uint16_t(0x0001));
    }

    void bf16ToF32MatchesDefinitionForAllPatterns() {
        for (uint32_t b = 0; b <= 0xFFFF; ++b) {
            QVERIFY2(same(bf16_to_f32(uint16_t(b)), bf16_definition(uint16_t(b))),
                     qPrintable(hex(b)));
            QVERIFY2(same(test::from_bf16(uint16_t(b)), bf16_definition(uint16_t(b))),
                     qPrintable(hex(b)));
            // The tools' encoder inverts it for every non-NaN pattern.
            if (!std::isnan(bf16_definition(uint16_t(b)))) {
                QVERIFY2(test::to_bf16(bf16_to_f32(uint16_t(b))) == b, qPrintable(hex(b)));
            }
        }
    }

    void bf16BasicCases() {
        QCOMPARE(bf16_to_f32(0x3F80), 1.0f);
        QCOMPARE(bf16_to_f32(0xC040), -3.0f);
        QCOMPARE(bf16_to_f32(0x4049), 3.140625f); // (1 + 73/128) * 2
        QCOMPARE(bf16_to_f32(0x0001), 0x1p-133f); // smallest subnormal
        QCOMPARE(bf16_to_f32(0x7F80), INFINITY);
        QVERIFY(std::isnan(bf16_to_f32(0x7FC0)));
        QVERIFY(std::signbit(bf16_to_f32(0x8000)));
        // Rounding of the tools' encoder: 1 + 2^-8 is halfway between 1 and 1 + 2^-7 (ties to
        // even 0x3F80), 1 + 3 * 2^-8 halfway between 0x3F81 and 0x3F82 (ties to 0x3F82).
        QCOMPARE(test::to_bf16(1.0f + 0x1p-8f), uint16_t(0x3F80));
        QCOMPARE(test::to_bf16(1.0f + 0x1.8p-7f), uint16_t(0x3F82));
        QCOMPARE(test::to_bf16(1.0f + 0x1.2p-8f), uint16_t(0x3F81));
        QCOMPARE(test::to_bf16(FLT_MAX), uint16_t(0x7F80));
    }
};

QTEST_GUILESS_MAIN(TestHalf)
#include "tst_half.moc"
