#include "hfclient.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>

namespace {

constexpr int kTimeoutMs = 30000;
constexpr int kMaxRedirects = 10;
constexpr qint64 kSmallestGguf = 24; // magic, version and the two counts
const char* const kHopsProperty = "hearthRedirects";

// Retry-After: seconds, or an HTTP date (RFC 9110 10.2.3); 0 when absent or unreadable.
int retryAfterSeconds(const QByteArray& value) {
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok) {
        return std::clamp(seconds, 0, 24 * 3600);
    }
    const QDateTime when =
        QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    return when.isValid()
               ? int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(when), 0, 86400))
               : 0;
}

int status(QNetworkReply* reply) {
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

HfClient::HfClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent), network_(network) {}

HfClient::~HfClient() {
    cancel();
}

void HfClient::cancel() {
    drop(search_);
    drop(files_);
    drop(header_reply_);
}

void HfClient::drop(QPointer<QNetworkReply>& reply) {
    if (reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    reply = nullptr;
}

QNetworkReply* HfClient::get(const QUrl& url, QByteArray range) {
    QNetworkRequest request(url);
    // Every hop is a request of its own, so that the privacy log shows each host asked.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kTimeoutMs);
    request.setRawHeader("Accept", range.isEmpty() ? "application/json" : "*/*");
    if (!range.isEmpty()) {
        request.setRawHeader("Range", range);
    }
    if (ssl_) {
        request.setSslConfiguration(*ssl_);
    }
    return network_->get(request);
}

void HfClient::search(const QString& text) {
    drop(search_);
    search_ = get(hfSearchUrl(hub_, text, kSearchLimit));
    QNetworkReply* reply = search_;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply] { onJsonFinished(reply, Request::Search); });
}

void HfClient::listFiles(const QString& repo, const QString& revision) {
    drop(files_);
    files_ = get(hfTreeUrl(hub_, repo, revision));
    files_->setProperty("repo", repo);
    files_->setProperty("revision", revision);
    QNetworkReply* reply = files_;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply] { onJsonFinished(reply, Request::Files); });
}

bool HfClient::replyFailed(QNetworkReply* reply, Request request) {
    const int code = status(reply);
    if (code == 401 || code == 403) {
        fail(request, message(QT_TR_NOOP("This repository is private or gated: its publisher "
                                         "asks people to sign in or accept terms on the "
                                         "Hugging Face website. Hearth does not sign in, so "
                                         "it cannot download it.")));
    } else if (code == 404) {
        fail(request, message(QT_TR_NOOP("Hugging Face has no such repository or file.")));
    } else if (code == 429) {
        const int wait = retryAfterSeconds(reply->rawHeader("Retry-After"));
        fail(request,
             wait > 0 ? message(QT_TR_NOOP("Hugging Face asks to slow down. Try again in %1 "
                                           "seconds."),
                                {QString::number(wait)})
                      : message(QT_TR_NOOP("Hugging Face asks to slow down. Try again in a "
                                           "minute.")),
             wait);
    } else if (code >= 400) {
        fail(request, message(QT_TR_NOOP("Hugging Face answered with an error (HTTP %1)."),
                              {QString::number(code)}));
    } else if (reply->error() != QNetworkReply::NoError && code == 0) {
        fail(request,
             message(QT_TR_NOOP("Hugging Face could not be reached: %1"), {reply->errorString()}));
    } else {
        return false;
    }
    return true;
}

void HfClient::onJsonFinished(QNetworkReply* reply, Request request) {
    QPointer<QNetworkReply>& slot = request == Request::Search ? search_ : files_;
    reply->deleteLater();
    if (slot != reply) {
        return;
    }
    slot = nullptr;
    const int code = status(reply);
    if (code >= 300 && code < 400) {
        const QUrl next =
            reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
        const int hops = reply->property(kHopsProperty).toInt() + 1;
        if (next.scheme() != QLatin1String("https") || hops > kMaxRedirects) {
            fail(request, message(QT_TR_NOOP("Hugging Face sent Hearth to an address it does "
                                             "not follow.")));
            return;
        }
        slot = get(next);
        slot->setProperty(kHopsProperty, hops);
        slot->setProperty("repo", reply->property("repo"));
        slot->setProperty("revision", reply->property("revision"));
        QNetworkReply* again = slot;
        connect(again, &QNetworkReply::finished, this,
                [this, again, request] { onJsonFinished(again, request); });
        return;
    }
    if (replyFailed(reply, request)) {
        return;
    }
    if (reply->bytesAvailable() > kMaxJsonBytes) {
        fail(request, message(QT_TR_NOOP("Hugging Face's answer is too large to be read.")));
        return;
    }
    const QByteArray body = reply->readAll();
    TrText error;
    if (request == Request::Search) {
        const QList<HfModelHit> hits = parseHfSearch(body, &error);
        if (error.isEmpty()) {
            emit searched(hits);
        }
    } else {
        const QList<HfFile> files = parseHfTree(body, &error);
        if (error.isEmpty()) {
            emit listed(reply->property("repo").toString(), reply->property("revision").toString(),
                        files);
        }
    }
    if (!error.isEmpty()) {
        fail(request, message(QT_TR_NOOP("Hearth cannot read Hugging Face's answer: %1"), {error}));
    }
}

void HfClient::readHeader(const QUrl& url, qint64 fileSize) {
    drop(header_reply_);
    header_ = HeaderRead{};
    header_.origin = url;
    header_.url = url;
    header_.fileSize = fileSize;
    header_.want = std::min({fileSize, kFirstRange, maxHeaderBytes_});
    if (fileSize < kSmallestGguf) {
        fail(Request::Header, message(QT_TR_NOOP("Hugging Face lists this file with %1 bytes, "
                                                 "too few for a GGUF model."),
                                      {QString::number(fileSize)}));
        return;
    }
    requestHeaderBytes();
}

void HfClient::requestHeaderBytes() {
    const QByteArray range = "bytes=" + QByteArray::number(header_.bytes.size()) + '-' +
                             QByteArray::number(header_.want - 1);
    header_reply_ = get(header_.url, range);
    header_.full = false;
    header_.start = header_.bytes.size();
    header_.rangeChecked = false;
    connect(header_reply_, &QNetworkReply::readyRead, this, &HfClient::onHeaderData);
    connect(header_reply_, &QNetworkReply::finished, this, &HfClient::onHeaderFinished);
}

void HfClient::onHeaderData() {
    QNetworkReply* reply = header_reply_;
    const int code = status(reply);
    if (code != 200 && code != 206) {
        return; // an error page or a redirect: judged when it ends
    }
    if (code == 200 && !header_.full) {
        header_.full = true; // the whole file from byte 0: what is here is read again
        header_.bytes.clear();
    }
    // A 206 must start where this request asked (checked once: later chunks of the same
    // answer follow on).
    const QByteArray expected = "bytes " + QByteArray::number(header_.start) + '-';
    const bool startsRight = header_.rangeChecked || code != 206 ||
                             reply->rawHeader("Content-Range").startsWith(expected);
    header_.rangeChecked = true;
    if (!startsRight) {
        drop(header_reply_);
        fail(Request::Header, message(QT_TR_NOOP("The server sent the wrong part of the "
                                                 "file.")));
        return;
    }
    header_.bytes += reply->read(header_.want - header_.bytes.size());
    if (header_.bytes.size() >= header_.want) {
        reply->disconnect(this);
        reply->abort(); // a server that ignored Range: not a byte more than asked for
        reply->deleteLater();
        header_reply_ = nullptr;
        onHeaderFinished();
    }
}

void HfClient::onHeaderFinished() {
    // null: onHeaderData() had all it wanted and cut the transfer short
    if (QNetworkReply* reply = header_reply_; reply != nullptr) {
        const int code = status(reply);
        if ((code == 200 || code == 206) && reply->bytesAvailable() > 0) {
            onHeaderData(); // the last bytes, when no readyRead came for them
            if (header_reply_ != reply) {
                return; // it finished or failed the read
            }
        }
        header_reply_ = nullptr;
        reply->disconnect(this);
        reply->deleteLater();
        if (code >= 300 && code < 400) {
            const QUrl next =
                reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
            const int hops = reply->property(kHopsProperty).toInt() + 1;
            if (next.scheme() != QLatin1String("https") || hops > kMaxRedirects) {
                fail(Request::Header, message(QT_TR_NOOP("Hugging Face sent Hearth to an "
                                                         "address it does not follow.")));
                return;
            }
            header_.url = next;
            requestHeaderBytes();
            header_reply_->setProperty(kHopsProperty, hops);
            return;
        }
        if (replyFailed(reply, Request::Header)) {
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            fail(Request::Header, message(QT_TR_NOOP("Hugging Face could not be reached: %1"),
                                          {reply->errorString()}));
            return;
        }
    }
    if (header_.bytes.size() < header_.want) {
        fail(Request::Header, message(QT_TR_NOOP("The file ended after %1 bytes, before its "
                                                 "header did: it is not the size Hugging Face "
                                                 "lists."),
                                      {QString::number(header_.bytes.size())}));
        return;
    }
    qint64 needed = 0;
    const GgufInfo info =
        inspectGgufHeader(header_.bytes, header_.fileSize, header_.origin.fileName(), &needed);
    if (needed > 0) {
        if (needed > maxHeaderBytes_ || header_.want >= maxHeaderBytes_) {
            fail(Request::Header,
                 message(QT_TR_NOOP("The header of this file is larger than %1 MB; Hearth does "
                                    "not read further to check it."),
                         {QString::number(maxHeaderBytes_ / (1024 * 1024))}));
            return;
        }
        header_.want =
            std::min({header_.fileSize, maxHeaderBytes_, std::max(needed, 2 * header_.want)});
        requestHeaderBytes();
        return;
    }
    emit headerRead(header_.origin, info);
}

void HfClient::fail(Request request, const TrText& message, int retryAfter) {
    emit failed(request, message, retryAfter);
}

TrText HfClient::message(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}
