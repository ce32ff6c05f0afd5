// The integer-dot matvec (quantize_q8.comp + matvec_q8.comp: activations quantized to Q8
// blocks on the device, packed 4 x 8-bit dot products) for Q8_0, Q4_0 and Q4_1 weights, in
// the subgroup and the shared-memory variant, against a float64 dot product of the decoded
// weights with the unquantized x.
//
// Bound per output, derived per block b of 32 values (u = 2^-24):
//   quantization: x_i becomes q_i dx with dx = max_b |x| / 127 and q_i = round(x_i / dx);
//   the rounding of 127 / max |x| and x_i times it add at most 127 * 3u to |q_i - x_i / dx|
//   <= 1/2, and dx itself is within u of the exact quotient, so
//     |x_i - q_i dx| <= dx (1/2 + 400 u) (1 + u)        summed against |w_i| over the row;
//   arithmetic: the integer sums are exact (|sum| <= 32 * 127 * 127 < 2^24, exact in a
//   float); each block's scaling takes at most 4 roundings of terms bounded by M_b
//   (Q8_0: sum |w_i q_i dx|; Q4_0 d dx (sum q_i |q_x| + 8 |sum q_x|) <= 23 |d| dx sum |q_x|;
//   Q4_1: (15 |d| + |m|) dx sum |q_x|), then k additions in sequence (blocks per invocation,
//   the workgroup's reduction, bias and residual): (k + 4) u (sum_b M_b + |bias| + |y_old|).
#include "matrix_reference.h"
#include "tensor/half.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <QtGlobal>
#include <cmath>
#include <cstring>
#include <random>

using namespace hearth;

class TestVkMatvecQ8 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        if (!ctx_->info().features.integer_dot) {
            QSKIP("the device has no integer dot products (VK_KHR_shader_integer_dot_product)");
        }
        qputenv("HEARTH_VK_INTEGER_DOT", "1"); // lavapipe does not accelerate them: force
        for (auto sharing : {vk::Kernels::Sharing::Subgroups, vk::Kernels::Sharing::SharedMemory}) {
            if (sharing == vk::Kernels::Sharing::Subgroups && !ctx_->info().subgroup_arithmetic) {
                continue;
            }
            auto kernels = vk::Kernels::create(*ctx_, sharing, vk::Kernels::Prefill::Matvec);
            QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
            QVERIFY((*kernels)->uses_integer_dot(GgmlType::Q4_0));
            kernels_[int(sharing)] = std::move(kernels.value());
        }
        qunsetenv("HEARTH_VK_INTEGER_DOT");
        // Without the override, lavapipe (no acceleration) keeps the float matvec.
        auto plain = vk::Kernels::create(*ctx_);
        QVERIFY(plain.ok());
        QCOMPARE((*plain)->uses_integer_dot(GgmlType::Q8_0),
                 ctx_->info().features.integer_dot_fast);
        QVERIFY(!(*plain)->uses_integer_dot(GgmlType::Q4_K)); // no such kernel: float path
    }

    void matchesReference_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("sharing");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("blocks");
        QTest::addColumn<int>("n");
        for (GgmlType type : {GgmlType::Q8_0, GgmlType::Q4_0, GgmlType::Q4_1}) {
            for (auto [sharing, name] : {std::pair{vk::Kernels::Sharing::Subgroups, "subgroup"},
                                         {vk::Kernels::Sharing::SharedMemory, "shmem"}}) {
                // 1 block; 3; 150 (more blocks than invocations of a workgroup); 3 vectors.
                for (auto [rows, blocks, n] : {std::tuple{1, 1, 1}, {37, 3, 1}, {5, 150, 3}}) {
                    QTest::addRow("%s %s %dx%d blocks, %d vectors", type_name(type).data(), name,
                                  rows, blocks, n)
                        << int(type) << int(sharing) << rows << blocks << n;
                }
            }
        }
    }

    void matchesReference() {
        QFETCH(int, type);
        QFETCH(int, sharing);
        QFETCH(int, rows);
        QFETCH(int, blocks);
        QFETCH(int, n);
        if (!kernels_[sharing]) {
            QSKIP("device has no subgroup arithmetic in compute shaders");
        }
        const GgmlType t = GgmlType(type);
        const uint32_t cols = uint32_t(blocks) * 32, R = uint32_t(rows), N = uint32_t(n);
        std::mt19937 rng(R * 977 + cols + uint32_t(t));
        test::TestMatrix m = test::make_matrix(t, R, cols, rng);
        const std::vector<std::byte> packed = m.packed;
        // x: normal values with one block of zeros (a zero scale) and one large outlier.
        std::vector<float> x(size_t(N) * cols), bias(R), y(size_t(N) * R);
        test::fill_normal(rng, {&x, &bias, &y});
        if (blocks > 2) {
            std::fill(x.begin() + 32, x.begin() + 64, 0.0f);
            x[70] = 40.0f;
        }
        const bool extras = R > 1; // bias and residual add on the larger cases
        const test::MatrixBuffers b(*ctx_, t, R, cols, std::move(m.packed), 0, x, bias, y);
        vk::Buffer scratch = test::host_buffer(*ctx_, std::vector<uint32_t>(N * blocks * 10));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_[sharing], *batch);
        rec.set_q8_scratch(vk::whole(scratch));
        const vk::MatvecIo io{
            vk::whole(b.x), vk::whole(b.y), N, 0, 0, 0, extras ? &b.bias_tensor : nullptr, extras};
        rec.matvec(b.tensor, io);
        QCOMPARE(batch->dispatches(), 2u); // quantize, then the integer-dot matvec
        QVERIFY(rec.status().ok());
        auto done = batch->submit_and_wait();
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        const std::vector<float> got = test::read_back<float>(b.y, y.size());

        const size_t row_bytes = packed.size() / R, block_bytes = row_bytes / blocks;
        const uint32_t wg = vk::Kernels::kQ8Workgroup;
        const double k = double((blocks + wg - 1) / wg) + wg + 2;
        double worst = 0.0;
        for (uint32_t v = 0; v < N; ++v) {
            const float* xv = &x[size_t(v) * cols];
            for (uint32_t r = 0; r < R; ++r) {
                const float* w = &m.decoded[size_t(r) * cols];
                const size_t o = size_t(v) * R + r;
                double dot = 0.0, quant = 0.0, magnitude = 0.0;
                for (int blk = 0; blk < blocks; ++blk) {
                    double amax = 0.0;
                    for (int i = 0; i < 32; ++i) {
                        amax = std::max(amax, std::abs(double(xv[blk * 32 + i])));
                    }
                    const double dx = amax / 127.0;
                    const std::byte* block = &packed[r * row_bytes + blk * block_bytes];
                    const double d = std::abs(scale(block, 0));
                    const double mm = t == GgmlType::Q4_1 ? std::abs(scale(block, 2)) : 0.0;
                    double sum_w = 0.0, sum_xq = 0.0, sum_wxq = 0.0;
                    for (int i = 0; i < 32; ++i) {
                        const double xi = xv[blk * 32 + i], wi = w[blk * 32 + i];
                        const double xq = std::abs(xi) + dx; // |q dx| with room for rounding
                        dot += wi * xi;
                        sum_w += std::abs(wi);
                        sum_xq += xq;
                        sum_wxq += std::abs(wi) * xq;
                    }
                    quant += dx * (0.5 + 400 * test::kU) * (1 + test::kU) * sum_w;
                    magnitude += t == GgmlType::Q8_0   ? sum_wxq
                                 : t == GgmlType::Q4_0 ? 23 * d * sum_xq
                                                       : (15 * d + mm) * sum_xq;
                }
                const double extra = extras ? double(bias[r]) + y[o] : 0.0;
                const double extra_abs = extras ? std::abs(bias[r]) + std::abs(y[o]) : 0.0;
                const double bound = quant + (k + 4) * test::kU * (magnitude + extra_abs);
                const double diff = std::abs(got[o] - (dot + extra));
                if (!(diff <= bound)) {
                    QFAIL(qPrintable(QString("row %1 vector %2: gpu %3, reference %4, bound %5")
                                         .arg(r)
                                         .arg(v)
                                         .arg(got[o], 0, 'g', 9)
                                         .arg(dot + extra, 0, 'g', 9)
                                         .arg(bound)));
                }
                worst = std::max(worst, diff / bound);
            }
        }
        qInfo("max error %.3f of the bound", worst);
    }

    // q, k and v read the same input: one quantization serves all three; a product after
    // another kernel quantizes again.
    void quantizedInputReused() {
        vk::Kernels& kernels = *kernels_[int(vk::Kernels::Sharing::SharedMemory)];
        std::mt19937 rng(7);
        test::TestMatrix m = test::make_matrix(GgmlType::Q8_0, 4, 64, rng);
        std::vector<float> x(64, 0.25f), y(4);
        const test::MatrixBuffers b(*ctx_, GgmlType::Q8_0, 4, 64, std::move(m.packed), 0, x, y, y);
        vk::Buffer y2 = test::host_buffer(*ctx_, y), y3 = test::host_buffer(*ctx_, y);
        vk::Buffer scratch = test::host_buffer(*ctx_, std::vector<uint32_t>(20));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(kernels, *batch);
        rec.set_q8_scratch(vk::whole(scratch));
        for (const vk::Buffer* out : std::initializer_list<const vk::Buffer*>{&b.y, &y2, &y3}) {
            rec.matvec(b.tensor, {vk::whole(b.x), vk::whole(*out)});
        }
        QCOMPARE(batch->dispatches(), 4u);
        rec.axpby(vk::whole(b.x), vk::whole(b.x), 64, 2.0f, 0.0f); // x changes
        rec.matvec(b.tensor, {vk::whole(b.x), vk::whole(b.y)});
        QCOMPARE(batch->dispatches(), 7u);
        QVERIFY(rec.status().ok());
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<float> first = test::read_back<float>(y2, 4);
        const std::vector<float> doubled = test::read_back<float>(b.y, 4);
        for (int r = 0; r < 4; ++r) {
            QCOMPARE(doubled[r], 2.0f * first[r]); // x * 2 quantizes to the same q, dx * 2
        }
    }

private:
    // The f16 scale at byte `at` of a block (ggml's layout: d first, then m for Q4_1).
    static double scale(const std::byte* block, int at) {
        uint16_t h;
        std::memcpy(&h, block + at, 2);
        return f16_to_f32(h);
    }

    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_[4]; // by Kernels::Sharing
};

QTEST_GUILESS_MAIN(TestVkMatvecQ8)
#include "tst_vk_matvec_q8.moc"
