// Vulkan device preference and HEARTH_VK_DEVICE-style selection, on described devices
// (no driver needed).
#include "vulkan/vk_context.h"

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
};

QTEST_GUILESS_MAIN(TestDeviceChoice)
#include "tst_device_choice.moc"
