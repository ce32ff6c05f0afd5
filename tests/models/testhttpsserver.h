// A small HTTPS/1.1 server on 127.0.0.1 for the download and catalog tests: real TLS with a
// test-only self-signed certificate (tests/models/data/test-server.crt, see README.md there),
// trusted by the client through clientSslConfiguration() and nowhere else, so certificate
// verification stays on.
//
// Each path has a Route saying how to misbehave: ignore Range, cut the connection at given
// offsets, stall, answer an error or a redirect, and which ETag / X-Linked-* headers to send.
// Every request is logged for assertions. One request per connection ("Connection: close").
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslConfiguration>
#include <QSslServer>
#include <QUrl>

class QSslSocket;

struct TestRoute {
    QByteArray body;        // the file (or the catalog)
    int status = 200;       // 3xx: redirect to `location`; >= 400: an error page
    QByteArray location;    // for 3xx, sent as is
    bool ranges = true;     // honour Range, "bytes=<first>-[<last>]" (If-Range against `etag`)
    QByteArray etag;        // sent quoted as ETag when not empty
    QByteArray linkedEtag;  // X-Linked-Etag (quoted) when not empty
    qint64 linkedSize = -1; // X-Linked-Size when >= 0
    QList<qint64> cuts;     // absolute offsets; a response reaching one sends up to it and
                            // closes the connection (each offset is used once)
    qint64 stallAt = -1;    // a response reaching it sends up to it and then goes silent
                            // with the connection open (used once)
    QByteArray headers;     // more header lines, each ending in \r\n (e.g. Retry-After)
};

struct TestRequest {
    QByteArray path;
    QByteArray range;   // the Range header, empty when absent
    QByteArray ifRange; // the If-Range header
    int status = 0;     // what the server answered
    qint64 start = 0;   // first byte of the body sent
};

class TestHttpsServer : public QObject {
    Q_OBJECT

public:
    explicit TestHttpsServer(QObject* parent = nullptr);

    // Loads the certificate from `dataDir` and listens on 127.0.0.1 (a free port).
    bool start(const QString& dataDir);
    QUrl url(const QByteArray& path) const;
    QSslConfiguration clientSslConfiguration() const;

    void setRoute(const QByteArray& path, const TestRoute& route) { routes_[path] = route; }
    TestRoute& route(const QByteArray& path) { return routes_[path]; }

    const QList<TestRequest>& requests() const { return requests_; }
    int requestCount(const QByteArray& path = {}) const;
    void clearLog() { requests_.clear(); }
    // Bytes of bodies sent so far for `path`.
    qint64 bytesServed(const QByteArray& path) const { return served_.value(path); }

private:
    void onConnection();
    void onReadyRead(QSslSocket* socket);
    void respond(QSslSocket* socket, const QByteArray& head);

    QSslServer server_;
    QSslCertificate certificate_;
    QHash<QByteArray, TestRoute> routes_;
    QHash<QByteArray, qint64> served_;
    QList<TestRequest> requests_;
    QList<QSslSocket*> stalled_;
};
