// The processor and Vulkan devices of this computer for the settings page: the CPU kernels
// in use and its cores; each device's name, type, memory, driver.
// Looking them up starts a Vulkan instance (tens of milliseconds, more with some drivers),
// so it runs on a worker thread when the page asks (refresh()), never at start.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class HardwareInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // Maps {name, type ("discrete GPU", "CPU", ...), memoryBytes, driver, subgroupSize,
    // fp16}, in the driver's order.
    Q_PROPERTY(QVariantList devices READ devices NOTIFY devicesChanged)
    Q_PROPERTY(QString error READ error NOTIFY devicesChanged) // why there are none
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged)
    // The fast CPU backend's kernels on this processor (cheap to find, so known at once): the
    // instruction set in use ("AVX2"), the other ones this CPU could run, physical cores.
    Q_PROPERTY(QString cpuKernels READ cpuKernels CONSTANT)
    Q_PROPERTY(QStringList otherCpuKernels READ otherCpuKernels CONSTANT)
    Q_PROPERTY(int physicalCores READ physicalCores CONSTANT)

public:
    explicit HardwareInfo(QObject* parent = nullptr);
    ~HardwareInfo() override;

    QVariantList devices() const { return devices_; }
    QString error() const { return error_; }
    bool scanning() const { return watcher_.isRunning(); }
    QString cpuKernels() const { return cpuKernels_; }
    QStringList otherCpuKernels() const { return otherCpuKernels_; }
    int physicalCores() const { return physicalCores_; }
    Q_INVOKABLE void refresh();

signals:
    void devicesChanged();
    void scanningChanged();

private:
    struct Scan {
        QVariantList devices;
        QString error;
    };
    static Scan scan();

    QVariantList devices_;
    QString error_;
    QString cpuKernels_;
    QStringList otherCpuKernels_;
    int physicalCores_ = 0;
    QFutureWatcher<Scan> watcher_;
};
