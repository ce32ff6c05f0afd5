// The messages shown in the chat view: the active path of the open conversation (system
// messages left out), one row per message, plus at most one answer being generated at the
// end. Updates are as small as the view needs: streamed text changes only the last row's
// text roles, and a new path (another branch, a regenerated answer) keeps the rows it shares
// with the old one, so the view keeps its delegates and scroll position.
//
// Attached files: a path read without them (PathFiles::Deferred) gets its rows' chips from
// the attachment lookup when the view first asks for a row's AttachmentsRole, for a window
// of rows around it in one call. The view creates delegates only near the viewport, so
// opening a long conversation reads the files of a screenful of messages, not of all.
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <span>
#include <vector>

// A file sent with a message, as its chip shows it (MessageListModel::AttachmentsRole): a
// value type, whose properties QML reads as an object's (file.fileName). One allocation
// per chip where a QVariantMap took eight; a conversation shows many.
struct MessageAttachment {
    Q_GADGET
    QML_VALUE_TYPE(messageAttachment)
    Q_PROPERTY(qint64 attachmentId MEMBER attachmentId CONSTANT)
    Q_PROPERTY(QString fileName MEMBER fileName CONSTANT)
    Q_PROPERTY(QString kind MEMBER kind CONSTANT) // "pdf", "markdown", ... (storage's names)
    Q_PROPERTY(QString title MEMBER title CONSTANT)
    Q_PROPERTY(qint64 pages MEMBER pages CONSTANT)
    Q_PROPERTY(qint64 tokens MEMBER tokens CONSTANT)          // -1: not counted
    Q_PROPERTY(QString sourcePath MEMBER sourcePath CONSTANT) // "" when not known

public:
    qint64 attachmentId = 0;
    QString fileName;
    QString kind;
    QString title;
    qint64 pages = 0;
    qint64 tokens = -1;
    QString sourcePath;
};

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.messages")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // 0 for an answer whose row is not stored yet
        RoleRole,                  // "user" or "assistant"
        ContentRole,
        ThinkingRole,
        StatusRole, // Status
        ErrorRole,
        SiblingIndexRole, // 0-based position among the messages sharing its parent
        SiblingCountRole,
        ProvenanceRole,      // QVariantMap, see provenanceMap()
        ThinkingSecondsRole, // how long the model reasoned; -1 when not known
        CreatedAtRole,       // QDateTime
        // Why a finished answer stopped short: "length" (the answer length limit), "context"
        // (the context was full), or "" (it ended, or the user stopped it).
        CutOffRole,
        LeftOutRole, // the model did not read this message for the last answer shown (it did
                     // not fit the context)
        // An answer made with document search: {searched: the collections' names, cited:
        // whether it cites by number, items: [{number, title, path, url, page, paged, pdf,
        // exists, excerpt}]} (the cited sources, or all given when it cites none); an empty
        // map for other messages. See ChatController::sourcesOf.
        SourcesRole,
        // QVariantList of MessageAttachment, in the order attached
        AttachmentsRole,
    };
    Q_ENUM(Role)
    // A message's state, as the store keeps it (hearth::storage::MessageStatus).
    enum class Status { Streaming, Done, Stopped, Error, Interrupted };
    Q_ENUM(Status)

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }

    // Shows `path`; rows equal to the current ones stay, changed ones are updated in place.
    void setMessages(const std::vector<hearth::storage::Message>& path);
    // A placeholder for an answer about to be generated (id 0, status streaming).
    void appendPending();
    // Updates or adds the row of `message` (matched by id, or the placeholder for id 0).
    void updateMessage(const hearth::storage::Message& message);
    // Adds streamed text to the last row.
    void appendToLast(const QString& thinking, const QString& answer);
    // Remembers how long the model reasoned for message `id` while it streams (afterwards
    // the stored provenance has it).
    void setThinkingSeconds(qint64 id, double seconds);
    void removeLast();
    // Marks the messages left out of the last answer's prompt (LeftOutRole).
    void setLeftOut(const QSet<qint64>& ids);
    // Where SourcesRole comes from: (message id, its content) -> the map described there.
    void setSourceLookup(std::function<QVariantMap(qint64, const QString&)> lookup) {
        sourceLookup_ = std::move(lookup);
    }

    // Where deferred chips come from: message ids -> each one's attachments, in that order
    // (see ConversationStore::attachments_of). Without one, a row has the files its
    // message came with.
    using AttachmentLookup = std::function<std::vector<std::vector<hearth::storage::Attachment>>(
        std::span<const int64_t>)>;
    void setAttachmentLookup(AttachmentLookup lookup) { attachmentLookup_ = std::move(lookup); }
    // Which rows get their files in the same lookup as the one asked for: a few before it
    // and a screenful after, since the chat view creates delegates from the top of what it
    // shows down (in a test window, rows 0-12 on opening, then from the sixth-last row).
    static constexpr int kFilesBefore = 8;
    static constexpr int kFilesAfter = 32;

    Q_INVOKABLE int indexOf(qint64 id) const;
    qint64 idAt(int row) const;
    QString contentAt(int row) const;
    QString roleAt(int row) const;
    // The stored message of `row` (0 <= row < count()).
    const hearth::storage::Message& messageAt(int row) const { return rows_[size_t(row)].message; }

    static QVariantMap provenanceMap(const hearth::storage::Provenance& p);
    static QVariantList attachmentList(const std::vector<hearth::storage::Attachment>& files);

signals:
    void countChanged();

private:
    struct Row {
        // Mutable for its attachments only, which data() fills in when they were deferred.
        mutable hearth::storage::Message message;
        QString content; // UTF-16 copies of the text, made once rather than per data() call
        QString thinking;
        // Whether message.attachments is the message's list of files (it came with the
        // message, or was looked up); else it is empty until looked up.
        mutable bool filesKnown = false;
    };
    static Row makeRow(const hearth::storage::Message& message);
    static bool sameDisplay(const Row& a, const Row& b);
    // Looks up the files of the rows around `row` whose files are not known yet.
    void ensureFiles(int row) const;

    std::vector<Row> rows_;
    QHash<qint64, double> thinkingSeconds_;
    QSet<qint64> leftOut_;
    std::function<QVariantMap(qint64, const QString&)> sourceLookup_;
    AttachmentLookup attachmentLookup_;
};
