#include "downloadjob.h"

#include "modelfit.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>
#include <utility>

namespace {

constexpr int kProgressIntervalMs = 250;
constexpr int kSidecarIntervalMs = 2000;

} // namespace

DownloadJob::DownloadJob(QString modelsFolder, PartialDownload partial, QObject* parent)
    : QObject(parent), modelsFolder_(std::move(modelsFolder)), partial_(std::move(partial)) {
    file_.setFileName(partialDataPath(modelsFolder_, partial_.fileName));
    connect(&hashWatcher_, &QFutureWatcher<QByteArray>::finished, this, &DownloadJob::onHashed);
}

DownloadJob::~DownloadJob() {
    dropReply();
    hashWatcher_.cancel();
}

QString DownloadJob::finalPath() const {
    return QDir(modelsFolder_).filePath(partial_.fileName);
}

TrText DownloadJob::message(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}

bool DownloadJob::isOffline(int networkError) {
    switch (QNetworkReply::NetworkError(networkError)) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

TrText DownloadJob::spaceProblem(const DownloadSettings& settings) const {
    if (partial_.expectedSize < 0 || !settings.freeSpace) {
        return {};
    }
    const qint64 remaining = std::max<qint64>(0, partial_.expectedSize - partial_.bytesDone);
    const qint64 available = settings.freeSpace(modelsFolder_);
    if (available < 0 || available >= remaining + settings.freeSpaceMargin) {
        return {};
    }
    return message(QT_TR_NOOP("Not enough free space for %1: it needs %2 more, but only %3 is "
                              "free in %4. Free some space or choose another models folder."),
                   {partial_.fileName, formatBytes(remaining + settings.freeSpaceMargin),
                    formatBytes(available), QDir::toNativeSeparators(modelsFolder_)});
}

void DownloadJob::start(QNetworkAccessManager* network, const DownloadSettings& settings) {
    settings_ = settings;
    network_ = network;
    error_ = {};
    offline_ = false;
    redirects_ = 0;
    receivedThisAttempt_ = 0;
    linkedSize_.clear();
    linkedEtag_.clear();
    QDir().mkpath(partialFolder(modelsFolder_));
    if (!file_.isOpen() && !file_.open(QIODevice::ReadWrite)) {
        endAttempt(Outcome::Fatal, message(QT_TR_NOOP("Cannot write %1: %2"),
                                           {file_.fileName(), file_.errorString()}));
        return;
    }
    partial_.bytesDone = file_.size();
    // Bytes whose origin cannot be checked on resume (no validator) or that exceed the file
    // are worthless: start over rather than risk a corrupt result.
    if ((partial_.sizeKnown() && partial_.bytesDone > partial_.expectedSize) ||
        (partial_.bytesDone > 0 && partial_.validator.isEmpty())) {
        file_.resize(0);
        partial_.bytesDone = 0;
    }
    file_.seek(partial_.bytesDone);
    partial_.paused = false;
    partial_.failed = false;
    partial_.offline = false;
    saveSidecar();
    if (partial_.sizeKnown() && partial_.expectedSize > 0 &&
        partial_.bytesDone == partial_.expectedSize) {
        verify(); // every byte arrived before a restart; only the check is left
        return;
    }
    setPhase(Phase::Transferring);
    progressClock_.start();
    sidecarClock_.start();
    speedBytes_ = partial_.bytesDone;
    speed_ = 0;
    sendRequest(partial_.url);
}

void DownloadJob::sendRequest(const QUrl& url) {
    if (!network_) {
        endAttempt(Outcome::Fatal, message(QT_TR_NOOP("The download was stopped.")));
        return;
    }
    QNetworkRequest request(url);
    // Redirects are followed by hand: each hop must stay on https, and Hugging Face sends the
    // file's size and SHA-256 (X-Linked-Size, X-Linked-Etag) on the redirect itself.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(settings_.transferTimeoutMs);
    request.setRawHeader("User-Agent", QByteArrayLiteral("Hearth/" HEARTH_VERSION));
    // Byte offsets must be offsets in the file, not in a compressed stream.
    request.setRawHeader("Accept-Encoding", "identity");
    if (partial_.bytesDone > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(partial_.bytesDone) + '-');
        request.setRawHeader("If-Range", partial_.validator);
    }
    if (settings_.ssl) {
        request.setSslConfiguration(*settings_.ssl);
    }
    bodyAccepted_ = false;
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::metaDataChanged, this, &DownloadJob::onMetaData);
    connect(reply_, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(reply_, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
}

void DownloadJob::onMetaData() {
    if (reply_ == nullptr || bodyAccepted_) {
        return;
    }
    if (reply_->hasRawHeader("X-Linked-Size")) {
        linkedSize_ = reply_->rawHeader("X-Linked-Size");
    }
    if (reply_->hasRawHeader("X-Linked-Etag")) {
        linkedEtag_ = reply_->rawHeader("X-Linked-Etag");
    }
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200 || status == 206) {
        bodyAccepted_ = acceptResponse(status);
    }
}

void DownloadJob::onReadyRead() {
    if (reply_ == nullptr) {
        return;
    }
    if (!reply_->isReadable()) {
        return; // closed by an error or a timeout: nothing more to read
    }
    const QByteArray data = reply_->readAll();
    if (!bodyAccepted_ || data.isEmpty()) {
        return; // the body of a redirect or an error page
    }
    if (file_.write(data) != data.size()) {
        endAttempt(Outcome::Fatal,
                   message(QT_TR_NOOP("Could not write %1: %2. Check that the disk has room."),
                           {file_.fileName(), file_.errorString()}));
        return;
    }
    partial_.bytesDone += data.size();
    receivedThisAttempt_ += data.size();
    if (partial_.sizeKnown() && partial_.bytesDone > partial_.expectedSize) {
        file_.resize(0);
        file_.seek(0);
        partial_.bytesDone = 0;
        partial_.validator.clear();
        endAttempt(Outcome::Retry,
                   message(QT_TR_NOOP("The server sent more data than the file holds.")));
        return;
    }
    if (sidecarClock_.elapsed() >= kSidecarIntervalMs) {
        file_.flush();
        saveSidecar();
        sidecarClock_.restart();
    }
    updateSpeed(false);
}

void DownloadJob::onReplyFinished() {
    QNetworkReply* reply = reply_;
    if (reply == nullptr) {
        return;
    }
    onReadyRead();
    if (reply_ != reply) {
        return; // the last bytes ended the attempt
    }
    reply_ = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        const QUrl target = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        if (target.scheme() != QLatin1String("https") || target.host().isEmpty()) {
            endAttempt(Outcome::Fatal,
                       message(QT_TR_NOOP("The server tried to send the download to an insecure "
                                          "address (%1). Hearth only downloads over https, so it "
                                          "stopped."),
                               {target.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)}));
        } else if (++redirects_ > settings_.maxRedirects) {
            endAttempt(Outcome::Retry,
                       message(QT_TR_NOOP("The server redirected the download too many times.")));
        } else {
            sendRequest(target);
        }
        return;
    }
    if (status == 416 && partial_.bytesDone > 0) {
        restartFromZero(); // the range no longer exists: the file changed or is shorter
        return;
    }
    if (status >= 400) {
        const bool transient = status >= 500 || status == 408 || status == 429;
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        endAttempt(
            transient ? Outcome::Retry : Outcome::Fatal,
            message(QT_TR_NOOP("The server answered %1 %2."), {QString::number(status), reason}));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        if (tls) {
            endAttempt(Outcome::Fatal,
                       message(QT_TR_NOOP("The server's identity could not be verified (%1), so "
                                          "the download was stopped."),
                               {reply->errorString()}));
        } else if (isOffline(reply->error())) {
            offline_ = true;
            endAttempt(Outcome::Retry,
                       message(QT_TR_NOOP("You seem to be offline: %1 could not be reached "
                                          "(%2). Connect to the internet and try again, or use "
                                          "a model file you already have."),
                               {reply->url().host(), reply->errorString()}));
        } else {
            endAttempt(Outcome::Retry, reply->errorString());
        }
        return;
    }
    if (!bodyAccepted_) {
        endAttempt(Outcome::Retry, message(QT_TR_NOOP("The server sent no file (status %1)."),
                                           {QString::number(status)}));
        return;
    }
    if (partial_.sizeKnown() && partial_.bytesDone < partial_.expectedSize) {
        endAttempt(Outcome::Retry,
                   message(QT_TR_NOOP("The connection ended before the whole file arrived.")));
        return;
    }
    partial_.expectedSize = partial_.bytesDone;
    partial_.sizeApproximate = false;
    verify();
}

void DownloadJob::stop(bool paused) {
    dropReply();
    hashWatcher_.cancel(); // verified again from the start next time
    if (file_.isOpen()) {
        file_.flush();
    }
    partial_.paused = paused;
    saveSidecar();
    speed_ = 0;
    if (phase_ != Phase::Done) {
        setPhase(Phase::Idle);
    }
}

void DownloadJob::setFailed(bool failed, bool offline) {
    partial_.failed = failed;
    partial_.offline = failed && offline;
}

void DownloadJob::discard() {
    dropReply();
    hashWatcher_.cancel();
    deletePartialFiles();
    speed_ = 0;
    if (phase_ != Phase::Done) {
        setPhase(Phase::Idle);
    }
}

void DownloadJob::endAttempt(Outcome outcome, const TrText& error) {
    dropReply();
    error_ = error;
    if (file_.isOpen()) {
        file_.flush();
    }
    saveSidecar();
    speed_ = 0;
    if (phase_ != Phase::Done) {
        setPhase(Phase::Idle);
    }
    emit progressed();
    emit finished(outcome);
}

void DownloadJob::deletePartialFiles() {
    file_.close();
    removePartial(modelsFolder_, partial_.fileName);
    partial_.bytesDone = 0;
    partial_.validator.clear();
    speedBytes_ = 0;
}

void DownloadJob::dropReply() {
    bodyAccepted_ = false;
    if (reply_ != nullptr) {
        QNetworkReply* reply = std::exchange(reply_, nullptr);
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void DownloadJob::saveSidecar() {
    // Only alongside bytes: once a partial is deleted its record must not come back.
    if (QFileInfo::exists(file_.fileName())) {
        (void)savePartial(modelsFolder_, partial_);
    }
}

void DownloadJob::updateSpeed(bool force) {
    if (!force && progressClock_.isValid() && progressClock_.elapsed() < kProgressIntervalMs) {
        return;
    }
    const qint64 elapsed = progressClock_.isValid() ? progressClock_.restart() : 0;
    if (elapsed > 0) {
        const double now =
            std::max<double>(0, double(partial_.bytesDone - speedBytes_) * 1000.0 / elapsed);
        // Smoothed so the speed and time left do not jump with every packet.
        speed_ = speed_ == 0 ? now : 0.3 * now + 0.7 * speed_;
    }
    speedBytes_ = partial_.bytesDone;
    emit progressed();
}

void DownloadJob::setPhase(Phase phase) {
    if (phase != phase_) {
        phase_ = phase;
        emit phaseChanged();
    }
}
