// Hearth's OpenAI-compatible HTTP server (Qt HttpServer):
//   GET  /v1/models, /v1/models/{id}   the installed models
//   POST /v1/chat/completions          chat, streamed as server-sent events or whole
//   POST /v1/completions               raw text completion, the same
//   GET  /health                       {"status":"ok","served","cancelled","queued"}
// Generations run one at a time on the queue's worker (generationqueue.h); a request whose
// client disconnects is cancelled (while waiting, or within one prompt batch or token).
//
// Security: the address is 127.0.0.1 unless the owner chooses another, and any other address
// requires an API key (listen() refuses otherwise); with a key every /v1 request needs
// "Authorization: Bearer KEY" (401). Browsers: no CORS headers unless an origin is allowed,
// and a request that carries an Origin header other than the allowed one is refused (403),
// so a web page cannot make the model work for it; on a loopback address the Host header must
// name a loopback host (403), against DNS rebinding. Bodies over Limits::max_body_bytes: 413.
// Every request is reported by requestLogged (method, path, status, time; never a body).
// Status 499 is logged for a client that went away before its answer was complete.
#pragma once

#include "apirequest.h"
#include "generationqueue.h"

#include <QDateTime>
#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace hearth::server {

class ConnectionTracker;

struct ServerOptions {
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; // 0: any free port (tests)
    QString apiKey;
    QString allowedOrigin; // "" none; "*" any
    Limits limits;
    int queueCapacity = 32; // requests waiting besides the one running
};

using ModelList = std::function<std::vector<InstalledModel>()>;

class ApiServer : public QObject {
    Q_OBJECT

public:
    ApiServer(ServerOptions options, std::unique_ptr<ServerEngine> engine, ModelList models,
              QObject* parent = nullptr);
    ~ApiServer() override;

    // Starts listening; false with the reason in `error` (address in use, a non-local
    // address without an API key).
    bool listen(QString* error);
    quint16 port() const;
    QUrl baseUrl() const; // http://HOST:PORT/v1
    GenerationQueue& queue() { return *queue_; }

    int served() const { return served_; }
    int cancelled() const { return cancelled_; }

signals:
    void requestLogged(const QString& method, const QString& path, int status,
                       const QDateTime& time);
    void servedChanged();

public:
    // For Exchange: answers, CORS headers and the end of a generation request.
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    Headers corsHeaders(const QByteArray& origin) const;
    void replyTo(QHttpServerResponder& responder, int status, const QByteArray& body,
                 const QByteArray& origin, const Headers& extra = {}) const;
    void replyErrorTo(QHttpServerResponder& responder, const ApiError& error,
                      const QByteArray& origin, const Headers& extra = {}) const;
    void finishExchange(QTcpSocket* socket, bool completed, bool cancelled);

private:
    struct Incoming;
    void handle(const QHttpServerRequest& request, QHttpServerResponder& responder);
    void dispatch(const Incoming& in, QHttpServerResponder& responder);
    void generate(const Incoming& in, Endpoint endpoint, QHttpServerResponder& responder);
    void respond(const Incoming& in, QHttpServerResponder& responder, int status,
                 const QByteArray& body, const Headers& extra = {});
    void respondError(const Incoming& in, QHttpServerResponder& responder, const ApiError& error,
                      const Headers& extra = {});
    std::optional<ApiError> checkAccess(const Incoming& in) const;
    std::vector<InstalledModel> installedModels() const;

    ServerOptions options_;
    ModelList models_;
    std::unique_ptr<GenerationQueue> queue_;
    QHttpServer* http_ = nullptr;
    ConnectionTracker* tracker_ = nullptr;
    int served_ = 0;
    int cancelled_ = 0;
    quint64 nextId_ = 1;
};

} // namespace hearth::server
