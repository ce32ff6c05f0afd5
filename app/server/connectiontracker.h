// The listening socket of the server, keeping hold of every connection it accepts so the
// server can tell when a client goes away: Qt HttpServer (6.8) gives a route no signal for
// that, so the tracker makes the sockets itself (QTcpServer::incomingConnection), hands them
// to the HTTP server as pending connections, and finds a request's socket again by the
// client's address and port.
//
// It also bounds what a client may send unanswered: a connection that has sent more than
// `maxUnanswered` bytes since its last answer is closed (Qt HttpServer buffers a whole body
// before a route sees it, so the route's 413 alone would not stop a client from filling the
// memory).
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace hearth::server {

class ConnectionTracker : public QTcpServer {
    Q_OBJECT

public:
    explicit ConnectionTracker(qint64 maxUnanswered, QObject* parent = nullptr);

    // The connection a request came on; null when it has gone.
    QTcpSocket* find(const QHostAddress& peer, quint16 port) const;
    // An answer was sent on `socket`: its count of unanswered bytes starts again.
    void answered(QTcpSocket* socket);
    int open() const { return int(sockets_.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    static QString key(const QHostAddress& peer, quint16 port);

    qint64 maxUnanswered_;
    QHash<QString, QPointer<QTcpSocket>> sockets_;
};

} // namespace hearth::server
