// The chat window's conversations, one QML singleton on the GUI thread: it owns the
// conversation store (the user's database), the list models the window shows and the
// ModelController (the model and the inference worker), and turns the user's actions into
// store writes and generation requests.
//
// Storage follows the store's contract: the user's message is committed before generation
// starts; the answer's row is created when the prompt turns out to fit, then checkpointed as
// text streams in, and finished with its status and measurements. Nothing is deleted by
// regenerating or editing: both add a sibling, and "‹ 2/3 ›" switches between them.
//
// Settings (QSettings): export/folder, personas (PersonaModel); the model's settings are
// ModelController's.
#pragma once

#include "answersources.h"
#include "collectionmanager.h"
#include "composerattachments.h"
#include "conversationlistmodel.h"
#include "conversationstore.h"
#include "generationsettings.h"
#include "generator.h"
#include "messagelistmodel.h"
#include "modelcontroller.h"
#include "personamodel.h"
#include "trtext.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

class QJSEngine;
class QQmlEngine;
class QSettings;
class QThread;

namespace hearth::storage {
class StreamingMessage;
}

class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(MessageListModel* messages READ messages CONSTANT)
    // The files to send with the next message (chips above the composer).
    Q_PROPERTY(ComposerAttachments* attachments READ attachments CONSTANT)
    Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
    Q_PROPERTY(qint64 currentConversation READ currentConversation NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY titleChanged)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
    Q_PROPERTY(double tokensPerSecond READ tokensPerSecond NOTIFY statsChanged)
    Q_PROPERTY(int contextUsed READ contextUsed NOTIFY statsChanged)
    Q_PROPERTY(int droppedMessages READ droppedMessages NOTIFY statsChanged)
    Q_PROPERTY(int overflowNeeded READ overflowNeeded NOTIFY overflowChanged) // 0: none
    // Whether leaving out the oldest turns could make it fit (false once they were left out
    // and the last question alone is too long).
    Q_PROPERTY(bool overflowCanDrop READ overflowCanDrop NOTIFY overflowChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    // The notice reports something done (an export) and goes away by itself after a while.
    Q_PROPERTY(bool noticeTransient READ noticeTransient NOTIFY noticeChanged)
    // Where the export dialog starts (a path): the folder used last, else Documents, else
    // home.
    Q_PROPERTY(QString exportFolder READ exportFolder NOTIFY exportFolderChanged)
    Q_PROPERTY(qint64 pendingDelete READ pendingDelete NOTIFY pendingDeleteChanged)
    Q_PROPERTY(QString pendingDeleteTitle READ pendingDeleteTitle NOTIFY pendingDeleteChanged)
    // The model and its settings (also the QML singleton ModelController).
    Q_PROPERTY(ModelController* models READ models CONSTANT)
    Q_PROPERTY(GenerationSettings* generation READ generation CONSTANT)
    Q_PROPERTY(PersonaModel* personas READ personas CONSTANT)
    // The user's document collections; `enabled` there is the open conversation's set.
    Q_PROPERTY(CollectionManager* collections READ collections CONSTANT)
    // The system prompt of the open conversation (of the next one while none is open).
    Q_PROPERTY(
        QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY systemPromptChanged)
    Q_PROPERTY(QString databasePath READ databasePath CONSTANT)

public:
    struct Options {
        QString databasePath; // empty: defaultDatabasePath()
        QString settingsFile; // empty: AppInfo::settingsFile()
    };

    // Not default-constructible, so that QML makes the singleton with create(), which ties it
    // to ModelHub.
    explicit ChatController(const Options& options, QObject* parent = nullptr);
    ~ChatController() override;
    static ChatController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    ConversationListModel* conversations() const { return conversations_; }
    MessageListModel* messages() const { return messages_; }
    ComposerAttachments* attachments() const { return attachments_; }
    QVariantList searchResults() const { return searchResults_; }
    qint64 currentConversation() const { return current_; }
    QString currentTitle() const;
    bool generating() const { return request_ != 0; }
    double tokensPerSecond() const { return tokensPerSecond_; }
    int contextUsed() const { return contextUsed_; }
    int droppedMessages() const { return dropped_; }
    int overflowNeeded() const { return overflowNeeded_; }
    bool overflowCanDrop() const { return overflowCanDrop_; }
    QString notice() const { return notice_.toString(); }
    bool noticeTransient() const { return noticeTransient_; }
    QString exportFolder() const;
    qint64 pendingDelete() const { return pendingDelete_; }
    QString pendingDeleteTitle() const { return pendingDeleteTitle_; }
    QString databasePath() const { return databasePath_; }
    ModelController* models() const { return models_; }
    GenerationSettings* generation() const { return models_->generation(); }
    PersonaModel* personas() const { return personas_; }
    CollectionManager* collections() const { return collections_; }
    QString systemPrompt() const { return systemPrompt_; }
    void setSystemPrompt(const QString& prompt);

    // Conversations
    Q_INVOKABLE void newChat();
    Q_INVOKABLE void openConversation(qint64 id);
    Q_INVOKABLE void rename(qint64 id, const QString& title);
    Q_INVOKABLE void setPinned(qint64 id, bool pinned);
    // Hides the conversation at once; undoDelete() brings it back until finishDelete()
    // (the undo notice closed) or another deletion removes it for good.
    Q_INVOKABLE void deleteConversation(qint64 id);
    Q_INVOKABLE void undoDelete();
    Q_INVOKABLE void finishDelete();
    // Full-text search; the results are maps {conversationId, messageId, title, snippet
    // (HTML, matches in <b>), role, inThinking, attachment (the attached file it was found
    // in, or "")}.
    Q_INVOKABLE void search(const QString& text);
    // Opens the conversation with `messageId` on the shown path (switching branches when it
    // is on another) and emits showMessage with its row.
    Q_INVOKABLE void openMessage(qint64 conversationId, qint64 messageId);

    // Messages. The files in `attachments` go with the message sent (which may then have no
    // text); sending waits while one is still read or counted.
    Q_INVOKABLE bool send(const QString& text);
    // The stored text of an attached file, pages headed "Page N" for a PDF.
    Q_INVOKABLE QString attachmentText(qint64 attachmentId, const QString& kind) const;
    // Opens the file an attachment was read from with the system's application for it;
    // false when it is no longer there (the stored text is all that is left).
    Q_INVOKABLE bool openAttachmentSource(const QString& path) const;
    Q_INVOKABLE bool attachmentSourceExists(const QString& path) const;
    Q_INVOKABLE void stop();
    Q_INVOKABLE bool regenerate(qint64 assistantMessageId);
    Q_INVOKABLE bool editMessage(qint64 userMessageId, const QString& text);
    // Shows the previous (step -1) or next (+1) sibling of a message.
    Q_INVOKABLE void showSibling(qint64 messageId, int step);
    // Answers the last message again, leaving out the oldest turns of this conversation
    // as needed to fit the context (the user's choice after an overflow).
    Q_INVOKABLE bool dropOldestAndRetry();
    Q_INVOKABLE QString lastAnswer() const;
    Q_INVOKABLE void dismissNotice();

    // Exports one conversation, or all for id 0 (Markdown, JSON, HTML or text: "md" "json"
    // "html" "txt") into a folder (a path or file:// URL) on a worker thread; the outcome is
    // a notice naming the file. The folder is remembered as exportFolder.
    Q_INVOKABLE void exportConversation(qint64 id, const QString& format, const QString& folder);
    // The file such an export writes (empty when it writes several: all conversations as
    // Markdown, HTML or text), and whether it would replace a file in `folder`.
    Q_INVOKABLE QString exportFileName(qint64 id, const QString& format);
    Q_INVOKABLE bool exportReplaces(qint64 id, const QString& format, const QString& folder);
    // Between folder paths (shown, typed) and the file:// URLs of folder dialogs.
    Q_INVOKABLE QUrl folderUrl(const QString& path) const;
    Q_INVOKABLE QString folderPath(const QUrl& url) const;
    // The folder above `path`: a folder dialog opened there with `path` selected can accept
    // it at once (the Qt Quick dialog accepts nothing inside an empty folder).
    Q_INVOKABLE QUrl parentFolderUrl(const QString& path) const;
    // Shows the conversation before (-1) or after (+1) the open one in the sidebar's list.
    Q_INVOKABLE void openAdjacentConversation(int step);

signals:
    void searchResultsChanged();
    void currentChanged(); // another conversation is open (the view goes to its end)
    void titleChanged();
    void systemPromptChanged();
    void generatingChanged();
    void statsChanged();
    void overflowChanged();
    void noticeChanged();
    void exportFolderChanged();
    void pendingDeleteChanged();
    void showMessage(int row);
    // A generation ended (done, stopped or failed) and its message is stored.
    void answerFinished(qint64 messageId);

private:
    // Whether `result` succeeded; a failure is shown to the user as a notice.
    template <typename T> bool ok(const hearth::Result<T>& result) {
        if (!result) {
            reportError(result.error());
        }
        return bool(result);
    }
    void reportError(const hearth::Error& error);
    void setNotice(const TrText& text, bool transient = false);
    QStringList exportFiles(qint64 id, const QString& format);
    void refreshConversations();
    void reloadPath();
    bool startAnswer(int64_t parentId, bool dropOldest);
    GenerationRequest requestFor(const std::vector<hearth::storage::Message>& path,
                                 bool dropOldest);
    hearth::storage::Provenance provenanceFor(const GenerationRequest& request) const;
    // Document search (chatretrieval.cpp): connects the collections to the conversations,
    // puts the passages found into the request's last question, keeps the search with the
    // answer, and shows each answer's sources.
    void setUpCollections(const QString& indexPath);
    void applyRetrieval(GenerationRequest& request);
    void saveAnswerSearch(int64_t messageId);
    QVariantMap sourcesOf(qint64 messageId, const QString& content);
    void setGenerating(quint64 request);
    void setOverflow(int needed, bool canDrop = true);
    // The context meter and the left-out turns as the last answer on the shown path has them.
    void showPathStats();
    void onStarted(quint64 id, int promptTokens, int dropped);
    void onDelta(quint64 id, const QString& thinking, const QString& answer, int tokens,
                 double seconds);
    void onFinished(quint64 id, const GenerationStats& stats);
    void onFailed(quint64 id, const QString& error);
    void onOverflow(quint64 id, int needed, int available);

    QSettings* settings_ = nullptr;
    ModelController* models_ = nullptr;
    PersonaModel* personas_ = nullptr;
    CollectionManager* collections_ = nullptr;
    // The document search of the answer in flight (kept with it once its row exists).
    std::optional<hearth::storage::AnswerSearch> answerSearch_;
    // The open conversation's system prompt; while none is open, the one the next
    // conversation starts with (the last persona chosen).
    QString systemPrompt_;
    QString databasePath_;
    std::optional<hearth::storage::ConversationStore> store_;
    ConversationListModel* conversations_ = nullptr;
    MessageListModel* messages_ = nullptr;
    ComposerAttachments* attachments_ = nullptr;
    QVariantList searchResults_;
    qint64 current_ = 0;

    // The generation in flight (request_ != 0): its conversation, parent message, stored
    // answer (once started) and the request it was made from.
    quint64 request_ = 0;
    quint64 nextRequest_ = 1;
    int64_t answerConversation_ = 0;
    int64_t answerParent_ = 0;
    GenerationRequest answerRequest_;
    std::vector<QList<qint64>> answerMessageIds_; // the stored messages of each request message
    std::unique_ptr<hearth::storage::StreamingMessage> answer_;
    qint64 thinkingStarted_ = -1; // ms on a monotonic clock; -1 none yet
    double thinkingMs_ = -1;      // how long it reasoned before answering; -1 not (yet) known
    bool answerStarted_ = false;

    double tokensPerSecond_ = 0; // live while an answer streams, then its final speed
    int promptTokens_ = 0;       // of the answer in flight
    int contextUsed_ = 0;
    int dropped_ = 0;
    int overflowNeeded_ = 0;
    bool overflowCanDrop_ = true;
    // The messages each answer made since the start was generated without (to fit).
    QHash<qint64, QSet<qint64>> leftOutFor_;
    QSet<qint64> dropOldest_; // conversations where the user chose to leave out old turns
    TrText notice_;
    bool noticeTransient_ = false;
    qint64 pendingDelete_ = 0;
    QString pendingDeleteTitle_;
};
