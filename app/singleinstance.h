// One Hearth window per conversation database. The first instance holds a lock file beside
// the database (QLockFile: a crashed instance's lock is recognised as stale by its process
// id) and listens on a local socket in the user's runtime folder; a later launch asks it to
// bring its window to the front and exits, so two processes never write one database.
#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <memory>

class SingleInstance : public QObject {
    Q_OBJECT

public:
    enum class Claim {
        First,   // this process runs the app
        Raised,  // another one does; its window was asked to come forward
        Refused, // another one holds the database but could not be reached: see message()
    };

    explicit SingleInstance(const QString& databasePath, QObject* parent = nullptr);
    ~SingleInstance() override;

    Claim claim();
    // Gives up the claim (the lock file and the socket) before the process ends without
    // running destructors.
    void release();
    QString message() const { return message_; }

signals:
    void raiseRequested(); // a later launch wants the window in front

private:
    QString socketPath_;
    QLockFile lock_;
    std::unique_ptr<QLocalServer> server_;
    QString message_;
};
