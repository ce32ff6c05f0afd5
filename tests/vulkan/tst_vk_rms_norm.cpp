// The first real kernel on a real Vulkan device (lavapipe in CI): RMSNorm of awkwardly
// sized rows, in both the subgroup and the shared-memory variant, against the CPU reference.
// Tolerance: |gpu - cpu| <= 1e-6 + 2e-5 * |cpu| (float32 sums in a different order).
#include "cpu/ops.h"
#include "shader_interface.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernel.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <random>

using namespace hearth;

class TestVkRmsNorm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        auto ctx = vk::Context::create();
        if (!ctx) {
            const QByteArray why = QByteArray::fromStdString(ctx.error().message);
            if (qEnvironmentVariableIntValue("HEARTH_REQUIRE_VULKAN")) {
                QFAIL(why.constData());
            }
            QSKIP(("no Vulkan device: " + why).constData());
        }
        ctx_ = std::move(ctx.value());
        const vk::DeviceInfo& info = ctx_->info();
        qInfo("device: %s (%s), subgroup size %u, max storage buffer range %u", info.name.c_str(),
              vk::device_type_name(info.type).c_str(), info.subgroup_size,
              info.max_storage_buffer_range);
    }

    void matchesCpuReference_data() {
        QTest::addColumn<QString>("kernel");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<uint32_t>("workgroup"); // 0: the shader's default
        for (const char* kernel : {"rms_norm", "rms_norm_shmem"}) {
            for (auto [rows, cols] : {std::pair{1, 1}, {3, 7}, {5, 1000}, {2, 4097}, {64, 129}}) {
                QTest::addRow("%s %dx%d", kernel, rows, cols) << kernel << rows << cols << 0u;
            }
            QTest::addRow("%s 4x1000 workgroup 32", kernel) << kernel << 4 << 1000 << 32u;
        }
    }

    void matchesCpuReference() {
        QFETCH(QString, kernel);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(uint32_t, workgroup);
        if (kernel == "rms_norm" && !ctx_->info().subgroup_arithmetic) {
            QSKIP("device has no subgroup arithmetic in compute shaders");
        }
        std::mt19937 rng(1234 + rows * 31 + cols);
        std::normal_distribution<float> normal(0.0f, 2.0f);
        std::vector<float> x(size_t(rows) * cols), w(cols), expected(x.size());
        for (float& v : x) {
            v = normal(rng);
        }
        for (float& v : w) {
            v = 1.0f + 0.1f * normal(rng);
        }
        const float eps = 1e-5f;
        cpu::rms_norm(x, w, expected, rows, eps);

        std::vector<uint32_t> specialization;
        if (workgroup != 0) {
            specialization.push_back(workgroup);
        }
        auto kern = vk::Kernel::create(*ctx_, kernel.toStdString(), 3, sizeof(gpu::RmsNormPush),
                                       specialization);
        QVERIFY2(kern.ok(), kern.ok() ? "" : kern.error().message.c_str());
        auto xb = upload(x);
        auto wb = upload(w);
        auto yb =
            vk::Buffer::create(*ctx_, x.size() * sizeof(float), vk::Buffer::Memory::HostVisible);
        QVERIFY(yb.ok());
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());

        gpu::RmsNormPush push{uint32_t(cols), uint32_t(rows), eps};
        batch->dispatch(*kern, {uint32_t(rows), 1, 1}, push, {{&xb}, {&wb}, {&*yb}});
        auto done = batch->submit_and_wait();
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());

        std::vector<float> got(x.size());
        std::memcpy(got.data(), yb->mapped().data(), got.size() * sizeof(float));
        double worst = 0.0;
        for (size_t i = 0; i < got.size(); ++i) {
            const double diff = std::abs(double(got[i]) - expected[i]);
            worst = std::max(worst, diff);
            if (diff > 1e-6 + 2e-5 * std::abs(expected[i])) {
                QFAIL(qPrintable(
                    QString("element %1: gpu %2, cpu %3").arg(i).arg(got[i]).arg(expected[i])));
            }
        }
        qInfo("max abs diff %.3g", worst);
    }

    void wrongInterfaceIsReportedNotRun() {
        auto kern = vk::Kernel::create(*ctx_, "rms_norm_shmem", 3, sizeof(gpu::RmsNormPush));
        QVERIFY(kern.ok());
        std::vector<float> data(16, 1.0f);
        auto buffer = upload(data);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        batch->dispatch(*kern, {1, 1, 1}, uint32_t(16), {{&buffer}, {&buffer}, {&buffer}});
        auto done = batch->submit_and_wait();
        QVERIFY(!done.ok());
        QVERIFY2(done.error().message.find("rms_norm_shmem expects 12 push bytes") !=
                     std::string::npos,
                 done.error().message.c_str());
        QVERIFY(!vk::Kernel::create(*ctx_, "no_such_kernel", 1, 0).ok());
    }

private:
    vk::Buffer upload(const std::vector<float>& values) {
        auto buffer = vk::Buffer::create(*ctx_, values.size() * sizeof(float),
                                         vk::Buffer::Memory::HostVisible);
        if (!buffer) {
            qFatal("%s", buffer.error().message.c_str());
        }
        std::memcpy(buffer->mapped().data(), values.data(), values.size() * sizeof(float));
        return std::move(buffer.value());
    }

    std::unique_ptr<vk::Context> ctx_;
};

QTEST_GUILESS_MAIN(TestVkRmsNorm)
#include "tst_vk_rms_norm.moc"
