// One generation request between its arrival and its answer, on the server's thread. It
// holds the HTTP responder and turns the worker's events (posted to it, in order) into the
// response: for a stream, the event-stream headers once the prompt fits (so a prompt that
// does not fit still gets a plain 400), then one chunk per delta, the finish chunk, the usage
// chunk (stream_options.include_usage) and [DONE]; otherwise one JSON body at the end.
//
// Lifetime: made by the server with the server as parent; the worker's last event for it is
// always `finished`, after which it deletes itself. If its client disconnects first, it sets
// the job's cancel flag and writes nothing more.
#pragma once

#include "apijson.h"
#include "generationqueue.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

namespace hearth::server {

class ApiServer;

class Exchange : public QObject {
    Q_OBJECT

public:
    Exchange(ApiServer* server, QHttpServerResponder&& responder, ResponseHead head,
             const ApiRequest& request, QTcpSocket* socket, QByteArray origin, QString method,
             QString path, QDateTime time);

    // The callbacks for the job: each posts to this object's thread.
    void attach(Job& job);
    // The queue did not take the job: answers `error` and goes.
    void refuse(const ApiError& error, const QList<std::pair<QByteArray, QByteArray>>& extra);

private:
    void onStarted(int promptTokens);
    void onDelta(const std::string& answer, const std::string& reasoning);
    void onFinished(const JobOutcome& outcome);
    void onDisconnected();
    void sendHeaders();
    void writeChunk(const QByteArray& data);
    void log(int status);

    ApiServer* server_;
    QHttpServerResponder responder_;
    ResponseHead head_;
    bool stream_ = false;
    bool includeUsage_ = false;
    QPointer<QTcpSocket> socket_;
    QByteArray origin_;
    QString method_, path_;
    QDateTime time_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    bool gone_ = false;
    bool headersSent_ = false;
    bool logged_ = false;
    int promptTokens_ = 0;
    std::string answer_, reasoning_; // not streamed: the whole text
};

} // namespace hearth::server
