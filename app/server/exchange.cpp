#include "exchange.h"

#include "apiserver.h"
#include "connectiontracker.h"

#include <QHttpHeaders>

namespace hearth::server {

namespace {

constexpr int kClientGone = 499; // logged when the client left before its answer was complete

std::string finishName(FinishReason reason) {
    return reason == FinishReason::Length ? "length" : "stop";
}

} // namespace

Exchange::Exchange(ApiServer* server, QHttpServerResponder&& responder, ResponseHead head,
                   const ApiRequest& request, QTcpSocket* socket, QByteArray origin, QString method,
                   QString path, QDateTime time)
    : QObject(server), server_(server), responder_(std::move(responder)), head_(std::move(head)),
      stream_(request.stream), includeUsage_(request.include_usage), socket_(socket),
      origin_(std::move(origin)), method_(std::move(method)), path_(std::move(path)),
      time_(std::move(time)) {
    if (socket == nullptr) {
        onDisconnected(); // gone before the request was taken
    } else {
        connect(socket, &QAbstractSocket::disconnected, this, &Exchange::onDisconnected);
        connect(socket, &QObject::destroyed, this, &Exchange::onDisconnected);
    }
}

void Exchange::attach(Job& job) {
    job.cancel = cancel_;
    // The worker outlives no exchange: `finished` is its last event for this one, and the
    // exchange deletes itself only when handling it; posted events run in order.
    job.started = [this](int promptTokens) {
        QMetaObject::invokeMethod(
            this, [this, promptTokens] { onStarted(promptTokens); }, Qt::QueuedConnection);
    };
    job.delta = [this](std::string_view answer, std::string_view reasoning) {
        QMetaObject::invokeMethod(
            this, [this, a = std::string(answer), r = std::string(reasoning)] { onDelta(a, r); },
            Qt::QueuedConnection);
    };
    job.finished = [this](const JobOutcome& outcome) {
        QMetaObject::invokeMethod(
            this, [this, outcome] { onFinished(outcome); }, Qt::QueuedConnection);
    };
}

void Exchange::refuse(const ApiError& error,
                      const QList<std::pair<QByteArray, QByteArray>>& extra) {
    server_->replyErrorTo(responder_, error, origin_, extra);
    log(error.status);
    server_->finishExchange(socket_, false, false);
    deleteLater();
}

void Exchange::onDisconnected() {
    if (!gone_) {
        gone_ = true;
        cancel_->store(true);
    }
}

void Exchange::sendHeaders() {
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/event-stream");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache");
    for (const auto& [name, value] : server_->corsHeaders(origin_)) {
        headers.append(name, value);
    }
    responder_.writeBeginChunked(headers);
    headersSent_ = true;
}

void Exchange::writeChunk(const QByteArray& data) {
    if (!gone_) {
        responder_.writeChunk(data);
    }
}

void Exchange::onStarted(int promptTokens) {
    promptTokens_ = promptTokens;
    if (stream_ && !gone_) {
        sendHeaders();
        writeChunk(
            chunkEvent(head_, std::nullopt, std::nullopt, true, std::nullopt, includeUsage_));
    }
}

void Exchange::onDelta(const std::string& answer, const std::string& reasoning) {
    if (!stream_) {
        answer_ += answer;
        reasoning_ += reasoning;
        return;
    }
    if (head_.endpoint == Endpoint::Chat && !reasoning.empty()) {
        writeChunk(chunkEvent(head_, std::nullopt, reasoning, false, std::nullopt, includeUsage_));
    }
    if (!answer.empty()) {
        writeChunk(chunkEvent(head_, answer, std::nullopt, false, std::nullopt, includeUsage_));
    }
}

void Exchange::onFinished(const JobOutcome& outcome) {
    deleteLater();
    if (gone_) {
        log(kClientGone);
        server_->finishExchange(socket_, false, true);
        return;
    }
    if (!outcome.ok) {
        if (headersSent_) { // only a backend failure can come after the headers
            responder_.writeEndChunked(errorEvent(outcome.error));
            log(200);
        } else {
            server_->replyErrorTo(responder_, outcome.error, origin_);
            log(outcome.error.status);
        }
        server_->finishExchange(socket_, false, false);
        return;
    }
    const Usage usage{outcome.stats.prompt_tokens, outcome.stats.completion_tokens};
    const std::string finish = finishName(outcome.stats.finish);
    const bool cancelled = outcome.stats.finish == FinishReason::Cancelled;
    if (stream_) {
        if (!headersSent_) {
            sendHeaders(); // cancelled before the prompt was read
        }
        writeChunk(chunkEvent(head_, std::nullopt, std::nullopt, false, finish, includeUsage_));
        if (includeUsage_) {
            writeChunk(usageEvent(head_, usage));
        }
        responder_.writeEndChunked(doneEvent()); // Qt refuses an empty last chunk
    } else {
        server_->replyTo(responder_, 200, completionBody(head_, answer_, reasoning_, finish, usage),
                         origin_);
    }
    log(200);
    server_->finishExchange(socket_, !cancelled, cancelled);
}

void Exchange::log(int status) {
    if (!logged_) {
        logged_ = true;
        emit server_->requestLogged(method_, path_, status, time_);
    }
}

} // namespace hearth::server
