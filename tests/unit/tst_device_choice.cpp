// Vulkan device preference and HEARTH_VK_DEVICE-style selection, on described devices
// (no driver needed).
#include "backend_choice.h"
#include "vulkan/vk_context.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using hearth::vk::choose_device;
using hearth::vk::DeviceInfo;

namespace {

DeviceInfo device(uint32_t index, const char* name, VkPhysicalDeviceType type) {
    DeviceInfo info;
    info.index = index;
    info.name = name;
    info.type = type;
    return info;
}

const std::vector<DeviceInfo> kMachine = {
    device(0, "llvmpipe (LLVM 19.1.7, 256 bits)", VK_PHYSICAL_DEVICE_TYPE_CPU),
    device(1, "Intel(R) UHD Graphics 770", VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU),
    device(2, "NVIDIA GeForce RTX 4070", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU),
};

} // namespace

class TestDeviceChoice : public QObject {
    Q_OBJECT

private slots:
    void prefersDiscreteThenIntegratedThenCpu() {
        QCOMPARE(choose_device(kMachine, "").value(), size_t(2));
        std::vector<DeviceInfo> no_discrete(kMachine.begin(), kMachine.begin() + 2);
        QCOMPARE(choose_device(no_discrete, "").value(), size_t(1));
        std::vector<DeviceInfo> cpu_only(kMachine.begin(), kMachine.begin() + 1);
        QCOMPARE(choose_device(cpu_only, "").value(), size_t(0));
    }

    void selectsByIndexOrName() {
        QCOMPARE(choose_device(kMachine, "0").value(), size_t(0));
        QCOMPARE(choose_device(kMachine, "llvmpipe").value(), size_t(0));
        QCOMPARE(choose_device(kMachine, "intel").value(), size_t(1));
        QCOMPARE(choose_device(kMachine, "RTX").value(), size_t(2));
    }

    void unknownSelectionListsTheDevices() {
        auto chosen = choose_device(kMachine, "radeon");
        QVERIFY(!chosen.ok());
        const std::string& message = chosen.error().message;
        QVERIFY2(message.find("radeon") != std::string::npos, message.c_str());
        QVERIFY2(message.find("2: NVIDIA GeForce RTX 4070") != std::string::npos, message.c_str());
        QVERIFY(!choose_device(kMachine, "7").ok());
    }

    void noDevicesIsAnError() { QVERIFY(!choose_device({}, "").ok()); }

    // The "auto" backend's measurements: one line per model and backend, replaced when
    // measured again; a missing or damaged file only means measuring again.
    void probeCacheKeepsOneMeasurementPerModelAndBackend() {
        QTemporaryDir dir;
        const hearth::ProbeCache cache((dir.path() + "/speeds.tsv").toStdString());
        const hearth::BackendDescription cpu{"cpu", "AVX2"}, gpu{"vulkan", "GPU"};
        QVERIFY(!cache.find("model-a", cpu));
        cache.store("model-a", {cpu, 100.0, 10.0});
        cache.store("model-a", {gpu, 1000.0, 50.0});
        cache.store("model-b", {cpu, 50.0, 5.0});
        cache.store("model-a", {cpu, 120.0, 12.0}); // measured again
        const auto a = cache.find("model-a", cpu);
        QVERIFY(a && a->from_cache);
        QCOMPARE(a->prompt_tps, 120.0);
        QCOMPARE(a->generate_tps, 12.0);
        QCOMPARE(cache.find("model-a", gpu)->generate_tps, 50.0);
        QCOMPARE(cache.find("model-b", cpu)->generate_tps, 5.0);
        QFile file(dir.path() + "/speeds.tsv");
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 3);
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("model-a\tcpu (AVX2)\tnot a number\n\x01\x02");
        file.close();
        QVERIFY(!cache.find("model-a", cpu));
        // A typical turn: a 512-token prompt and a 128-token answer.
        QCOMPARE((hearth::BackendMeasurement{{"x", ""}, 512.0, 128.0}.turn_seconds()), 2.0);
    }
};

QTEST_GUILESS_MAIN(TestDeviceChoice)
#include "tst_device_choice.moc"
