// Talks to the Hugging Face Hub for the Models page: searches, lists a repository's GGUF files
// and reads a file's GGUF header with HTTP Range requests, so that the user sees what a file
// is before downloading it. Only ever called on the user's action (the search field's Enter,
// a click); requests go through the manager it is given (NetworkLog's, so each one is in the
// privacy log), https only, certificates verified.
//
// The header read asks for the first kFirstRange bytes ("Range: bytes=0-N"); when the GGUF
// header runs on (a large vocabulary), it asks for the bytes after those, doubling what it
// has (or more when the header says so), until the header is complete or the limit
// (maxHeaderBytes) would be passed: then it says so and stops. Doubling keeps the bytes read
// under twice the header's size (a 6 MB header: 8 MiB in six requests; growing fourfold took
// 16 MiB in four). A server that ignores Range is read only up to what was asked and then
// cut off. The prefix is parsed on the GUI thread: 0.9 ms for 8 MiB (tst_hugging_face's
// Qwen vocabulary, measured on the shared build machine), well within a frame.
#pragma once

#include "ggufinspector.h"
#include "hfapi.h"
#include "trtext.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

class HfClient : public QObject {
    Q_OBJECT

public:
    enum class Request { Search, Files, Header };

    static constexpr qint64 kFirstRange = 256 * 1024;
    static constexpr qint64 kMaxHeaderBytes = 64LL * 1024 * 1024; // Gemma 3's is ~10 MB
    static constexpr qint64 kMaxJsonBytes = 16LL * 1024 * 1024;
    static constexpr int kSearchLimit = 30;

    explicit HfClient(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~HfClient() override;

    QUrl hub() const { return hub_; }
    void setHub(const QUrl& hub) { hub_ = hub; }
    void setSslConfiguration(const QSslConfiguration& ssl) { ssl_ = ssl; }
    void setMaxHeaderBytes(qint64 bytes) { maxHeaderBytes_ = bytes; }

    // Each replaces a request of the same kind that is still running.
    void search(const QString& text);
    void listFiles(const QString& repo, const QString& revision);
    void readHeader(const QUrl& url, qint64 fileSize);
    void cancel();

    // Body bytes the last header read received, over all its requests.
    qint64 headerBytesFetched() const { return header_.bytes.size(); }

signals:
    void searched(const QList<HfModelHit>& hits);
    void listed(const QString& repo, const QString& revision, const QList<HfFile>& files);
    void headerRead(const QUrl& url, const GgufInfo& info);
    // For people; `retryAfter`: seconds the Hub asked to wait (429), else 0.
    void failed(HfClient::Request request, const TrText& message, int retryAfter);

private:
    struct HeaderRead {
        QUrl origin; // as asked for (headerRead() names it)
        QUrl url;    // where the bytes come from (after redirects)
        qint64 fileSize = 0;
        qint64 want = 0; // bytes wanted in all
        QByteArray bytes;
        bool full = false;         // a 200 answer sent everything from byte 0: cut at `want`
        qint64 start = 0;          // the first byte the current request asked for
        bool rangeChecked = false; // its Content-Range was checked
    };

    QNetworkReply* get(const QUrl& url, QByteArray range = {});
    void drop(QPointer<QNetworkReply>& reply);
    void onJsonFinished(QNetworkReply* reply, Request request);
    void requestHeaderBytes();
    void onHeaderData();
    void onHeaderFinished();
    bool replyFailed(QNetworkReply* reply, Request request);
    void fail(Request request, const TrText& message, int retryAfter = 0);
    static TrText message(const char* source, QList<TrText> args = {});

    QPointer<QNetworkAccessManager> network_;
    QUrl hub_{QStringLiteral("https://huggingface.co")};
    std::optional<QSslConfiguration> ssl_;
    qint64 maxHeaderBytes_ = kMaxHeaderBytes;
    QPointer<QNetworkReply> search_, files_, header_reply_;
    HeaderRead header_;
};
