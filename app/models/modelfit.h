// "Fits on this computer": compares what a model needs (its weights plus the key/value cache
// for the default context) with the memory that is free for it, and labels the result.
#pragma once

#include "catalog.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// The label shown next to a model; QML reads the values as ModelFit.Fits etc.
namespace ModelFit {
Q_NAMESPACE
QML_ELEMENT

enum Fit {
    Unknown,  // the memory of this computer is not known
    Fits,     // need <= 80% of the budget: room for the system and other apps
    Tight,    // need <= the budget: it runs, other apps may be pushed to swap
    TooLarge, // need > the budget
    Slow,     // fits, but would answer slower than kSlowTokensPerSecond here
};
Q_ENUM_NS(Fit)

} // namespace ModelFit

struct MemoryBudget {
    qint64 ramAvailable = 0; // bytes the system can give without swapping (MemAvailable)
    qint64 ramTotal = 0;
    qint64 vram = 0; // device-local memory of the GPU the engine uses; 0 if none or unknown
};

// Context length the app opens models with unless the user picks another.
inline constexpr qint64 kDefaultContextTokens = 8192;

// Bytes of an f16 key/value cache of `tokens` positions: K and V, each
// [layers][tokens][kvHeads * headDim] half floats, sliding layers holding only their window
// plus one pass.
qint64 kvCacheBytes(const KvCacheShape& shape, qint64 tokens);

// What running the entry needs: weights + KV cache for min(default context, its context
// length) + a fixed allowance for activations and scratch buffers. Without a KV shape the
// cache is estimated as 1/8 of the weights, typical of GQA models at 8K context.
qint64 requiredBytes(const CatalogEntry& entry, qint64 contextTokens = kDefaultContextTokens);

ModelFit::Fit estimateFit(qint64 requiredBytes, const MemoryBudget& budget);

// Answers slower than this (about half of reading speed) are labelled Slow.
inline constexpr double kSlowTokensPerSecond = 4.0;
// The speed a first model should have to be recommended: faster than people read.
inline constexpr double kGoodTokensPerSecond = 8.0;

// Tokens per second a model whose generation reads `bytesPerToken` bytes (a dense model's
// weights) can reach with `readGBs` of memory bandwidth: the fast CPU backend streams at
// about 85% of a plain read (tests/bench/cpu_vs_llamacpp.sh), so 80% is assumed. 0 when
// either is unknown. A GPU that holds the model is faster still.
double estimatedTokensPerSecond(qint64 bytesPerToken, double readGBs);

// The fit, and Slow instead of Fits or Tight when the speed is known and too low.
ModelFit::Fit estimateFit(qint64 requiredBytes, const MemoryBudget& budget, double tokensPerSecond);

// This computer's memory from /proc/meminfo (Linux); zeros when it cannot be read.
MemoryBudget systemMemory();

// Memory sizes and byte counts for people: "4.7 GB", "512 MB" (decimal units, as the
// publishers' listings use).
QString formatBytes(qint64 bytes);
