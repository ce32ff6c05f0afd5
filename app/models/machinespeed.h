// This computer's memory read bandwidth, which bounds how fast a model can answer here
// (generation reads every weight once per token). Measured once per processor on a worker
// thread (a fraction of a second) and remembered in the settings, so the model catalog can
// label each model with the speed to expect before it is downloaded.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QSettings>

class MachineSpeed : public QObject {
    Q_OBJECT

public:
    explicit MachineSpeed(QSettings* settings, QObject* parent = nullptr);
    ~MachineSpeed() override;

    // GB/s; 0 until known.
    double readBandwidth() const { return bandwidth_; }
    // Measures unless this processor's value is remembered (then `measured` is emitted at
    // once); `force` measures anyway. HEARTH_READ_BANDWIDTH (GB/s; 0: unknown) stands in for
    // the measurement where results must not depend on the machine (tests).
    void measure(bool force = false);

    // The processor's identity the remembered value belongs to: model name, physical cores
    // and total memory.
    static QString machineKey();

signals:
    void measured();

private:
    QSettings* settings_;
    double bandwidth_ = 0.0;
    QFutureWatcher<double> watcher_;
};
