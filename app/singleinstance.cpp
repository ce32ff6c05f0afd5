#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>

namespace {

// The request a later launch sends; the first instance answers with the same line.
constexpr char kRaise[] = "raise\n";
constexpr int kConnectMs = 2000;

// A socket per database, in the user's private runtime folder (0700), else the temp folder.
QString socketPathFor(const QString& databasePath) {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty()) {
        dir = QDir::tempPath();
    }
    const QByteArray id =
        QCryptographicHash::hash(QFileInfo(databasePath).absoluteFilePath().toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(16);
    return dir + QStringLiteral("/hearth-") + QString::fromLatin1(id) + QStringLiteral(".sock");
}

} // namespace

SingleInstance::SingleInstance(const QString& databasePath, QObject* parent)
    : QObject(parent), socketPath_(socketPathFor(databasePath)),
      lock_(databasePath + QStringLiteral(".lock")) {
    lock_.setStaleLockTime(0); // stale only when its process is gone, however old
}

SingleInstance::~SingleInstance() = default;

void SingleInstance::release() {
    server_.reset(); // removes the socket file
    lock_.unlock();
}

SingleInstance::Claim SingleInstance::claim() {
    QDir().mkpath(QFileInfo(lock_.fileName()).absolutePath());
    if (lock_.tryLock(0)) {
        // Any socket file left at our path is a crashed instance's: ours now.
        QLocalServer::removeServer(socketPath_);
        server_ = std::make_unique<QLocalServer>();
        server_->setSocketOptions(QLocalServer::UserAccessOption);
        connect(server_.get(), &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* peer = server_->nextPendingConnection()) {
                connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
                connect(peer, &QLocalSocket::readyRead, this, [this, peer] {
                    if (peer->canReadLine() && peer->readLine() == kRaise) {
                        peer->write(kRaise);
                        peer->flush();
                        emit raiseRequested();
                    }
                });
            }
        });
        // Without the socket the app still runs; only a later launch cannot raise it.
        server_->listen(socketPath_);
        return Claim::First;
    }
    if (lock_.error() != QLockFile::LockFailedError) {
        message_ = tr("Hearth cannot create the lock file %1 beside your conversations.")
                       .arg(lock_.fileName());
        return Claim::Refused;
    }
    QLocalSocket socket;
    socket.connectToServer(socketPath_);
    if (socket.waitForConnected(kConnectMs)) {
        socket.write(kRaise);
        if (socket.waitForBytesWritten(kConnectMs) && socket.waitForReadyRead(kConnectMs) &&
            socket.readLine() == kRaise) {
            return Claim::Raised;
        }
    }
    qint64 pid = 0;
    QString host, app;
    lock_.getLockInfo(&pid, &host, &app);
    message_ = tr("Hearth is already running (process %1) with these conversations, but does not "
                  "answer. Close it, then start Hearth again.")
                   .arg(pid);
    return Claim::Refused;
}
