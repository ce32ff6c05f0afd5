// MatmulRunner::run_grouped (the fast CPU backend's mixture-of-experts prefill: every expert's
// rows in one pass) against the scalar references of kernel_reference.h, for every variant
// this CPU runs and weight types of both kinds:
//  - experts with no rows, with fewer rows than the matrix x matrix kernels take (1 and 3:
//    matrix x vector), with exactly kGemmTokens, with a partial and several panel groups;
//  - two stacks (gate and up) with their own outputs, rows that end inside a work item;
//  - quantized types: each output within quantized_dot's float bound of the exact integer
//    result of the reference activation codes (the kernels' own bound, tst_fast_kernels);
//  - float types: within (cols + 16) u sum |w x| of the double product.
// A wrong window (another expert's rows or codes, a panel group shifted) or a wrong matrix
// changes outputs by far more than these bounds.
#include "fast/matmul.h"
#include "kernel_reference.h"
#include "quantize.h"
#include "tensor/dequant.h"

#include <QTest>
#include <random>

using namespace hearth;
using namespace hearth::fast;

namespace {

GgmlType type_named(const QString& name) {
    for (uint32_t id = 0; id < 40; ++id) {
        if (auto t = type_traits(id);
            t && QString::fromUtf8(t->name.data(), qsizetype(t->name.size())) == name) {
            return t->type;
        }
    }
    return GgmlType::F32;
}

bool is_float(GgmlType t) {
    return t == GgmlType::F32 || t == GgmlType::F16 || t == GgmlType::BF16;
}

std::vector<float> normal_values(size_t n, uint32_t seed, float sigma) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, sigma);
    std::vector<float> v(n);
    for (float& x : v) {
        x = normal(rng);
    }
    return v;
}

} // namespace

class TestFastGrouped : public QObject {
    Q_OBJECT

private slots:
    void groupedMatchesReference_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"Q4_0", "Q8_0", "MXFP4", "Q4_K", "Q6_K", "F16", "BF16", "F32"}) {
            QTest::newRow(t) << t;
        }
    }

    void groupedMatchesReference() {
        QFETCH(QString, type);
        const GgmlType gt = type_named(type);
        const size_t block = std::max<size_t>(traits(gt).block_size, 32);
        const size_t cols = block == 32 ? 3 * 32 : block, rows = 130;
        // Rows per expert (expert 2 and 6 have none).
        const std::vector<uint32_t> counts = {3, 1, 0, MatmulRunner::kGemmTokens, 5, 17, 0, 40};
        const size_t n_expert = counts.size();
        std::vector<uint32_t> start(n_expert + 1, 0);
        for (size_t e = 0; e < n_expert; ++e) {
            start[e + 1] = start[e] + counts[e];
        }
        const size_t total = start[n_expert];
        const bool floating = is_float(gt);
        std::vector<std::vector<std::byte>> bytes;
        for (uint32_t s = 0; s < 2; ++s) {
            bytes.push_back(test::quantize(
                gt, normal_values(n_expert * rows * cols, 7 + s, floating ? 1.0f : 0.05f)));
            QVERIFY(!bytes.back().empty());
        }
        const std::vector<float> x = normal_values(total * cols, 3, 1.0f);
        const size_t rb = row_bytes(gt, cols);
        for (const Kernels* k : available_variants()) {
            for (unsigned threads : {1u, 3u}) {
                SpinPool pool(threads);
                MatmulRunner runner(*k, pool, 16, cols);
                runner.reserve_grouped(total, n_expert, floating);
                std::vector<float> y0(total * rows, -1.0f), y1(total * (rows + 2), -1.0f);
                const ExpertStack stacks[] = {
                    {{reinterpret_cast<const uint8_t*>(bytes[0].data()), gt, rows, cols, rb},
                     rows * rb,
                     {y0.data(), rows, false}},
                    {{reinterpret_cast<const uint8_t*>(bytes[1].data()), gt, rows, cols, rb},
                     rows * rb,
                     {y1.data(), rows + 2, false}}};
                runner.run_grouped(x.data(), cols, start, stacks);
                for (size_t e = 0; e < n_expert; ++e) {
                    for (uint32_t i = start[e]; i < start[e + 1]; ++i) {
                        for (uint32_t s = 0; s < 2; ++s) {
                            const std::vector<float>& y = s == 0 ? y0 : y1;
                            const size_t ld = s == 0 ? rows : rows + 2;
                            const auto* w =
                                reinterpret_cast<const uint8_t*>(bytes[s].data()) + e * rows * rb;
                            for (size_t r = 0; r < rows; ++r) {
                                const double got = y[i * ld + r];
                                const auto [want, bound] =
                                    expected(gt, w + r * rb, cols, x.data() + i * cols);
                                QVERIFY2(std::fabs(got - want) <= bound,
                                         qPrintable(QString("%1, %2 threads: expert %3 row %4 "
                                                            "of input %5, stack %6: %7 vs %8")
                                                        .arg(k->name.c_str())
                                                        .arg(threads)
                                                        .arg(e)
                                                        .arg(r)
                                                        .arg(i)
                                                        .arg(s)
                                                        .arg(got)
                                                        .arg(want)));
                            }
                        }
                    }
                }
            }
        }
    }

private:
    // The reference value of one output and its allowed error.
    static std::pair<double, double> expected(GgmlType type, const uint8_t* row, size_t cols,
                                              const float* x) {
        if (!is_float(type)) {
            const test::Expected e =
                test::quantized_dot(type, row, cols, test::quantize_activations(x, cols));
            return {e.value, e.bound};
        }
        std::vector<float> w(cols);
        dequantize(type,
                   std::span<const std::byte>(reinterpret_cast<const std::byte*>(row),
                                              row_bytes(type, cols)),
                   w);
        double exact = 0.0, magnitude = 0.0;
        for (size_t c = 0; c < cols; ++c) {
            exact += double(w[c]) * x[c];
            magnitude += std::fabs(double(w[c]) * x[c]);
        }
        return {exact, double(cols + 16) * test::kUnit * magnitude + 1e-30};
    }
};

QTEST_GUILESS_MAIN(TestFastGrouped)
#include "tst_fast_grouped.moc"
