// ChatController: document search. The open conversation's collections are loaded when it
// opens and stored when the user changes them (a new chat keeps the last choice and stores
// it when it is created). On each question the passages found go into the request, numbered
// (retrievalprompt.h); the stored message keeps the question as typed, and the search with
// its numbered sources is kept with the answer, so the answer's citations map back to
// files, also after a restart.
#include "chatcontroller.h"
#include "documenttext.h"
#include "retrievalprompt.h"
#include "streamingmessage.h"

#include <QFileInfo>
#include <QUrl>
#include <algorithm>

namespace {

// At most this share of the model's context goes to passages, and never more than
// kMaxSourceTokens (a few good passages help more than many weak ones).
constexpr int kContextShare = 4;
constexpr int kMaxSourceTokens = 2000;
constexpr int kMinSourceTokens = 48;

QString qt(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::vector<std::string> utf8List(const QStringList& list) {
    std::vector<std::string> out;
    for (const QString& s : list) {
        out.push_back(s.toStdString());
    }
    return out;
}

} // namespace

void ChatController::setUpCollections(const QString& indexPath) {
    collections_->start(indexPath, hearth::collections::documentExtractor());
    connect(this, &ChatController::currentChanged, this, [this] {
        if (!store_ || current_ == 0) {
            return; // a new chat keeps the choice made last
        }
        if (messages_->count() == 0) {
            // Just created by its first question (not yet shown): it takes the choice made
            // while it was a new chat.
            ok(hearth::storage::set_conversation_collections(store_->database(), current_,
                                                             utf8List(collections_->enabled())));
            return;
        }
        auto stored = hearth::storage::conversation_collections(store_->database(), current_);
        QStringList uuids;
        if (ok(stored)) {
            for (const std::string& uuid : *stored) {
                uuids.append(qt(uuid));
            }
        }
        collections_->showEnabled(uuids);
    });
    connect(collections_, &CollectionManager::enabledEdited, this,
            [this](const QStringList& uuids) {
                if (store_ && current_ != 0) {
                    ok(hearth::storage::set_conversation_collections(store_->database(), current_,
                                                                     utf8List(uuids)));
                }
            });
    messages_->setSourceLookup(
        [this](qint64 id, const QString& content) { return sourcesOf(id, content); });
}

void ChatController::applyRetrieval(GenerationRequest& request) {
    answerSearch_.reset();
    const QStringList uuids = collections_->enabled();
    if (uuids.isEmpty() || request.messages.empty() || request.messages.back().role != "user") {
        return;
    }
    // The question as typed: the last stored message of the turn (the request's text may
    // begin with attached files, see attachmentprompt.h, and those stay in front of the
    // sources). A turn of files alone asks nothing to search for.
    std::string& content = request.messages.back().content;
    std::string typed = content;
    if (!answerMessageIds_.empty() && !answerMessageIds_.back().isEmpty()) {
        auto stored = store_->message(answerMessageIds_.back().last());
        if (stored && content.ends_with(stored->content)) {
            typed = stored->content;
        }
    }
    if (QString::fromStdString(typed).trimmed().isEmpty()) {
        return;
    }
    const std::string files = content.substr(0, content.size() - typed.size());
    const int context = models_->info().context_length;
    const int budget = std::clamp(context / kContextShare, kMinSourceTokens, kMaxSourceTokens);
    auto passages = collections_->retrieve(qt(typed), uuids, budget);
    if (!passages) {
        // The index cannot be read: the question goes as typed, and the answer says nothing
        // about sources (no search happened).
        reportError(passages.error());
        return;
    }
    const QStringList names = collections_->namesOf(uuids);
    hearth::storage::AnswerSearch search;
    search.collections = utf8List(names);
    for (qsizetype i = 0; i < passages->size(); ++i) {
        const hearth::collections::Passage& p = passages->at(i);
        search.sources.push_back({int(i + 1), p.collection.toStdString(), p.path.toStdString(),
                                  p.title.toStdString(), p.page, p.pages, p.start,
                                  p.text.trimmed().toStdString()});
    }
    content = files + hearth::collections::retrievalTurn(qt(typed), *passages, names).toStdString();
    answerSearch_ = std::move(search);
}

void ChatController::saveAnswerSearch(int64_t messageId) {
    if (answerSearch_) {
        ok(hearth::storage::save_answer_search(store_->database(), messageId, *answerSearch_));
        answerSearch_.reset();
    }
}

QVariantMap ChatController::sourcesOf(qint64 messageId, const QString& content) {
    if (!store_ || messageId <= 0) {
        return {};
    }
    auto search = hearth::storage::answer_search(store_->database(), messageId);
    if (!search || !*search) {
        return {};
    }
    const auto& sources = (*search)->sources;
    // The sources the answer cites; all that were given when it cites none.
    const QList<int> cited = hearth::collections::citedNumbers(content, int(sources.size()));
    QVariantList items;
    for (const hearth::storage::AnswerSource& s : sources) {
        if (!cited.isEmpty() && !cited.contains(s.number)) {
            continue;
        }
        const QString path = qt(s.path);
        items.append(QVariantMap{
            {QStringLiteral("number"), s.number},
            {QStringLiteral("title"), qt(s.title)},
            {QStringLiteral("path"), path},
            {QStringLiteral("url"), QUrl::fromLocalFile(path)},
            {QStringLiteral("page"), s.page},
            {QStringLiteral("start"), s.start},
            {QStringLiteral("paged"), s.pages > 1},
            {QStringLiteral("pdf"), documentKindForName(path) == DocumentKind::Pdf},
            {QStringLiteral("exists"), QFileInfo::exists(path)},
            {QStringLiteral("excerpt"), qt(s.excerpt)},
        });
    }
    QStringList names;
    for (const std::string& n : (*search)->collections) {
        names.append(qt(n));
    }
    return {{QStringLiteral("searched"), names.join(QLatin1String(", "))},
            {QStringLiteral("cited"), !cited.isEmpty()},
            {QStringLiteral("items"), items}};
}
