#include "machinespeed.h"

#include "fast/bandwidth.h"
#include "fast/spin_pool.h"
#include "modelfit.h"

#include <QFile>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace {

const QString kBandwidthKey = QStringLiteral("hardware/readBandwidth");
const QString kMachineKey = QStringLiteral("hardware/readBandwidthMachine");

// Larger than the caches of desktop processors, small enough for any machine to spare.
constexpr size_t kBufferBytes = size_t(384) << 20;

} // namespace

MachineSpeed::MachineSpeed(QSettings* settings, QObject* parent)
    : QObject(parent), settings_(settings) {
    connect(&watcher_, &QFutureWatcher<double>::finished, this, [this] {
        bandwidth_ = watcher_.result();
        if (bandwidth_ > 0.0) {
            settings_->setValue(kBandwidthKey, bandwidth_);
            settings_->setValue(kMachineKey, machineKey());
        }
        emit measured();
    });
}

MachineSpeed::~MachineSpeed() {
    watcher_.waitForFinished();
}

QString MachineSpeed::machineKey() {
    QString model;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly | QIODevice::Text)) {
        static const QRegularExpression name(QStringLiteral("^model name\\s*:\\s*(.+)$"),
                                             QRegularExpression::MultilineOption);
        model = name.match(QString::fromLatin1(cpuinfo.readAll())).captured(1).trimmed();
    }
    return QStringLiteral("%1|%2 cores|%3 bytes")
        .arg(model)
        .arg(hearth::fast::physical_cores())
        .arg(systemMemory().ramTotal);
}

void MachineSpeed::measure(bool force) {
    if (watcher_.isRunning()) {
        return;
    }
    if (qEnvironmentVariableIsSet("HEARTH_READ_BANDWIDTH")) {
        bandwidth_ = qEnvironmentVariable("HEARTH_READ_BANDWIDTH").toDouble();
        emit measured();
        return;
    }
    if (!force && settings_->value(kMachineKey).toString() == machineKey()) {
        bandwidth_ = settings_->value(kBandwidthKey).toDouble();
        if (bandwidth_ > 0.0) {
            emit measured();
            return;
        }
    }
    watcher_.setFuture(QtConcurrent::run([] {
        return hearth::fast::measure_read_bandwidth(hearth::fast::physical_cores(), kBufferBytes);
    }));
}
