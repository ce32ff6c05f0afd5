// The files about to be sent with the next message, shown as chips above the composer: each
// is read (app/documents) on a worker thread as it is added (paperclip, drop, paste), then
// its tokens are counted by the loaded model's tokenizer on the inference worker (until a
// model is loaded, an estimate, marked as such). A file too long for the model's context is
// refused with the numbers; so is one Hearth cannot read, with the reason (refused()).
#pragma once

#include "documenttext.h"
#include "records.h"
#include "trtext.h"

#include <QAbstractListModel>
#include <QList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <vector>

class ModelController;

class ComposerAttachments : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.attachments")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The tokens of all files, as the model will read them; estimated while any count is.
    Q_PROPERTY(int totalTokens READ totalTokens NOTIFY tokensChanged)
    Q_PROPERTY(bool estimated READ estimated NOTIFY tokensChanged)
    // A file is still being read or counted (sending waits).
    Q_PROPERTY(bool busy READ busy NOTIFY tokensChanged)

public:
    enum Role {
        FileNameRole = Qt::UserRole + 1,
        PagesRole,     // 0 while it is read
        TokensRole,    // -1 while it is read
        EstimatedRole, // the token count is an estimate (no model loaded yet)
        ReadingRole,   // still being read or counted
    };
    Q_ENUM(Role)

    // Text pasted at once longer than this (characters) becomes an attachment rather than
    // part of the message.
    static constexpr int kLongPaste = 4000;

    explicit ComposerAttachments(ModelController* models, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }
    int totalTokens() const;
    bool estimated() const;
    bool busy() const;

    // Local files (file:// URLs or paths); each is read in the background.
    Q_INVOKABLE void addFiles(const QList<QUrl>& urls);
    // Text (pasted or dropped) as a file named `fileName`, "Pasted text.txt" when empty.
    Q_INVOKABLE void addText(const QString& text, const QString& fileName = {});
    // What the composer does on paste: files on the clipboard, or a long text, become
    // attachments (true); anything else is left to the text field (false).
    Q_INVOKABLE bool pasteFromClipboard();
    Q_INVOKABLE void remove(int row);
    void clear();

    // The files for storing with the message (their text and counts); empty while busy.
    std::vector<hearth::storage::NewAttachment> forMessage() const;

signals:
    void countChanged();
    void tokensChanged();
    // A file was not added: why, in words for the user.
    void refused(const TrText& message);

private:
    struct Row {
        quint64 id = 0;
        QString fileName;
        QString sourcePath; // empty for pasted text
        DocumentText document;
        bool reading = true;
        int tokens = -1;
        bool estimated = true;
    };
    void start(Row row);
    void onRead(quint64 id, const DocumentResult& result);
    void count(Row& row);
    void onCounted(quint64 id, int tokens);
    void recountAll();
    int rowOf(quint64 id) const;
    void changed(int row);

    ModelController* models_;
    std::vector<Row> rows_;
    quint64 nextId_ = 1;
};
