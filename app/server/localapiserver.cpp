#include "localapiserver.h"

#include "apiserver.h"
#include "appengine.h"
#include "appinfo.h"
#include "modelcatalog.h"
#include "modelcontroller.h"
#include "modelhub.h"
#include "networklog.h"

#include <QCoreApplication>
#include <QQmlEngine>

using namespace hearth::server;

namespace {
const QString kEnabledKey = QStringLiteral("server/enabled");
const QString kPortKey = QStringLiteral("server/port");
} // namespace

LocalApiServer::LocalApiServer(ModelController* models, NetworkLog* log,
                               const QString& settingsFile, QObject* parent)
    : QObject(parent), models_(models), log_(log),
      settings_(AppInfo::settings(settingsFile, this)) {
    enabled_ = settings_->value(kEnabledKey, false).toBool();
    port_ = settings_->value(kPortKey, 8080).toInt();
    if (models != nullptr) {
        connect(models, &ModelController::modelChanged, this, [this] {
            if (engine_ != nullptr && models_) {
                engine_->setSampling(models_->info().sampling);
            }
        });
    }
    // Requests run on the app's worker: the server stops while that thread still runs.
    connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, [this] { stop(); });
    if (enabled_) {
        start();
    }
}

LocalApiServer::~LocalApiServer() {
    stop();
}

LocalApiServer* LocalApiServer::create(QQmlEngine* qmlEngine, QJSEngine*) {
    auto* models = qmlEngine->singletonInstance<ModelController*>("Hearth.Core", "ModelController");
    auto* hub = qmlEngine->singletonInstance<ModelHub*>("Hearth.Core", "ModelHub");
    return new LocalApiServer(models, hub != nullptr ? hub->networkLog() : nullptr);
}

void LocalApiServer::setEnabled(bool enabled) {
    if (enabled == enabled_) {
        return;
    }
    enabled_ = enabled;
    settings_->setValue(kEnabledKey, enabled);
    if (enabled) {
        start();
    } else {
        stop();
        emit stateChanged();
    }
}

void LocalApiServer::setPort(int port) {
    if (port == port_ || port < 1 || port > 65535) {
        return;
    }
    port_ = port;
    settings_->setValue(kPortKey, port);
    if (running()) {
        stop();
        start();
    } else {
        emit stateChanged();
    }
}

QString LocalApiServer::address() const {
    return server_ ? server_->baseUrl().toString() : QString();
}

void LocalApiServer::start() {
    stop();
    error_.clear();
    if (!models_ || models_->generator() == nullptr) {
        error_ = tr("The chat engine is not ready.");
        emit stateChanged();
        return;
    }
    ServerOptions options;
    options.port = quint16(port_);
    auto engine = std::make_unique<AppEngine>(models_->generator());
    engine->setSampling(models_->info().sampling);
    engine_ = engine.get();
    QPointer<ModelController> controller = models_;
    // Only the model the app has loaded is offered.
    auto models = [controller]() -> std::vector<InstalledModel> {
        if (!controller || controller->path().isEmpty() || !controller->ready()) {
            return {};
        }
        return {ModelCatalog::describe(controller->path())};
    };
    server_ = std::make_unique<ApiServer>(options, std::move(engine), models);
    QString problem;
    if (!server_->listen(&problem)) {
        server_.reset();
        engine_ = nullptr;
        error_ = tr("The server could not start: %1").arg(problem);
        emit stateChanged();
        return;
    }
    connect(server_.get(), &ApiServer::servedChanged, this, [this] {
        ++served_;
        emit servedChanged();
    });
    connect(server_.get(), &ApiServer::requestLogged, this,
            [this](const QString& method, const QString& path, int status, const QDateTime& time) {
                if (log_ && server_) {
                    QUrl url = server_->baseUrl();
                    url.setPath(path);
                    log_->recordServed(method, url, status, time);
                }
            });
    emit stateChanged();
}

void LocalApiServer::stop() {
    engine_ = nullptr;
    server_.reset(); // cancels what runs and waits for it
}
