// How a download's HTTP response is judged: the status and Content-Range of a resumed
// request, and starting over from the first byte when the server ignored the range.
#include "downloadjob.h"

#include <QNetworkReply>

namespace {

// Content-Range: bytes <first>-<last>/<total>  (total may be "*")
bool parseContentRange(const QByteArray& value, qint64* first, qint64* total) {
    const QByteArray v = value.trimmed();
    if (!v.startsWith("bytes ")) {
        return false;
    }
    const qsizetype dash = v.indexOf('-');
    const qsizetype slash = v.indexOf('/');
    if (dash < 0 || slash < dash) {
        return false;
    }
    bool ok = false;
    *first = v.mid(6, dash - 6).trimmed().toLongLong(&ok);
    if (!ok) {
        return false;
    }
    const QByteArray t = v.mid(slash + 1).trimmed();
    *total = t == "*" ? -1 : t.toLongLong(&ok);
    return ok;
}

} // namespace

bool DownloadJob::acceptResponse(int status) {
    qint64 total = -1;
    if (status == 206) {
        qint64 first = -1;
        if (!parseContentRange(reply_->rawHeader("Content-Range"), &first, &total) ||
            first != partial_.bytesDone) {
            if (partial_.bytesDone == 0) {
                endAttempt(Outcome::Retry,
                           message(QT_TR_NOOP("The server sent the wrong part of the file.")));
                return false;
            }
            return restartFromZero();
        }
    } else {
        // 200: the server ignored the range or the file changed (If-Range): the whole file
        // follows, so the partial bytes go.
        if (partial_.bytesDone > 0) {
            file_.resize(0);
            file_.seek(0);
            partial_.bytesDone = 0;
            speedBytes_ = 0;
        }
        bool ok = false;
        const qint64 length = reply_->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        total = ok ? length : -1;
    }
    const QByteArray linkedSize =
        reply_->hasRawHeader("X-Linked-Size") ? reply_->rawHeader("X-Linked-Size") : linkedSize_;
    bool linkedOk = false;
    const qint64 linked = linkedSize.trimmed().toLongLong(&linkedOk);
    const qint64 serverSize = linkedOk && linked >= 0 ? linked : total;
    if (serverSize >= 0) {
        if (partial_.sizeKnown() && partial_.expectedSize != serverSize) {
            deletePartialFiles();
            endAttempt(
                Outcome::Fatal,
                message(QT_TR_NOOP("The file on the server (%1 bytes) is not the one in "
                                   "the catalog (%2 bytes); it has probably been "
                                   "updated. Refresh the model catalog."),
                        {QString::number(serverSize), QString::number(partial_.expectedSize)}));
            return false;
        }
        partial_.expectedSize = serverSize;
        partial_.sizeApproximate = false;
    }
    const QByteArray linkedSha = sha256FromEtag(
        reply_->hasRawHeader("X-Linked-Etag") ? reply_->rawHeader("X-Linked-Etag") : linkedEtag_);
    if (!linkedSha.isEmpty()) {
        if (!partial_.sha256.isEmpty() && partial_.sha256 != linkedSha) {
            deletePartialFiles();
            endAttempt(Outcome::Fatal,
                       message(QT_TR_NOOP("The server offers a different file than the catalog "
                                          "lists (its SHA-256 differs). Refresh the model "
                                          "catalog and try again.")));
            return false;
        }
        partial_.serverSha256 = linkedSha;
    } else if (partial_.expectedSha256().isEmpty()) {
        // Hugging Face's ETag of an LFS file is its SHA-256 too.
        partial_.serverSha256 = sha256FromEtag(reply_->rawHeader("ETag"));
    }
    const QByteArray etag = reply_->rawHeader("ETag").trimmed();
    partial_.validator = !etag.isEmpty() && !etag.startsWith("W/")
                             ? etag
                             : reply_->rawHeader("Last-Modified").trimmed();
    if (const TrText problem = spaceProblem(settings_); !problem.isEmpty()) {
        endAttempt(Outcome::Fatal, problem);
        return false;
    }
    saveSidecar();
    return true;
}

bool DownloadJob::restartFromZero() {
    dropReply();
    file_.resize(0);
    file_.seek(0);
    partial_.bytesDone = 0;
    partial_.validator.clear();
    speedBytes_ = 0;
    saveSidecar();
    redirects_ = 0;
    sendRequest(partial_.url);
    return false;
}
