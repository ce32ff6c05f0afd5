// Loading a conversation for the readable exports, and the wording they share.
#include "renderers.h"

#include <QDateTime>
#include <QTimeZone>

using namespace hearth::storage;

hearth::Result<ExportDocument> loadExportDocument(ConversationStore& store,
                                                  int64_t conversationId) {
    hearth::Result<Conversation> conversation = store.conversation(conversationId);
    if (!conversation) {
        return conversation.error();
    }
    hearth::Result<std::vector<Message>> path = store.active_path(conversationId);
    if (!path) {
        return path.error();
    }
    ExportDocument document{std::move(conversation).value(), std::move(path).value(), {}};
    if (hearth::Result<void> texts = loadAttachmentTexts(store, document); !texts) {
        return texts.error();
    }
    return document;
}

QString displayTitle(const ExportDocument& document) {
    const QString title = QString::fromStdString(document.conversation.title).trimmed();
    return title.isEmpty() ? QStringLiteral("Untitled conversation") : title;
}

QString roleLabel(const Message& message) {
    switch (message.role) {
    case Role::System:
        return QStringLiteral("System");
    case Role::User:
        return QStringLiteral("User");
    case Role::Assistant:
        return QStringLiteral("Assistant");
    }
    return {};
}

QString modelOf(const Message& message) {
    if (!message.provenance) {
        return {};
    }
    const Provenance& p = *message.provenance;
    return QString::fromStdString(p.model_name.value_or(p.model_file.value_or("")));
}

QStringList modelsUsed(const ExportDocument& document) {
    QStringList models;
    for (const Message& m : document.messages) {
        const QString model = modelOf(m);
        if (!model.isEmpty() && !models.contains(model)) {
            models << model;
        }
    }
    return models;
}

QString utcTime(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
           QStringLiteral(" UTC");
}

QString isoTime(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QString statusNote(const Message& message) {
    switch (message.status) {
    case MessageStatus::Done:
        return {};
    case MessageStatus::Streaming:
        return QStringLiteral("still being written");
    case MessageStatus::Stopped:
        return QStringLiteral("stopped");
    case MessageStatus::Interrupted:
        return QStringLiteral("interrupted");
    case MessageStatus::Error:
        return message.error.empty()
                   ? QStringLiteral("error")
                   : QStringLiteral("error: ") + QString::fromStdString(message.error);
    }
    return {};
}
