#include "apiserver.h"

#include "connectiontracker.h"
#include "exchange.h"

#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace hearth::server {

using Header = QHttpHeaders::WellKnownHeader;

struct ApiServer::Incoming {
    QString method;
    QString path; // without the query
    QByteArray body;
    QByteArray origin, authorization, host, contentLength;
    QTcpSocket* socket = nullptr;
    QDateTime time;
};

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

QString methodName(QHttpServerRequest::Method method) {
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

// "localhost", "127.0.0.1", "[::1]", with or without a port.
bool isLoopbackHost(const QByteArray& host) {
    QByteArray name = host.trimmed().toLower();
    if (name.startsWith('[')) {
        name = name.mid(1, name.indexOf(']') - 1);
    } else if (name.count(':') == 1) {
        name = name.left(name.indexOf(':'));
    }
    if (name == "localhost") {
        return true;
    }
    const QHostAddress address{QString::fromLatin1(name)};
    return !address.isNull() && address.isLoopback();
}

} // namespace

ApiServer::ApiServer(ServerOptions options, std::unique_ptr<ServerEngine> engine, ModelList models,
                     QObject* parent)
    : QObject(parent), options_(std::move(options)), models_(std::move(models)),
      queue_(std::make_unique<GenerationQueue>(std::move(engine), options_.queueCapacity,
                                               options_.limits.max_tokens)),
      http_(new QHttpServer(this)),
      // Headers and a little slack over the largest body.
      tracker_(new ConnectionTracker(options_.limits.max_body_bytes + (64 << 10), this)) {
    http_->setMissingHandler(
        this, [this](const QHttpServerRequest& request, QHttpServerResponder& responder) {
            handle(request, responder);
        });
}

ApiServer::~ApiServer() {
    queue_.reset(); // no worker callback runs after this
    // Exchanges hold responders, which must go before the HTTP server's connection handlers
    // they point to (children are deleted in creation order, the server's first).
    qDeleteAll(findChildren<Exchange*>(Qt::FindDirectChildrenOnly));
}

bool ApiServer::listen(QString* error) {
    if (!options_.host.isLoopback() && options_.apiKey.isEmpty()) {
        *error = QStringLiteral("listening on %1 needs an API key (--api-key): only 127.0.0.1 "
                                "is served without one")
                     .arg(options_.host.toString());
        return false;
    }
    if (!tracker_->listen(options_.host, options_.port) || !http_->bind(tracker_)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(options_.host.toString())
                     .arg(options_.port)
                     .arg(tracker_->errorString());
        return false;
    }
    return true;
}

quint16 ApiServer::port() const {
    return tracker_->serverPort();
}

QUrl ApiServer::baseUrl() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(options_.host.toString());
    url.setPort(port());
    url.setPath(QStringLiteral("/v1"));
    return url;
}

ApiServer::Headers ApiServer::corsHeaders(const QByteArray& origin) const {
    if (origin.isEmpty() || options_.allowedOrigin.isEmpty() ||
        (options_.allowedOrigin != QLatin1String("*") &&
         origin != options_.allowedOrigin.toUtf8())) {
        return {};
    }
    return {{"Access-Control-Allow-Origin", origin},
            {"Vary", "Origin"},
            {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
            {"Access-Control-Allow-Headers", "Authorization, Content-Type"}};
}

void ApiServer::replyTo(QHttpServerResponder& responder, int status, const QByteArray& body,
                        const QByteArray& origin, const Headers& extra) const {
    QHttpHeaders headers;
    if (!body.isEmpty()) {
        headers.append(Header::ContentType, kJson);
    }
    for (const auto& [name, value] : corsHeaders(origin) + extra) {
        headers.append(name, value);
    }
    responder.write(body, headers, QHttpServerResponder::StatusCode(status));
}

void ApiServer::replyErrorTo(QHttpServerResponder& responder, const ApiError& error,
                             const QByteArray& origin, const Headers& extra) const {
    replyTo(responder, error.status, errorBody(error), origin, extra);
}

void ApiServer::respond(const Incoming& in, QHttpServerResponder& responder, int status,
                        const QByteArray& body, const Headers& extra) {
    replyTo(responder, status, body, in.origin, extra);
    tracker_->answered(in.socket);
    emit requestLogged(in.method, in.path, status, in.time);
}

void ApiServer::respondError(const Incoming& in, QHttpServerResponder& responder,
                             const ApiError& error, const Headers& extra) {
    respond(in, responder, error.status, errorBody(error), extra);
}

void ApiServer::finishExchange(QTcpSocket* socket, bool completed, bool cancelled) {
    tracker_->answered(socket);
    served_ += completed ? 1 : 0;
    cancelled_ += cancelled ? 1 : 0;
    if (completed) {
        emit servedChanged();
    }
}

std::vector<InstalledModel> ApiServer::installedModels() const {
    return models_ ? models_() : std::vector<InstalledModel>{};
}

void ApiServer::handle(const QHttpServerRequest& request, QHttpServerResponder& responder) {
    Incoming in;
    in.method = methodName(request.method());
    in.path = request.url().path();
    in.body = request.body();
    const QHttpHeaders& headers = request.headers();
    in.origin = headers.value(Header::Origin).toByteArray();
    in.authorization = headers.value(Header::Authorization).toByteArray();
    in.host = headers.value(Header::Host).toByteArray();
    in.socket = tracker_->find(request.remoteAddress(), request.remotePort());
    in.time = QDateTime::currentDateTimeUtc();
    dispatch(in, responder);
}

std::optional<ApiError> ApiServer::checkAccess(const Incoming& in) const {
    if (options_.host.isLoopback() && !in.host.isEmpty() && !isLoopbackHost(in.host)) {
        return ApiError{403, "This server answers only requests addressed to this computer.",
                        "invalid_request_error", "", "host_not_allowed"};
    }
    if (!in.origin.isEmpty() && corsHeaders(in.origin).isEmpty()) {
        return ApiError{403, "Requests from web pages are refused unless their origin is allowed.",
                        "invalid_request_error", "", "origin_not_allowed"};
    }
    if (!options_.apiKey.isEmpty() && in.path.startsWith(QLatin1String("/v1/")) &&
        in.authorization != "Bearer " + options_.apiKey.toUtf8()) {
        return ApiError{401,
                        in.authorization.isEmpty()
                            ? "You didn't provide an API key: send it as \"Authorization: "
                              "Bearer KEY\"."
                            : "Incorrect API key provided.",
                        "invalid_request_error", "", "invalid_api_key"};
    }
    return std::nullopt;
}

void ApiServer::dispatch(const Incoming& in, QHttpServerResponder& responder) {
    if (const std::optional<ApiError> refused = checkAccess(in)) {
        return respondError(in, responder, *refused);
    }
    const bool get = in.method == QLatin1String("GET");
    const bool post = in.method == QLatin1String("POST");
    if (in.method == QLatin1String("OPTIONS")) { // a preflight from an allowed origin
        return respond(in, responder, 204, {});
    }
    auto wrongMethod = [&](const char* allowed) {
        respondError(in, responder,
                     ApiError{405,
                              "Use " + std::string(allowed) + " for " + in.path.toStdString() + ".",
                              "invalid_request_error", "", "method_not_allowed"},
                     {{"Allow", allowed}});
    };
    if (in.path == QLatin1String("/health")) {
        if (!get) {
            return wrongMethod("GET");
        }
        const QJsonObject health{{"status", QLatin1String("ok")},
                                 {"served", served_},
                                 {"cancelled", cancelled_},
                                 {"queued", queue_->waiting()}};
        return respond(in, responder, 200, QJsonDocument(health).toJson(QJsonDocument::Compact));
    }
    if (in.path == QLatin1String("/v1/models")) {
        return get ? respond(in, responder, 200, modelsBody(installedModels()))
                   : wrongMethod("GET");
    }
    if (in.path.startsWith(QLatin1String("/v1/models/"))) {
        if (!get) {
            return wrongMethod("GET");
        }
        const std::string id = in.path.mid(11).toStdString();
        for (const InstalledModel& model : installedModels()) {
            if (model.id == id) {
                return respond(in, responder, 200, modelBody(model));
            }
        }
        return respondError(in, responder,
                            ApiError{404, "The model '" + id + "' does not exist.",
                                     "invalid_request_error", "model", "model_not_found"});
    }
    if (in.path == QLatin1String("/v1/chat/completions") ||
        in.path == QLatin1String("/v1/completions")) {
        if (!post) {
            return wrongMethod("POST");
        }
        return generate(
            in, in.path == QLatin1String("/v1/completions") ? Endpoint::Completion : Endpoint::Chat,
            responder);
    }
    respondError(in, responder,
                 ApiError{404,
                          "Unknown path " + in.path.toStdString() +
                              ": Hearth serves /v1/models, /v1/chat/completions, "
                              "/v1/completions and /health.",
                          "invalid_request_error", "", "unknown_url"});
}

void ApiServer::generate(const Incoming& in, Endpoint endpoint, QHttpServerResponder& responder) {
    ParsedRequest parsed = parseRequest(endpoint, in.body, options_.limits);
    if (const ApiError* error = std::get_if<ApiError>(&parsed)) {
        return respondError(in, responder, *error);
    }
    ApiRequest& request = std::get<ApiRequest>(parsed);
    const std::vector<InstalledModel> installed = installedModels();
    // No model named: the loaded one, or the first installed before any is loaded.
    const std::string wanted = request.model.empty() ? queue_->loadedModel() : request.model;
    std::optional<InstalledModel> model;
    for (const InstalledModel& m : installed) {
        const bool named = m.id == wanted || (!wanted.empty() && m.path.ends_with("/" + wanted));
        if (named || (wanted.empty() && !model)) {
            model = m;
        }
    }
    if (!model) {
        std::string names;
        for (const InstalledModel& m : installed) {
            names += (names.empty() ? "" : ", ") + m.id;
        }
        return respondError(in, responder,
                            ApiError{404,
                                     names.empty()
                                         ? "No model is available: none is installed, or none is "
                                           "loaded in Hearth's window."
                                         : "The model '" + request.model +
                                               "' is not installed. Installed: " + names + ".",
                                     "invalid_request_error", "model", "model_not_found"});
    }
    ResponseHead head{
        endpoint, (endpoint == Endpoint::Chat ? "chatcmpl-" : "cmpl-") + std::to_string(nextId_++),
        in.time.toSecsSinceEpoch(), model->id};
    Job job;
    job.request = request;
    job.model = *model;
    auto* exchange = new Exchange(this, std::move(responder), std::move(head), request, in.socket,
                                  in.origin, in.method, in.path, in.time);
    exchange->attach(job);
    if (!queue_->submit(std::move(job))) {
        const double wait =
            std::max(1.0, std::ceil(queue_->averageSeconds() * (queue_->waiting() + 1)));
        // The exchange never got a job: answer through it and let it go.
        exchange->refuse(ApiError{503,
                                  "Hearth is busy: " + std::to_string(queue_->waiting()) +
                                      " requests are waiting. Try again shortly.",
                                  "server_error", "", "queue_full"},
                         {{"Retry-After", QByteArray::number(qint64(wait))}});
    }
}

} // namespace hearth::server
