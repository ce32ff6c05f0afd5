#include "testhttpsserver.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <algorithm>

namespace {

constexpr int kMaxHeadBytes = 16 * 1024;

QByteArray header(const QByteArray& head, const QByteArray& name) {
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

QByteArray reason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 206:
        return "Partial Content";
    case 302:
        return "Found";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

TestHttpsServer::TestHttpsServer(QObject* parent) : QObject(parent) {
    connect(&server_, &QTcpServer::pendingConnectionAvailable, this,
            &TestHttpsServer::onConnection);
}

bool TestHttpsServer::start(const QString& dataDir) {
    QFile cert(dataDir + QStringLiteral("/test-server.crt"));
    QFile key(dataDir + QStringLiteral("/test-server.key"));
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        return false;
    }
    certificate_ = QSslCertificate(cert.readAll(), QSsl::Pem);
    const QSslKey privateKey(key.readAll(), QSsl::Ec, QSsl::Pem);
    if (certificate_.isNull() || privateKey.isNull()) {
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate_);
    configuration.setPrivateKey(privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients send no certificate
    server_.setSslConfiguration(configuration);
    return server_.listen(QHostAddress::LocalHost, 0);
}

QUrl TestHttpsServer::url(const QByteArray& path) const {
    return QUrl(QStringLiteral("https://127.0.0.1:%1%2")
                    .arg(server_.serverPort())
                    .arg(QString::fromLatin1(path)));
}

QSslConfiguration TestHttpsServer::clientSslConfiguration() const {
    // Only this certificate is trusted: not the system's authorities, and nothing is ignored.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({certificate_});
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

int TestHttpsServer::requestCount(const QByteArray& path) const {
    return int(std::count_if(requests_.begin(), requests_.end(), [&](const TestRequest& r) {
        return path.isEmpty() || r.path == path;
    }));
}

void TestHttpsServer::onConnection() {
    while (server_.hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(server_.nextPendingConnection());
        if (socket == nullptr) {
            continue;
        }
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0) {
            onReadyRead(socket);
        }
    }
}

void TestHttpsServer::onReadyRead(QSslSocket* socket) {
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffer.size() > kMaxHeadBytes) {
            socket->abort();
        } else {
            socket->setProperty("buffer", buffer);
        }
        return;
    }
    socket->setProperty("buffer", QByteArray());
    disconnect(socket, &QSslSocket::readyRead, this, nullptr);
    respond(socket, buffer.left(end));
}

void TestHttpsServer::respond(QSslSocket* socket, const QByteArray& head) {
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    TestRequest request;
    request.path = requestLine.value(1);
    request.range = header(head, "Range");
    request.ifRange = header(head, "If-Range");

    QByteArray response;
    QByteArray body;
    bool cut = false;
    bool stall = false;
    auto finish = [&](int status, const QByteArray& extra) {
        request.status = status;
        response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n" +
                   extra +
                   "Content-Length: " + QByteArray::number(status >= 300 ? body.size() : 0) +
                   "\r\nConnection: close\r\n\r\n";
    };

    if (!routes_.contains(request.path)) {
        body = "no such file";
        finish(404, {});
    } else {
        TestRoute& route = routes_[request.path];
        QByteArray extra = route.headers;
        if (!route.etag.isEmpty()) {
            extra += "ETag: \"" + route.etag + "\"\r\n";
        }
        if (!route.linkedEtag.isEmpty()) {
            extra += "X-Linked-Etag: \"" + route.linkedEtag + "\"\r\n";
        }
        if (route.linkedSize >= 0) {
            extra += "X-Linked-Size: " + QByteArray::number(route.linkedSize) + "\r\n";
        }
        if (route.status >= 300 && route.status < 400) {
            finish(route.status, extra + "Location: " + route.location + "\r\n");
        } else if (route.status >= 400) {
            body = "error";
            finish(route.status, extra);
        } else {
            const qint64 size = route.body.size();
            qint64 start = 0;
            qint64 end = size; // exclusive
            bool closedRange = false;
            const bool validatorOk =
                request.ifRange.isEmpty() || request.ifRange == "\"" + route.etag + "\"";
            if (route.ranges && request.range.startsWith("bytes=") && validatorOk) {
                const qsizetype dash = request.range.indexOf('-');
                start = request.range.mid(6, dash - 6).toLongLong();
                const QByteArray last = request.range.mid(dash + 1).trimmed();
                if (!last.isEmpty()) {
                    closedRange = true;
                    end = std::min(size, last.toLongLong() + 1);
                }
            }
            if (start >= size && start > 0) {
                extra += "Content-Range: bytes */" + QByteArray::number(size) + "\r\n";
                finish(416, extra);
            } else {
                qint64 stop = end;
                for (qint64 offset : std::as_const(route.cuts)) {
                    if (offset > start && offset < stop) {
                        stop = offset;
                        cut = true;
                    }
                }
                if (route.stallAt > start && route.stallAt < stop) {
                    stop = route.stallAt;
                    cut = false;
                    stall = true;
                    route.stallAt = -1;
                }
                if (cut) {
                    route.cuts.removeAll(stop);
                }
                const bool partial = start > 0 || closedRange;
                if (route.ranges) {
                    extra += "Accept-Ranges: bytes\r\n";
                }
                if (partial) {
                    extra += "Content-Range: bytes " + QByteArray::number(start) + '-' +
                             QByteArray::number(end - 1) + '/' + QByteArray::number(size) + "\r\n";
                }
                request.status = partial ? 206 : 200;
                request.start = start;
                response = "HTTP/1.1 " + QByteArray::number(request.status) + ' ' +
                           reason(request.status) + "\r\n" + extra +
                           "Content-Length: " + QByteArray::number(end - start) +
                           "\r\nConnection: close\r\n\r\n";
                body = route.body.mid(start, stop - start);
                served_[request.path] += body.size();
            }
        }
    }
    requests_.append(request);
    socket->write(response);
    socket->write(body);
    if (stall) {
        stalled_.append(socket); // silent but open until the client gives up
        return;
    }
    socket->disconnectFromHost(); // after the buffered bytes; early when `cut`
}
