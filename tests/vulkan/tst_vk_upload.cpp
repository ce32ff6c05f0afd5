// Weight upload through the ring of staging buffers (vk_buffer_staging.h): every byte of
// every matrix arrives (read back and compared with the file's bytes) whatever the slot size,
// also while the host refills one slot as the device still copies from the other; progress
// rises to the total; an upload stopped half-way, or a ring destroyed with copies in flight,
// ends cleanly (an error value; under the validation layer, nothing left alive or destroyed
// while in use — the _validated entry fails on either).
#include "model/model.h"
#include "synthetic_model.h"
#include "vk_test_device.h"
#include "vulkan/vk_buffer_staging.h"
#include "vulkan/vk_weights.h"

#include <algorithm>
#include <cstring>

using namespace hearth;

class TestVkUpload : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        test::SyntheticSpec spec;
        spec.architecture = "qwen3moe"; // large expert stacks: tensors span many slots
        spec.type = GgmlType::Q8_0;
        bytes_ = test::make_synthetic_model(spec); // the model's views point into these
        auto file = gguf::File::parse(bytes_, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY(model.ok());
        model_ = std::move(model.value());
    }

    // staging_bytes is split between the slots; blocks of 200 KB make the copies change
    // target block often (a slot is then submitted before it is full).
    void stagingCopiesEveryByte_data() {
        QTest::addColumn<qint64>("staging");
        QTest::addColumn<int>("buffers");
        QTest::newRow("2 slots of 16 KiB") << qint64(32768) << 2;
        QTest::newRow("2 slots of 50 bytes") << qint64(100) << 2; // tensors in many pieces
        QTest::newRow("2 slots larger than the model") << qint64(64 << 20) << 2;
        QTest::newRow("3 slots of 10 KiB") << qint64(30720) << 3;
        QTest::newRow("1 slot of 32 KiB") << qint64(32768) << 1;
    }

    void stagingCopiesEveryByte() {
        QFETCH(qint64, staging);
        QFETCH(int, buffers);
        std::vector<uint64_t> reports;
        uint64_t total = 0;
        vk::UploadOptions options;
        options.path = vk::UploadOptions::Path::Staging;
        options.staging_bytes = uint64_t(staging);
        options.staging_slots = uint32_t(buffers);
        options.block_bytes = 200000;
        options.progress = [&](uint64_t done, uint64_t all) {
            reports.push_back(done);
            total = all;
        };
        auto gpu = vk::upload_weights(*ctx_, model_->weights, options);
        QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
        QVERIFY(!gpu->direct);
        QVERIFY(gpu->blocks.size() > 3);
        QVERIFY(!reports.empty());
        QVERIFY(std::adjacent_find(reports.begin(), reports.end(), std::greater_equal<>()) ==
                reports.end()); // strictly rising
        QCOMPARE(reports.back(), total);
        if (staging < 1 << 20) {
            QVERIFY(reports.size() > 10);
        }
        auto same = [&](const vk::GpuTensor& got, const TensorView& want) {
            if (!want.present()) {
                return !got.present();
            }
            vk::Buffer back = test::host_buffer(*ctx_, std::vector<std::byte>(want.data.size()));
            const VkBufferCopy region{got.offset, 0, want.data.size()};
            return got.bytes() == want.data.size() &&
                   vk::copy_buffer(*ctx_, *got.buffer, back, {&region, 1}).ok() &&
                   std::memcmp(back.mapped().data(), want.data.data(), want.data.size()) == 0;
        };
        QVERIFY(same(gpu->token_embd, model_->weights.token_embd));
        QVERIFY(same(gpu->output, model_->weights.output));
        for (size_t i = 0; i < gpu->layers.size(); ++i) {
            const vk::GpuLayer& g = gpu->layers[i];
            const LayerWeights& l = model_->weights.layers[i];
            QVERIFY(same(g.wq, l.wq) && same(g.wk, l.wk) && same(g.wv, l.wv) && same(g.wo, l.wo));
            QVERIFY(same(g.router, l.router) && same(g.gate_exps, l.gate_exps) &&
                    same(g.up_exps, l.up_exps) && same(g.down_exps, l.down_exps));
        }
    }

    // Stopped after about half the bytes: an error naming the cancellation, no report after
    // it, nothing left behind (the validation layer would name a leaked buffer or a fence
    // destroyed in use), and the device uploads the next model as before.
    void cancelledUploadFailsCleanly_data() {
        QTest::addColumn<int>("path");
        QTest::newRow("staging") << int(vk::UploadOptions::Path::Staging);
        QTest::newRow("in place") << int(vk::UploadOptions::Path::Direct);
    }

    void cancelledUploadFailsCleanly() {
        QFETCH(int, path);
        uint64_t last = 0, total = 0;
        bool stopped = false, reported_after = false;
        vk::UploadOptions options;
        options.path = vk::UploadOptions::Path(path);
        options.staging_bytes = 32768;
        options.progress = [&](uint64_t done, uint64_t all) {
            reported_after = reported_after || stopped;
            last = done;
            total = all;
        };
        options.cancelled = [&] {
            stopped = stopped || (total > 0 && last * 2 >= total);
            return stopped;
        };
        auto gpu = vk::upload_weights(*ctx_, model_->weights, options);
        QVERIFY(!gpu.ok());
        QCOMPARE(gpu.error().message, std::string("loading the model was cancelled"));
        QVERIFY(stopped && !reported_after);
        QVERIFY(last * 2 >= total && last < total);
        options.cancelled = nullptr;
        auto again = vk::upload_weights(*ctx_, model_->weights, options);
        QVERIFY(again.ok());
        QCOMPARE(last, total);
    }

    // A ring abandoned with copies in flight (an upload failing between submits) waits for
    // them before freeing its slots; completed() counts only copies seen finished.
    void ringWaitsForCopiesInFlight() {
        vk::Buffer target = test::host_buffer(*ctx_, std::vector<std::byte>(4096));
        {
            auto ring = vk::StagingRing::create(*ctx_, 1024, 2);
            QVERIFY(ring.ok());
            for (int i = 0; i < 4; ++i) {
                auto slot = ring->acquire();
                QVERIFY(slot.ok());
                QCOMPARE(slot->size(), size_t(1024));
                std::memset(slot->data(), 0x10 + i, 1024);
                const VkBufferCopy region{0, VkDeviceSize(i) * 1024, 1024};
                QVERIFY(ring->submit(target, {&region, 1}, 1024).ok());
            }
            QVERIFY(ring->completed() == 2048); // slots 0 and 1 waited for once each
        } // the third and fourth copies not yet waited for here
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(target.mapped()[size_t(i) * 1024 + 1023], std::byte(0x10 + i));
        }
    }

private:
    std::unique_ptr<vk::Context> ctx_;
    std::vector<std::byte> bytes_;
    std::unique_ptr<Model> model_;
};

QTEST_GUILESS_MAIN(TestVkUpload)
#include "tst_vk_upload.moc"
