// The embedding lookup (embed kernel) for every weight type against the CPU decoder, for
// repeated and out-of-order token ids, in one binding and split across many.
// Tolerance per element: |gpu - cpu| <= 3 u max |w| over the row (u = 2^-24): the kernel
// computes the same products as the CPU decoder, except that a fused multiply-add may round
// q d + m once instead of twice, and |q d| + |m| <= 3 max |w| for every type.
#include "quantize.h"
#include "tensor/dequant.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <cmath>
#include <random>

using namespace hearth;

class TestVkEmbed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        auto kernels = vk::Kernels::create(*ctx_);
        QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
        kernels_ = std::move(kernels.value());
    }

    void matchesCpuDecoder_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("limit"); // binding limit in bytes, 0: the device's
        for (GgmlType type : test::kVulkanTypes) {
            QTest::addRow("%s", type_name(type).data()) << int(type) << 0;
            QTest::addRow("%s split", type_name(type).data()) << int(type) << 2000;
        }
    }

    void matchesCpuDecoder() {
        QFETCH(int, type);
        QFETCH(int, limit);
        const GgmlType t = GgmlType(type);
        // 3 super-blocks or 9 small blocks per row: neither a multiple of the 32-wide workgroup.
        const uint32_t cols = traits(t).block_size == 256 ? 768 : 288;
        const uint32_t vocab = 53;
        std::mt19937 rng(uint32_t(type) * 7 + 1);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        std::vector<float> w(size_t(vocab) * cols);
        for (float& v : w) {
            v = normal(rng);
        }
        const std::vector<std::byte> packed = test::quantize(t, w);
        std::vector<float> decoded(w.size());
        dequantize(t, packed, decoded);

        const std::vector<uint32_t> ids = {52, 0, 7, 7, 31, 1, 52, 19};
        const uint32_t n = uint32_t(ids.size());
        vk::Buffer wb = test::host_buffer(*ctx_, packed, 6);
        vk::Buffer idb = test::host_buffer(*ctx_, ids);
        vk::Buffer out = test::host_buffer(*ctx_, std::vector<float>(size_t(n) * cols, -1.0f));
        const vk::GpuTensor tensor{t, vocab, cols, row_bytes(t, cols), &wb, 6};
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch, uint64_t(limit));
        rec.embed(tensor, vk::whole(idb), vk::whole(out), n);
        const uint32_t dispatches = batch->dispatches();
        QVERIFY(rec.status().ok());
        auto done = batch->submit_and_wait();
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        QVERIFY(limit == 0 ? dispatches == 1 : dispatches > 3);

        const std::vector<float> got = test::read_back<float>(out, size_t(n) * cols);
        double worst = 0.0;
        for (uint32_t i = 0; i < n; ++i) {
            const float* row = decoded.data() + size_t(ids[i]) * cols;
            double max_w = 0.0;
            for (uint32_t c = 0; c < cols; ++c) {
                max_w = std::max(max_w, std::abs(double(row[c])));
            }
            const double bound = 3.0 * max_w / (1 << 24);
            for (uint32_t c = 0; c < cols; ++c) {
                const double diff = std::abs(double(got[size_t(i) * cols + c]) - row[c]);
                if (!(diff <= bound)) {
                    QFAIL(qPrintable(QString("token %1 column %2: gpu %3, cpu %4")
                                         .arg(i)
                                         .arg(c)
                                         .arg(got[size_t(i) * cols + c])
                                         .arg(row[c])));
                }
                worst = std::max(worst, diff);
            }
        }
        qInfo("%u dispatches, max abs diff %.3g", dispatches, worst);
    }

private:
    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_;
};

QTEST_GUILESS_MAIN(TestVkEmbed)
#include "tst_vk_embed.moc"
