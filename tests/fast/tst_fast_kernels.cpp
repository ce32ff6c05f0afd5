// The fast CPU kernels of every instruction-set variant this CPU runs, against the scalar
// references of kernel_reference.h with error bounds derived from the arithmetic:
//  - activation quantization: exactly the reference's codes and scales, in both layouts;
//  - quantized matrix x vector and matrix x matrix kernels of every type: within the float
//    bound of the exact integer result, and within the activations' rounding (half a step
//    per element) of the full-precision product with the reference decoder's weights;
//  - F32, F16 and BF16 kernels: within (cols + 16) u sum|w x| of the double product;
//  - shapes off every tile: 1 to 67 rows, rows of one block to more than a kernel's chunk,
//    1, 2, 3, 4, 7, 17 and 513 tokens, and results added to what is there.
#include "fast/kernels.h"
#include "kernel_reference.h"
#include "quantize.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace hearth;
using namespace hearth::fast;

namespace {

struct Shape {
    size_t rows, cols;
    std::vector<size_t> tokens;
};

std::vector<Shape> shapes(size_t block) {
    const size_t odd = block == 32 ? 96 : 768; // an odd number of 32-blocks: half vectors
    return {{1, block, {1}},
            {5, 3 * block, {2, 7}},
            {3, odd, {1, 4}},
            {67, 4352, {1, 3, 17}}, // longer than a matvec chunk (4096)
            {9, 2 * block, {513}}};
}

std::vector<float> normal_values(size_t n, uint32_t seed, float sigma = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, sigma);
    std::vector<float> v(n);
    for (float& x : v) {
        x = normal(rng);
    }
    return v;
}

// Activations with awkward 32-blocks where there is room: all zero (block 1), one huge value
// among normal ones (2), a ramp (3), values near the smallest normal floats (4).
std::vector<float> activations(size_t tokens, size_t cols, uint32_t seed) {
    std::vector<float> x = normal_values(tokens * cols, seed);
    for (size_t t = 0; t < tokens; ++t) {
        float* row = x.data() + t * cols;
        for (size_t i = 32; i < std::min<size_t>(cols, 160); ++i) {
            const size_t block = i / 32;
            row[i] = block == 1   ? 0.0f
                     : block == 3 ? float(int(i) - 112) * 0.5f
                     : block == 4 ? row[i] * 1e-37f
                                  : row[i];
        }
        if (cols > 72) {
            row[72] = 300.0f;
        }
    }
    return x;
}

GgmlType type_named(const QString& name) {
    for (uint32_t id = 0; id < 40; ++id) {
        if (auto t = type_traits(id);
            t && QString::fromUtf8(t->name.data(), qsizetype(t->name.size())) == name) {
            return t->type;
        }
    }
    return GgmlType::F32;
}

const char* variant_of(const Kernels* k) {
    return k->name.c_str();
}

} // namespace

class TestFastKernels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(!available_variants().empty());
        for (const Kernels* k : available_variants()) {
            qInfo("variant %s: %zu 32-bit lanes", variant_of(k), k->lanes);
        }
    }

    // HEARTH_CPU_VARIANT picks a variant by name; a name this CPU lacks is an error that
    // lists the ones it has.
    void variantsByName() {
        const Kernels* lowest = available_variants().back();
        qputenv("HEARTH_CPU_VARIANT", QByteArray::fromStdString(lowest->name).toLower());
        Result<const Kernels*> chosen = choose_variant();
        QVERIFY(chosen.ok());
        QCOMPARE((*chosen)->name, lowest->name);
        qputenv("HEARTH_CPU_VARIANT", "Z80");
        chosen = choose_variant();
        QVERIFY(!chosen.ok());
        QVERIFY(chosen.error().message.find(lowest->name) != std::string::npos);
        qunsetenv("HEARTH_CPU_VARIANT");
        QCOMPARE(*choose_variant(), available_variants().front());
    }

    void activationQuantization() {
        const size_t cols = 4352, tokens = 37;
        const std::vector<float> x = activations(tokens, cols, 3);
        for (const Kernels* k : available_variants()) {
            QuantActs acts(tokens, cols, k->lanes);
            acts.reshape(tokens, cols);
            k->quantize_rows(x.data(), cols, 0, tokens, acts);
            for (size_t t = 0; t < tokens; ++t) {
                const test::QuantizedRow r = test::quantize_activations(x.data() + t * cols, cols);
                QVERIFY2(std::equal(r.q.begin(), r.q.end(), acts.q(t)), variant_of(k));
                for (size_t b = 0; b < cols / 32; ++b) {
                    long s0 = 0, s1 = 0;
                    for (size_t i = 0; i < 16; ++i) {
                        s0 += r.q[32 * b + i];
                        s1 += r.q[32 * b + 16 + i];
                    }
                    QCOMPARE(acts.d(t)[b], r.d[b]);
                    QCOMPARE(acts.d16(t)[2 * b + 1], r.d[b]);
                    QCOMPARE(acts.ds16(t)[2 * b], r.d[b] * float(s0));
                    QCOMPARE(acts.ds32(t)[b], r.d[b] * float(s0 + s1));
                }
            }
            // The panel: token t of group g in lane t % lanes; lanes past the end are zero.
            k->quantize_panel(x.data(), cols, 0, acts.groups(), acts);
            const size_t L = k->lanes;
            for (size_t t = 0; t < acts.groups() * L; ++t) {
                const int8_t* pq = acts.panel_q(t / L);
                const float* pd = acts.panel_d(t / L);
                const test::QuantizedRow r =
                    t < tokens ? test::quantize_activations(x.data() + t * cols, cols)
                               : test::QuantizedRow{std::vector<int8_t>(cols),
                                                    std::vector<float>(cols / 32)};
                for (size_t i = 0; i < cols; ++i) {
                    QCOMPARE(pq[((i / 4) * L + t % L) * 4 + i % 4], r.q[i]);
                }
                for (size_t b = 0; b < cols / 32; ++b) {
                    QCOMPARE(pd[b * L + t % L], r.d[b]);
                }
            }
        }
    }

    void quantizedMatrices_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "IQ4_NL", "MXFP4", "Q2_K",
                              "Q3_K", "Q4_K", "Q5_K", "Q6_K", "IQ4_XS"}) {
            QTest::newRow(t) << t;
        }
    }

    void quantizedMatrices() {
        QFETCH(QString, type);
        const GgmlType gt = type_named(type);
        const TypeTraits& tt = traits(gt);
        for (const Shape& shape : shapes(tt.block_size)) {
            const std::vector<float> values = normal_values(shape.rows * shape.cols, 11, 0.05f);
            const std::vector<std::byte> bytes = test::quantize(gt, values);
            QVERIFY(!bytes.empty());
            const Matrix w{reinterpret_cast<const uint8_t*>(bytes.data()), gt, shape.rows,
                           shape.cols, row_bytes(gt, shape.cols)};
            std::vector<float> deq(shape.rows * shape.cols);
            dequantize(gt, bytes, deq);
            for (size_t tokens : shape.tokens) {
                const std::vector<float> x = activations(tokens, shape.cols, uint32_t(tokens));
                check_quantized(w, deq, x, tokens);
            }
        }
    }

    void floatMatrices_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"F32", "F16", "BF16"}) {
            QTest::newRow(t) << t;
        }
    }

    void floatMatrices() {
        QFETCH(QString, type);
        const GgmlType gt = type_named(type);
        const std::vector<Shape> float_shapes = {
            {1, 1, {1}}, {5, 37, {2, 7}}, {67, 4352, {1, 3, 17}}, {9, 100, {513}}};
        for (const Shape& shape : float_shapes) {
            const std::vector<float> values = normal_values(shape.rows * shape.cols, 5);
            const std::vector<std::byte> bytes = test::quantize(gt, values);
            const Matrix w{reinterpret_cast<const uint8_t*>(bytes.data()), gt, shape.rows,
                           shape.cols, row_bytes(gt, shape.cols)};
            std::vector<float> deq(shape.rows * shape.cols);
            dequantize(gt, bytes, deq);
            for (size_t tokens : shape.tokens) {
                const std::vector<float> x = normal_values(tokens * shape.cols, uint32_t(tokens));
                for (const Kernels* k : available_variants()) {
                    for (bool gemm : {false, true}) {
                        std::vector<float> y(tokens * shape.rows, 0.5f);
                        const Output out{y.data(), shape.rows, true};
                        if (gemm) {
                            FloatPanel panel(tokens, shape.cols, k->lanes);
                            panel.reshape(tokens, shape.cols);
                            k->float_panel(x.data(), shape.cols, 0, panel.groups(), panel);
                            Aligned<uint8_t> scratch(gemm_scratch_bytes(shape.cols));
                            k->float_gemm[uint32_t(gt)](w, panel, 0, shape.rows, out,
                                                        scratch.get());
                        } else {
                            k->float_matvec[uint32_t(gt)](w, x.data(), shape.cols, tokens, 0,
                                                          shape.rows, out);
                        }
                        for (size_t t = 0; t < tokens; ++t) {
                            for (size_t r = 0; r < shape.rows; ++r) {
                                double exact = 0.5, magnitude = 0.5;
                                for (size_t c = 0; c < shape.cols; ++c) {
                                    const double p =
                                        double(deq[r * shape.cols + c]) * x[t * shape.cols + c];
                                    exact += p;
                                    magnitude += std::fabs(p);
                                }
                                const double bound =
                                    double(shape.cols + 16) * test::kUnit * magnitude;
                                QVERIFY2(
                                    std::fabs(y[t * shape.rows + r] - exact) <= bound,
                                    qPrintable(QString("%1 %2 %3x%4 token %5 row %6: %7 vs %8")
                                                   .arg(variant_of(k), gemm ? "gemm" : "matvec")
                                                   .arg(shape.rows)
                                                   .arg(shape.cols)
                                                   .arg(t)
                                                   .arg(r)
                                                   .arg(y[t * shape.rows + r])
                                                   .arg(exact)));
                            }
                        }
                    }
                }
            }
        }
    }

private:
    // Both kernels of every variant on `tokens` tokens of x, added to 0.5 (accumulate).
    void check_quantized(const Matrix& w, const std::vector<float>& deq,
                         const std::vector<float>& x, size_t tokens) {
        std::vector<test::QuantizedRow> rows;
        for (size_t t = 0; t < tokens; ++t) {
            rows.push_back(test::quantize_activations(x.data() + t * w.cols, w.cols));
        }
        for (const Kernels* k : available_variants()) {
            for (bool gemm : {false, true}) {
                QuantActs acts(tokens, w.cols, k->lanes);
                acts.reshape(tokens, w.cols);
                std::vector<float> y(tokens * w.rows, 0.5f);
                const Output out{y.data(), w.rows, true};
                if (gemm) {
                    k->quantize_panel(x.data(), w.cols, 0, acts.groups(), acts);
                    Aligned<uint8_t> scratch(gemm_scratch_bytes(w.cols));
                    k->quant_gemm[uint32_t(w.type)](w, acts, 0, w.rows, out, scratch.get());
                } else {
                    k->quantize_rows(x.data(), w.cols, 0, tokens, acts);
                    k->quant_matvec[uint32_t(w.type)](w, acts, 0, w.rows, out);
                }
                for (size_t t = 0; t < tokens; ++t) {
                    for (size_t r = 0; r < w.rows; ++r) {
                        const test::Expected e =
                            test::quantized_dot(w.type, w.data + r * w.row_bytes, w.cols, rows[t]);
                        QVERIFY2(e.codes_ok, "the reference scales do not describe the weights");
                        const double got = double(y[t * w.rows + r]) - 0.5;
                        const QString where = QString("%1 %2 %3x%4 token %5 row %6")
                                                  .arg(variant_of(k), gemm ? "gemm" : "matvec")
                                                  .arg(w.rows)
                                                  .arg(w.cols)
                                                  .arg(t)
                                                  .arg(r);
                        // 0.5 is added in float: one more rounding of the sum.
                        const double add = test::kUnit * (std::fabs(got) + 0.5);
                        QVERIFY2(std::fabs(got - e.value) <= e.bound + 2 * add,
                                 qPrintable(where + QString(": %1 vs %2 (bound %3)")
                                                        .arg(got)
                                                        .arg(e.value)
                                                        .arg(e.bound)));
                        // Against the full-precision product: each activation is within half
                        // a step (d / 2) of its code.
                        double full = 0.0, rounding = 0.0;
                        for (size_t c = 0; c < w.cols; ++c) {
                            const double wc = deq[r * w.cols + c];
                            full += wc * x[t * w.cols + c];
                            rounding += std::fabs(wc) * rows[t].d[c / 32] * (0.5 + 1e-4);
                        }
                        QVERIFY2(
                            std::fabs(got - full) <= rounding + e.bound + 2 * add + 1e-30,
                            qPrintable(where + QString(": %1 vs full precision %2 (allowed %3)")
                                                   .arg(got)
                                                   .arg(full)
                                                   .arg(rounding)));
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFastKernels)
#include "tst_fast_kernels.moc"
