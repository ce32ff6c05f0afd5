#include "hardwareinfo.h"

#include "fast/kernels.h"
#include "fast/spin_pool.h"
#include "vulkan/vk_context.h"

#include <QtConcurrent/QtConcurrentRun>

HardwareInfo::HardwareInfo(QObject* parent) : QObject(parent) {
    if (hearth::Result<const hearth::fast::Kernels*> chosen = hearth::fast::choose_variant();
        chosen) {
        cpuKernels_ = QString::fromStdString((*chosen)->name);
        for (const hearth::fast::Kernels* k : hearth::fast::available_variants()) {
            if (k != *chosen) {
                otherCpuKernels_.append(QString::fromStdString(k->name));
            }
        }
    }
    physicalCores_ = int(hearth::fast::physical_cores());
    connect(&watcher_, &QFutureWatcher<Scan>::finished, this, [this] {
        const Scan result = watcher_.result();
        devices_ = result.devices;
        error_ = result.error;
        emit devicesChanged();
        emit scanningChanged();
    });
}

HardwareInfo::~HardwareInfo() {
    watcher_.waitForFinished();
}

void HardwareInfo::refresh() {
    if (!watcher_.isRunning()) {
        watcher_.setFuture(QtConcurrent::run(&HardwareInfo::scan));
        emit scanningChanged();
    }
}

HardwareInfo::Scan HardwareInfo::scan() {
    Scan result;
    auto context = hearth::vk::Context::create();
    if (!context) {
        result.error = QString::fromStdString(context.error().message);
        return result;
    }
    for (const hearth::vk::DeviceInfo& d : (*context)->all_devices()) {
        result.devices.append(
            QVariantMap{{"name", QString::fromStdString(d.name)},
                        {"type", QString::fromStdString(hearth::vk::device_type_name(d.type))},
                        {"memoryBytes", qint64(d.device_local_bytes)},
                        {"driver", QString::fromStdString(d.driver)},
                        {"subgroupSize", int(d.subgroup_size)},
                        {"fp16", d.fp16_arithmetic}});
    }
    return result;
}
