#include "modelfit.h"

#include "model/kv_cache.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>

namespace {

// Activations, logits and scratch buffers of the engine, independent of the model's size.
constexpr qint64 kRuntimeAllowance = 512LL * 1000 * 1000;

} // namespace

qint64 kvCacheBytes(const KvCacheShape& shape, qint64 tokens) {
    constexpr qint64 kBytesPerValue = 2; // f16
    // The engine's own rule for what a sliding layer keeps (model/kv_cache.h).
    const qint64 sliding = hearth::kv_capacity(uint32_t(std::min<qint64>(tokens, UINT32_MAX)),
                                               uint32_t(shape.slidingWindow), hearth::kLargestPass);
    const qint64 positions =
        qint64(shape.layers - shape.slidingLayers) * tokens + qint64(shape.slidingLayers) * sliding;
    return 2 * positions * qint64(shape.kvHeads) * qint64(shape.headDim) * kBytesPerValue;
}

qint64 requiredBytes(const CatalogEntry& entry, qint64 contextTokens) {
    const qint64 weights = entry.totalSize();
    const qint64 tokens = std::min(contextTokens, entry.contextLength);
    const qint64 cache = entry.kvCache ? kvCacheBytes(*entry.kvCache, tokens) : weights / 8;
    return weights + cache + kRuntimeAllowance;
}

ModelFit::Fit estimateFit(qint64 required, const MemoryBudget& budget) {
    // A model runs either on the GPU (weights and cache in VRAM) or on the CPU (in RAM); the
    // larger of the two decides whether it can run here at all.
    const qint64 available = std::max(budget.vram, budget.ramAvailable);
    if (available <= 0) {
        return ModelFit::Unknown;
    }
    if (required <= available / 10 * 8) {
        return ModelFit::Fits;
    }
    return required <= available ? ModelFit::Tight : ModelFit::TooLarge;
}

double estimatedTokensPerSecond(qint64 bytesPerToken, double readGBs) {
    return bytesPerToken > 0 && readGBs > 0.0 ? 0.8 * readGBs * 1e9 / double(bytesPerToken) : 0.0;
}

ModelFit::Fit estimateFit(qint64 required, const MemoryBudget& budget, double tokensPerSecond) {
    const ModelFit::Fit fit = estimateFit(required, budget);
    const bool runs = fit == ModelFit::Fits || fit == ModelFit::Tight;
    return runs && tokensPerSecond > 0.0 && tokensPerSecond < kSlowTokensPerSecond ? ModelFit::Slow
                                                                                   : fit;
}

MemoryBudget systemMemory() {
    // /proc/meminfo lines look like "MemAvailable:   12345678 kB".
    MemoryBudget budget;
    QFile file(QStringLiteral("/proc/meminfo"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return budget;
    }
    static const QRegularExpression line(QStringLiteral("^(\\w+):\\s+(\\d+) kB$"),
                                         QRegularExpression::MultilineOption);
    const QString text = QString::fromLatin1(file.readAll());
    for (auto it = line.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const qint64 bytes = m.captured(2).toLongLong() * 1024;
        if (m.captured(1) == QLatin1String("MemTotal")) {
            budget.ramTotal = bytes;
        } else if (m.captured(1) == QLatin1String("MemAvailable")) {
            budget.ramAvailable = bytes;
        }
    }
    return budget;
}

QString formatBytes(qint64 bytes) {
    const QLocale locale;
    if (bytes >= 1000LL * 1000 * 1000) {
        return QStringLiteral("%1 GB").arg(locale.toString(double(bytes) / 1e9, 'f', 1));
    }
    if (bytes >= 1000LL * 1000) {
        return QStringLiteral("%1 MB").arg(locale.toString(double(bytes) / 1e6, 'f', 0));
    }
    return QStringLiteral("%1 kB").arg(locale.toString(double(bytes) / 1e3, 'f', 0));
}
