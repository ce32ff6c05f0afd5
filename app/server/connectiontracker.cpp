#include "connectiontracker.h"

namespace hearth::server {

namespace {
const char* const kUnanswered = "hearthUnansweredBytes";
} // namespace

ConnectionTracker::ConnectionTracker(qint64 maxUnanswered, QObject* parent)
    : QTcpServer(parent), maxUnanswered_(maxUnanswered) {}

QString ConnectionTracker::key(const QHostAddress& peer, quint16 port) {
    return peer.toString() + QLatin1Char('|') + QString::number(port);
}

void ConnectionTracker::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QString id = key(socket->peerAddress(), socket->peerPort());
    sockets_.insert(id, socket);
    connect(socket, &QObject::destroyed, this, [this, id] { sockets_.remove(id); });
    // Connected before the HTTP server's own handler, so this sees each read's new bytes
    // (bytesAvailable) before the handler takes them.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        const qint64 total = socket->property(kUnanswered).toLongLong() + socket->bytesAvailable();
        socket->setProperty(kUnanswered, total);
        if (total > maxUnanswered_) {
            socket->abort();
        }
    });
    addPendingConnection(socket);
}

QTcpSocket* ConnectionTracker::find(const QHostAddress& peer, quint16 port) const {
    const QPointer<QTcpSocket> socket = sockets_.value(key(peer, port));
    return socket && socket->state() == QAbstractSocket::ConnectedState ? socket.data() : nullptr;
}

void ConnectionTracker::answered(QTcpSocket* socket) {
    if (socket != nullptr) {
        socket->setProperty(kUnanswered, 0);
    }
}

} // namespace hearth::server
