// A small HTTP client for the server tests, on QNetworkAccessManager (no curl): one call
// sends a request and waits for the whole answer; streams can be read as they come and
// dropped after the first event. Each Client has its own manager, so its connections are
// its own (QNetworkAccessManager opens at most six per host).
#pragma once

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>
#include <functional>

struct HttpAnswer {
    int status = 0; // 0: no HTTP answer (connection closed, refused)
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const { return json().value("error").toObject().value("code").toString(); }
    // A whole chat completion's answer: choices[0].message.content.
    QString content() const {
        const QJsonObject choice = json().value("choices").toArray().first().toObject();
        return choice.value("message").toObject().value("content").toString();
    }
    // The data: lines of an event stream, "[DONE]" included.
    QList<QByteArray> events() const {
        QList<QByteArray> out;
        for (const QByteArray& block : body.split('\n')) {
            if (block.startsWith("data: ")) {
                out << block.mid(6);
            }
        }
        return out;
    }
};

class Client {
public:
    explicit Client(QUrl base) : base_(std::move(base)) {}

    QNetworkRequest request(const QString& path,
                            const QList<std::pair<QByteArray, QByteArray>>& headers = {}) const {
        QUrl url = base_;
        url.setPath(path);
        QNetworkRequest r(url);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers) {
            r.setRawHeader(name, value);
        }
        return r;
    }

    QNetworkReply* start(const QByteArray& method, const QString& path, const QByteArray& body,
                         const QList<std::pair<QByteArray, QByteArray>>& headers = {}) {
        return method == "GET" ? manager_.get(request(path, headers))
                               : manager_.post(request(path, headers), body);
    }

    static HttpAnswer finish(QNetworkReply* reply, int timeoutMs = 60000) {
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        HttpAnswer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.error = reply->error();
        for (const auto& [name, value] : reply->rawHeaderPairs()) {
            a.headers.insert(name.toLower(), value);
        }
        reply->deleteLater();
        return a;
    }

    HttpAnswer get(const QString& path,
                   const QList<std::pair<QByteArray, QByteArray>>& headers = {}) {
        return finish(start("GET", path, {}, headers));
    }
    HttpAnswer post(const QString& path, const QByteArray& body,
                    const QList<std::pair<QByteArray, QByteArray>>& headers = {}) {
        return finish(start("POST", path, body, headers));
    }

private:
    QUrl base_;
    QNetworkAccessManager manager_;
};

// Runs the event loop until `done` holds or `ms` pass; whether it held.
inline bool waitFor(const std::function<bool()>& done, int ms = 30000) {
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            loop.quit();
        }
    });
    poll.start(5);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    if (!done()) {
        loop.exec();
    }
    return done();
}
