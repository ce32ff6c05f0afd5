// One file being downloaded into the models folder: the HTTP transfer (with resume, checked
// redirects and the server's size and hash), the partial file and its sidecar, and the final
// SHA-256 check and atomic rename. Retries and scheduling belong to DownloadManager; a job
// reports each attempt's end as finished(), retryable or not.
//
// A resume sends "Range: bytes=<done>-" with "If-Range: <validator>" and only appends when
// the server answers 206 starting exactly there; any other answer restarts the file cleanly.
#pragma once

#include "partialdownload.h"
#include "trtext.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

struct DownloadSettings {
    std::optional<QSslConfiguration> ssl; // empty: the system's trust store
    int transferTimeoutMs = 30000;        // no byte for this long: the attempt fails
    int maxRedirects = 10;
    // Bytes available on the volume of a path (QStorageInfo by default; tests inject).
    std::function<qint64(const QString&)> freeSpace;
    qint64 freeSpaceMargin = 256LL * 1024 * 1024; // left free after the download
};

class DownloadJob : public QObject {
    Q_OBJECT

public:
    enum class Phase { Idle, Transferring, Verifying, Done };
    enum class Outcome { Completed, Retry, Fatal, Stopped };

    DownloadJob(QString modelsFolder, PartialDownload partial, QObject* parent = nullptr);
    ~DownloadJob() override;

    const PartialDownload& partial() const { return partial_; }
    Phase phase() const { return phase_; }
    // The last attempt's failure, and whether it looked like no network connection at all
    // (the host not found or not reachable) rather than a problem of the server or file.
    TrText error() const { return error_; }
    bool offline() const { return offline_; }
    // Whether a QNetworkReply::NetworkError means the network could not be reached.
    static bool isOffline(int networkError);
    QString finalPath() const;
    bool receivedThisAttempt() const { return receivedThisAttempt_ > 0; }
    double bytesPerSecond() const { return speed_; }
    // Free space the rest of this download needs, or an empty text when there is room.
    TrText spaceProblem(const DownloadSettings& settings) const;
    // Marks the partial file's record as failed (kept when the app quits) or not.
    void setFailed(bool failed, bool offline);

    // Starts one attempt: resumes the partial file or goes straight to verification.
    void start(QNetworkAccessManager* network, const DownloadSettings& settings);
    // Stops the transfer and keeps the partial file and its sidecar (paused = `paused`).
    void stop(bool paused);
    // Stops the transfer and deletes the partial file and its sidecar.
    void discard();

signals:
    void progressed(); // throttled to a few times a second
    void phaseChanged();
    void finished(DownloadJob::Outcome outcome);

private:
    void sendRequest(const QUrl& url);
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    bool acceptResponse(int status);
    bool restartFromZero();
    void verify();
    void onHashed();
    void endAttempt(Outcome outcome, const TrText& error = {});
    static TrText message(const char* source, QList<TrText> args = {});
    void dropReply();
    void deletePartialFiles();
    void saveSidecar();
    void updateSpeed(bool force);
    void setPhase(Phase phase);

    QString modelsFolder_;
    PartialDownload partial_;
    DownloadSettings settings_;
    QPointer<QNetworkAccessManager> network_;
    QNetworkReply* reply_ = nullptr;
    QFile file_;
    Phase phase_ = Phase::Idle;
    TrText error_;
    bool offline_ = false;
    int redirects_ = 0;
    bool bodyAccepted_ = false; // the current reply's body goes into the file
    qint64 receivedThisAttempt_ = 0;
    QByteArray linkedSize_; // X-Linked-Size / X-Linked-Etag seen on a redirect hop
    QByteArray linkedEtag_;
    QElapsedTimer progressClock_;
    QElapsedTimer sidecarClock_;
    qint64 speedBytes_ = 0; // bytesDone at the last speed sample
    double speed_ = 0;
    QFutureWatcher<QByteArray> hashWatcher_;
};
