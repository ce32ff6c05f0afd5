// Settings → "Local API server": the OpenAI-compatible server inside the app, off until the
// user turns it on. It serves the model the app has loaded, through the app's own worker
// (AppEngine), on 127.0.0.1 only (no API key; another address is `hearth serve`'s). Every
// request it answers goes into the privacy page's list (NetworkLog: time, method, address,
// status). What other programs ask is not stored in the conversations.
//
// Settings (QSettings): server/enabled (bool, default false), server/port (default 8080).
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <memory>

class ModelController;
class NetworkLog;
class QQmlEngine;
class QJSEngine;
class QSettings;

namespace hearth::server {
class ApiServer;
class AppEngine;
} // namespace hearth::server

class LocalApiServer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY stateChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY stateChanged)
    Q_PROPERTY(QString address READ address NOTIFY stateChanged) // base URL, "" when off
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)     // why it could not start
    Q_PROPERTY(int served READ served NOTIFY servedChanged)

public:
    // `settingsFile`: "" for the app's settings file (AppInfo::settingsFile()).
    LocalApiServer(ModelController* models, NetworkLog* log, const QString& settingsFile = {},
                   QObject* parent = nullptr);
    ~LocalApiServer() override;
    static LocalApiServer* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    bool enabled() const { return enabled_; }
    void setEnabled(bool enabled);
    bool running() const { return server_ != nullptr; }
    int port() const { return port_; }
    void setPort(int port);
    QString address() const;
    QString error() const { return error_; }
    int served() const { return served_; }

signals:
    void stateChanged();
    void servedChanged();

private:
    void start();
    void stop();

    QPointer<ModelController> models_;
    QPointer<NetworkLog> log_;
    QSettings* settings_ = nullptr;
    bool enabled_ = false;
    int port_ = 8080;
    QString error_;
    int served_ = 0;                              // since the app started
    hearth::server::AppEngine* engine_ = nullptr; // owned by server_'s queue
    std::unique_ptr<hearth::server::ApiServer> server_;
};
