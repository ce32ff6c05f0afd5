#include "modelcontroller.h"

#include "chatcontroller.h"
#include "enginetext.h"
#include "localpath.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QLocale>
#include <QPointer>
#include <QQmlEngine>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <algorithm>
#include <vector>

namespace {

// Quitting waits this long for the worker: a token, a prompt batch or a load step end
// sooner; only one long step (a big model's upload) takes longer.
constexpr int kWorkerStopMs = 1500;

// The worker threads shutdown() left running (a running QThread must not be deleted): each
// deletes itself once it ends and the event loop runs. Touched on the GUI thread only.
std::vector<QPointer<QThread>>& leftRunning() {
    static std::vector<QPointer<QThread>> threads;
    return threads;
}

} // namespace

ModelController::ModelController(QSettings* settings, QObject* parent)
    : QObject(parent), settings_(settings), generation_(new GenerationSettings(settings, this)) {
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("inference"));
    generator_ = new Generator;
    generator_->moveToThread(thread_);
    connect(thread_, &QThread::finished, generator_, &QObject::deleteLater);
    connect(generator_, &Generator::loadProgress, this, [this](const QString&, double fraction) {
        loadProgress_ = fraction;
        emit loadProgressChanged();
    });
    connect(generator_, &Generator::modelLoaded, this, &ModelController::onLoaded);
    connect(generator_, &Generator::modelFailed, this, &ModelController::onFailed);
    thread_->start();
    // The fallback reason and device name are translated when read: ask QML to read again.
    whenLanguageChanges(this, [this] { emit modelChanged(); });
}

ModelController::~ModelController() {
    shutdown();
}

ModelController* ModelController::create(QQmlEngine* qmlEngine, QJSEngine*) {
    auto* chat = qmlEngine->singletonInstance<ChatController*>("Hearth.Core", "ChatController");
    ModelController* models = chat->models();
    QJSEngine::setObjectOwnership(models, QJSEngine::CppOwnership); // ChatController's child
    return models;
}

void ModelController::shutdown() {
    if (shutDown_) {
        return;
    }
    shutDown_ = true;
    // Queued requests (a load, a generation) find the quit flag and return at once.
    generator_->requestQuit();
    thread_->quit();
    if (!thread_->wait(QDeadlineTimer(kWorkerStopMs))) {
        // The generator reports to no one any more (its signals were queued to this
        // object's thread: those still pending go with this object) and is deleted on its
        // own thread when that ends.
        disconnect(generator_, nullptr, nullptr, nullptr);
        thread_->setParent(nullptr);
        connect(thread_, &QThread::finished, thread_, &QObject::deleteLater);
        leftRunning().emplace_back(thread_);
    }
}

bool ModelController::workersLeftRunning() {
    const std::vector<QPointer<QThread>>& threads = leftRunning();
    return std::any_of(threads.begin(), threads.end(),
                       [](const QPointer<QThread>& t) { return t && t->isRunning(); });
}

QString ModelController::gpuInUse() const {
    return state_ == State::Ready && model_.backend.kind == "vulkan"
               ? QString::fromStdString(model_.backend.device)
               : QString();
}

QString ModelController::fallbackReason() const {
    return fallbackReasonText(model_.fallback).toString();
}

QString ModelController::displayBackend(const hearth::BackendDescription& backend) {
    const QString device = QString::fromStdString(backend.device);
    if (backend.kind == "cpu") {
        return device.isEmpty()
                   ? QCoreApplication::translate("ChatController", "CPU")
                   : QCoreApplication::translate("ChatController", "CPU (%1)").arg(device);
    }
    if (backend.kind == "cpu-reference") {
        return QCoreApplication::translate("ChatController", "CPU (reference)");
    }
    const QString name = device.isEmpty() ? QString::fromStdString(backend.kind) : device;
    if (backend.split()) {
        return QCoreApplication::translate("ChatController", "%1, %2 of %3 layers")
            .arg(name)
            .arg(backend.gpu_layers)
            .arg(backend.n_layers);
    }
    return name;
}

QString ModelController::backendMeasurements() const {
    QStringList parts;
    for (const hearth::BackendMeasurement& m : model_.measurements) {
        parts.append(QCoreApplication::translate("ChatController", "%1: %2 tokens/s")
                         .arg(displayBackend(m.backend))
                         .arg(QLocale().toString(m.generate_tps, 'f', 1)));
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

void ModelController::load(const QString& pathOrUrl) {
    autoLoad_.clear(); // the user's choice ends any automatic one
    startLoad(localPath(pathOrUrl));
}

void ModelController::startLoad(const QString& path) {
    if (path.isEmpty() || (path == model_.path && state_ == State::Ready)) {
        return;
    }
    // A generation in flight ends at its next token; the load is queued behind it.
    generator_->requestStop();
    model_ = ModelInfo{};
    model_.path = path;
    model_.name = QFileInfo(path).completeBaseName();
    state_ = State::Loading;
    loadProgress_ = 0;
    emit loadProgressChanged();
    emit modelChanged();
    const QString cache =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/vulkan-pipelines.bin";
    QDir().mkpath(QFileInfo(cache).absolutePath());
    const QString speeds = QFileInfo(cache).absolutePath() + "/backend-speeds.tsv";
    QMetaObject::invokeMethod(generator_, &Generator::loadModel, Qt::QueuedConnection, path,
                              backendPreference(),
                              generation_->contextLengthFor(QFileInfo(path).fileName()), cache,
                              speeds, cpuThreads(), gpuLayers());
}

void ModelController::unload() {
    generator_->requestStop();
    model_ = ModelInfo{};
    state_ = State::None;
    emit modelChanged();
    QMetaObject::invokeMethod(generator_, &Generator::unloadModel, Qt::QueuedConnection);
}

void ModelController::chooseDefault(const QStringList& installed) {
    if (state_ == State::Loading || state_ == State::Ready || installed.isEmpty()) {
        return;
    }
    autoLoad_ = installed;
    if (const QString chosen = defaultModel(); autoLoad_.removeOne(chosen)) {
        autoLoad_.prepend(chosen);
    }
    startLoad(autoLoad_.takeFirst());
}

void ModelController::onLoaded(const ModelInfo& info) {
    if (info.path != model_.path) {
        return; // an earlier load, superseded by the user's newer choice
    }
    model_ = info;
    autoLoad_.clear();
    state_ = State::Ready;
    settings_->setValue("chat/model", info.path);
    generation_->setModel(QFileInfo(info.path).fileName(), info.sampling, info.trained_context,
                          info.thinking_budget, info.reasoning_effort);
    loadProgress_ = 1;
    emit loadProgressChanged();
    emit modelChanged();
}

void ModelController::onFailed(const QString& path, const QString& error) {
    if (path != model_.path) {
        return;
    }
    state_ = State::Failed;
    emit modelChanged();
    emit loadFailed(TrText("ChatController",
                           QT_TRANSLATE_NOOP("ChatController", "Hearth could not load %1: %2"),
                           {QFileInfo(path).fileName(), error}));
    // A model the library found runnable can still fail to load (its file changed, the
    // memory ran out): an automatic choice goes on with the next one, the notice stays.
    if (!autoLoad_.isEmpty()) {
        startLoad(autoLoad_.takeFirst());
    }
}

QString ModelController::backendPreference() const {
    return settings_->value("chat/backend", "auto").toString();
}

void ModelController::setBackendPreference(const QString& backend) {
    if (backend != backendPreference()) {
        settings_->setValue("chat/backend", backend);
        emit backendPreferenceChanged();
    }
}

int ModelController::cpuThreads() const {
    return std::max(0, settings_->value("chat/threads", 0).toInt());
}

void ModelController::setCpuThreads(int threads) {
    threads = std::clamp(threads, 0, 256);
    if (threads != cpuThreads()) {
        settings_->setValue("chat/threads", threads);
        emit cpuThreadsChanged();
    }
}

int ModelController::gpuLayers() const {
    return std::max(-1, settings_->value("chat/gpuLayers", -1).toInt());
}

void ModelController::setGpuLayers(int layers) {
    layers = std::clamp(layers, -1, 1024);
    if (layers != gpuLayers()) {
        settings_->setValue("chat/gpuLayers", layers);
        emit gpuLayersChanged();
    }
}

QString ModelController::defaultModel() const {
    return settings_->value("chat/defaultModel", settings_->value("chat/model")).toString();
}

void ModelController::setDefaultModel(const QString& pathOrUrl) {
    const QString path = localPath(pathOrUrl);
    if (path != defaultModel()) {
        settings_->setValue("chat/defaultModel", path);
        emit defaultModelChanged();
    }
}
