// The Models page's Hugging Face panel: what the user typed (search words, owner/name or a
// file's address), the results, the chosen repository's GGUF files and their download.
//
// Nothing here touches the network by itself: a search starts when the user presses Enter
// (no search while typing, so half-typed words never leave the computer), a repository's
// files are listed when the user opens it, and opening it also reads the GGUF header of one
// file (the pasted one, else the first) so that every row can say whether Hearth runs the
// architecture; other files' headers are read when the user asks (check()).
// Downloads go through the DownloadManager, with each file's SHA-256 from the Hub's LFS
// metadata, so a file reaches the models folder only when it matches.
#pragma once

#include "downloadmanager.h"
#include "hfclient.h"
#include "hfrepomodel.h"
#include "hfsearchmodel.h"
#include "trtext.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class HuggingFace : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.huggingFace")
    Q_PROPERTY(HfSearchModel* results READ results CONSTANT)
    Q_PROPERTY(HfRepoModel* files READ files CONSTANT)
    Q_PROPERTY(View view READ view NOTIFY viewChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString repo READ repo NOTIFY viewChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    enum View { Start, Results, Files };
    Q_ENUM(View)

    HuggingFace(HfClient* client, DownloadManager* downloads, QObject* parent = nullptr);

    HfSearchModel* results() const { return results_; }
    HfRepoModel* files() const { return files_; }
    HfClient* client() const { return client_; }
    View view() const { return view_; }
    bool busy() const { return busy_; }
    QString repo() const { return repo_; }
    QString message() const { return message_.toString(); }

    // The user pressed Enter in the search field.
    Q_INVOKABLE void submit(const QString& input);
    // Lists a repository's files (a search result was chosen).
    Q_INVOKABLE void open(const QString& repo);
    // Reads a row's GGUF header.
    Q_INVOKABLE void check(int row);
    // Queues a row's file (every part); false with `message` when refused.
    Q_INVOKABLE bool download(int row);
    // Back from the files to the results.
    Q_INVOKABLE void back();

signals:
    void viewChanged();
    void busyChanged();
    void messageChanged();

private:
    void onListed(const QString& repo, const QString& revision, const QList<HfFile>& files);
    void onHeaderRead(const QUrl& url, const GgufInfo& info);
    void onFailed(HfClient::Request request, const TrText& message);
    void listFiles(const QString& repo, const QString& revision, const QString& file);
    void setBusy(bool busy);
    void setView(View view);
    void setMessage(const TrText& message);
    static TrText text(const char* source, QList<TrText> args = {});

    HfClient* client_;
    DownloadManager* downloads_;
    HfSearchModel* results_;
    HfRepoModel* files_;
    View view_ = Start;
    bool busy_ = false;
    QString repo_;
    QString revision_ = QStringLiteral("main");
    QString wantedFile_; // the file the pasted address named
    int checkingRow_ = -1;
    TrText message_;
};
