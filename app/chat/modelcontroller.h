// The model side of the chat window, one QML singleton on the GUI thread: loading and
// unloading the model, which backend and device run it, the model loaded at start, the load's
// progress, and the per-model generation settings. It owns the inference worker (Generator on
// its own QThread); ChatController sends generation requests to the same worker.
//
// Settings (QSettings): chat/model (the model last loaded), chat/defaultModel, chat/backend
// (auto, vulkan or cpu), chat/threads, chat/gpuLayers; generation settings per model
// (GenerationSettings).
//
// Texts keep the translation context "ChatController", where they were written first, so the
// translations made for them still apply.
#pragma once

#include "generationsettings.h"
#include "generator.h"
#include "trtext.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;
class QSettings;
class QThread;

class ModelController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY modelChanged)
    Q_PROPERTY(QString path READ path NOTIFY modelChanged)
    Q_PROPERTY(QString name READ name NOTIFY modelChanged)
    // For people: "CPU (AVX2)" or the graphics card's name.
    Q_PROPERTY(QString deviceName READ deviceName NOTIFY modelChanged)
    // The graphics card the model runs on (its Vulkan name); empty on the CPU or without one.
    Q_PROPERTY(QString gpuInUse READ gpuInUse NOTIFY modelChanged)
    Q_PROPERTY(QString fallbackReason READ fallbackReason NOTIFY modelChanged)
    // With "auto", how fast each backend measured here when the model was first loaded, e.g.
    // "CPU (AVX2): 35 tokens/s · llvmpipe: 2 tokens/s"; empty when there was no choice.
    Q_PROPERTY(QString backendMeasurements READ backendMeasurements NOTIFY modelChanged)
    Q_PROPERTY(int contextSize READ contextSize NOTIFY modelChanged)
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY loadProgressChanged)
    // CPU threads for the next load; 0: one per physical core.
    Q_PROPERTY(int cpuThreads READ cpuThreads WRITE setCpuThreads NOTIFY cpuThreadsChanged)
    // Layers on the graphics card for the next load, the rest on the CPU; -1: as many as its
    // free memory holds (all when the model fits).
    Q_PROPERTY(int gpuLayers READ gpuLayers WRITE setGpuLayers NOTIFY gpuLayersChanged)
    // The loaded model's transformer layers (0 without one): the most gpuLayers can use.
    Q_PROPERTY(int modelLayers READ modelLayers NOTIFY modelChanged)
    // "auto" (Vulkan when it works, else the CPU) or "cpu"; applies to the next load.
    Q_PROPERTY(QString backendPreference READ backendPreference WRITE setBackendPreference NOTIFY
                   backendPreferenceChanged)
    // The model loaded at start (the one used last unless the user set one).
    Q_PROPERTY(
        QString defaultModel READ defaultModel WRITE setDefaultModel NOTIFY defaultModelChanged)

public:
    enum class State { None, Loading, Ready, Failed };
    Q_ENUM(State)

    ModelController(QSettings* settings, QObject* parent);
    ~ModelController() override;
    // The instance ChatController owns (both singletons share the worker).
    static ModelController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    State state() const { return state_; }
    bool ready() const { return state_ == State::Ready; }
    QString path() const { return model_.path; }
    QString name() const { return model_.name; }
    const ModelInfo& info() const { return model_; }
    QString deviceName() const { return displayBackend(model_.backend); }
    QString gpuInUse() const;
    QString fallbackReason() const;
    QString backendMeasurements() const;
    int contextSize() const { return model_.context_length; }
    double loadProgress() const { return loadProgress_; }
    int cpuThreads() const;
    void setCpuThreads(int threads);
    int gpuLayers() const;
    void setGpuLayers(int layers);
    int modelLayers() const { return model_.layers; }
    QString backendPreference() const;
    void setBackendPreference(const QString& backend);
    QString defaultModel() const;
    void setDefaultModel(const QString& pathOrUrl);
    // "CPU (AVX2)", "CPU (reference)", or the graphics card's name (with "12 of 28 layers"
    // when the rest run on the CPU).
    static QString displayBackend(const hearth::BackendDescription& backend);

    GenerationSettings* generation() const { return generation_; }
    Generator* generator() const { return generator_; }

    // Loads a model (a path or file:// URL); the user's choice ends any automatic one.
    Q_INVOKABLE void load(const QString& pathOrUrl);
    // Frees the model (before deleting its file, for one).
    Q_INVOKABLE void unload();
    // Loads the model used last time when it is among `installed` (runnable models), else
    // the first of them; when that load fails, the next of them, until one loads. Does
    // nothing while one is loaded or loading.
    Q_INVOKABLE void chooseDefault(const QStringList& installed);

    // Stops the worker: a generation at its next token, a load at its next step. Waits at
    // most 1.5 s; a worker still inside one long step then (a big model's upload
    // to the graphics card) is left to end by itself, and nothing it does after this
    // reaches the controllers or the database. Called by the owner before it finishes
    // what the worker was writing.
    void shutdown();
    // Whether a worker that shutdown() left running still runs. main() then ends the process
    // without running the destructors of the libraries that worker still uses.
    static bool workersLeftRunning();

signals:
    void modelChanged();
    void loadProgressChanged();
    void cpuThreadsChanged();
    void gpuLayersChanged();
    void backendPreferenceChanged();
    void defaultModelChanged();
    // A load failed: what to tell the user.
    void loadFailed(const TrText& message);

private:
    void startLoad(const QString& path);
    void onLoaded(const ModelInfo& info);
    void onFailed(const QString& path, const QString& error);

    QSettings* settings_;
    GenerationSettings* generation_ = nullptr;
    QThread* thread_ = nullptr;
    Generator* generator_ = nullptr; // lives on thread_
    bool shutDown_ = false;
    State state_ = State::None;
    ModelInfo model_;
    double loadProgress_ = 0;
    QStringList autoLoad_; // models chooseDefault will try next if the current load fails
};
