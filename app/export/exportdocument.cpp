// Loading a conversation for the readable exports, and the wording they share.
#include "renderers.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <unordered_map>

using namespace hearth::storage;

namespace {

// Every message in tree order: each version, then what continues from it, before the next
// version. An explicit stack, as a long conversation is a path thousands of messages deep.
ExportDocument treeOrder(Conversation conversation, std::vector<Message> all) {
    std::unordered_map<int64_t, std::vector<size_t>> children; // parent id (0: roots)
    for (size_t i = 0; i < all.size(); ++i) {
        children[all[i].parent_id.value_or(0)].push_back(i);
    }
    for (auto& [parent, list] : children) { // oldest first, as the app's "‹ 2/3 ›"
        std::sort(list.begin(), list.end(), [&](size_t a, size_t b) {
            return std::pair(all[a].created_at, all[a].id) <
                   std::pair(all[b].created_at, all[b].id);
        });
    }
    ExportDocument document{std::move(conversation), {}, {}, {}, {}};
    struct Pending {
        size_t index;
        BranchMark mark;
    };
    std::vector<Pending> stack;
    auto pushChildren = [&](int64_t parent, const BranchMark& above) {
        const auto found = children.find(parent);
        if (found == children.end()) {
            return;
        }
        const std::vector<size_t>& list = found->second;
        const int n = int(list.size());
        for (int k = n; k-- > 0;) { // pushed last first, so the oldest comes out first
            BranchMark mark{0, 0, above.depth, above.branch};
            if (n > 1) {
                mark.version = k + 1;
                mark.versions = n;
                mark.depth = above.depth + 1;
                mark.branch = above.branch.isEmpty()
                                  ? QString::number(k + 1)
                                  : above.branch + QLatin1Char('.') + QString::number(k + 1);
            }
            stack.push_back({list[size_t(k)], mark});
        }
    };
    pushChildren(0, {});
    while (!stack.empty()) {
        Pending next = std::move(stack.back());
        stack.pop_back();
        const int64_t id = all[next.index].id;
        document.messages.push_back(std::move(all[next.index]));
        document.marks.push_back(next.mark);
        // What follows a version is in its branch but is not itself a version.
        pushChildren(id, {0, 0, next.mark.depth, next.mark.branch});
    }
    return document;
}

} // namespace

hearth::Result<ExportDocument> loadExportDocument(ConversationStore& store, int64_t conversationId,
                                                  ExportScope scope) {
    hearth::Result<Conversation> conversation = store.conversation(conversationId);
    if (!conversation) {
        return conversation.error();
    }
    ExportDocument document;
    if (scope == Export::AllBranches) {
        hearth::Result<std::vector<Message>> all = store.all_messages(conversationId);
        if (!all) {
            return all.error();
        }
        document = treeOrder(std::move(conversation).value(), std::move(all).value());
    } else {
        hearth::Result<std::vector<Message>> path = store.active_path(conversationId);
        if (!path) {
            return path.error();
        }
        document =
            ExportDocument{std::move(conversation).value(), std::move(path).value(), {}, {}, {}};
    }
    if (hearth::Result<void> texts = loadAttachmentTexts(store, document); !texts) {
        return texts.error();
    }
    if (hearth::Result<void> searches = loadAnswerSearches(store, document); !searches) {
        return searches.error();
    }
    return document;
}

BranchMark branchMark(const ExportDocument& document, size_t i) {
    return i < document.marks.size() ? document.marks[i] : BranchMark{};
}

QString versionLabel(const Message& message, const BranchMark& mark) {
    if (mark.versions < 2) {
        return {};
    }
    QString what;
    switch (message.role) {
    case Role::System:
        what = QStringLiteral("System prompt");
        break;
    case Role::User:
        what = QStringLiteral("Message");
        break;
    case Role::Assistant:
        what = QStringLiteral("Answer");
        break;
    }
    QString label =
        QStringLiteral("%1, version %2 of %3").arg(what).arg(mark.version).arg(mark.versions);
    if (const qsizetype dot = mark.branch.lastIndexOf(QLatin1Char('.')); dot > 0) {
        label += QStringLiteral(" (in branch %1)").arg(mark.branch.left(dot));
    }
    return label;
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
