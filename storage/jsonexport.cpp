// Writing the lossless JSON archive (format in jsonarchive.h and README.md).
#include "answersources.h"
#include "jsonarchive.h"
#include "jsonwriter.h"
#include "transaction.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <unordered_map>

namespace hearth::storage {

std::string iso_time(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC)
        .toString(Qt::ISODateWithMs)
        .toStdString();
}

std::optional<int64_t> parse_iso_time(std::string_view text) {
    const QString string = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    const QDateTime time = QDateTime::fromString(string, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return std::nullopt;
    }
    const int64_t ms = time.toMSecsSinceEpoch();
    // Only the exact form this code writes, so a round trip gives the same bytes.
    if (iso_time(ms) != text) {
        return std::nullopt;
    }
    return ms;
}

namespace {

void write_provenance(JsonWriter& w, const Provenance& p) {
    w.begin_object();
    w.key("model_name").value(p.model_name);
    w.key("model_file").value(p.model_file);
    w.key("model_sha256").value(p.model_sha256);
    w.key("architecture").value(p.architecture);
    w.key("quant").value(p.quant);
    w.key("backend").value(p.backend);
    w.key("device").value(p.device);
    for (const SamplingFieldInfo& f : kSamplingFields) {
        const std::optional<double>& v = p.sampling[f.field];
        w.key(f.name);
        if (f.integer && v) {
            w.value(static_cast<int64_t>(*v));
        } else {
            w.value(v);
        }
    }
    // A decimal string: a 64-bit seed does not survive JSON readers that use doubles.
    std::optional<std::string> seed;
    if (p.seed) {
        seed = std::to_string(*p.seed);
    }
    w.key("seed").value(seed);
    w.key("max_tokens").value(p.max_tokens);
    w.key("context_length").value(p.context_length);
    w.key("system_prompt").value(p.system_prompt);
    w.key("chat_template_sha256").value(p.chat_template_sha256);
    w.key("prompt_tokens").value(p.prompt_tokens);
    w.key("completion_tokens").value(p.completion_tokens);
    w.key("time_to_first_token_ms").value(p.time_to_first_token_ms);
    w.key("tokens_per_second").value(p.tokens_per_second);
    std::optional<std::string> started, finished;
    if (p.started_at) {
        started = iso_time(*p.started_at);
    }
    if (p.finished_at) {
        finished = iso_time(*p.finished_at);
    }
    w.key("started_at").value(started);
    w.key("finished_at").value(finished);
    w.key("thinking_ms").value(p.thinking_ms); // since archive version 2
    w.end_object();
}

// Since archive version 3: the files attached to a message, each with its whole text.
Result<void> write_attachments(JsonWriter& w, ConversationStore& store,
                               const std::vector<Attachment>& attachments) {
    w.key("attachments").begin_array();
    for (const Attachment& a : attachments) {
        Result<std::vector<std::string>> pages = store.attachment_pages(a.id);
        if (!pages) {
            return pages.error();
        }
        w.begin_object();
        w.key("sha256").value(a.sha256);
        w.key("name").value(a.file_name);
        w.key("kind").value(to_string(a.kind));
        w.key("title").value(a.title);
        w.key("source_path").value(a.source_path);
        w.key("tokens").value(a.tokens);
        w.key("pages").begin_array();
        for (const std::string& page : *pages) {
            w.value(page);
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    return {};
}

// Since archive version 4: the document search behind an answer, null for one made without.
// Sources are numbered as the prompt numbered them, 1 to N in order.
Result<void> write_document_search(JsonWriter& w, ConversationStore& store, int64_t message_id) {
    Result<std::optional<AnswerSearch>> search = answer_search(store.database(), message_id);
    if (!search) {
        return search.error();
    }
    w.key("document_search");
    if (!*search) {
        w.null();
        return {};
    }
    w.begin_object();
    w.key("collections").begin_array();
    for (const std::string& name : (*search)->collections) {
        w.value(name);
    }
    w.end_array();
    w.key("sources").begin_array();
    for (const AnswerSource& s : (*search)->sources) {
        w.begin_object();
        w.key("number").value(int64_t{s.number});
        w.key("collection").value(s.collection);
        w.key("path").value(s.path);
        w.key("title").value(s.title);
        w.key("page").value(int64_t{s.page});
        w.key("pages").value(int64_t{s.pages});
        w.key("start").value(int64_t{s.start});
        w.key("excerpt").value(s.excerpt);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return {};
}

Result<void> write_conversation(JsonWriter& w, ConversationStore& store, int64_t id) {
    Result<Conversation> c = store.conversation(id);
    if (!c) {
        return c.error();
    }
    Result<std::vector<Message>> messages = store.all_messages(id);
    if (!messages) {
        return messages.error();
    }
    std::unordered_map<int64_t, const std::string*> uuids;
    for (const Message& m : *messages) {
        uuids.emplace(m.id, &m.uuid);
    }
    auto uuid_of = [&](std::optional<int64_t> row) -> std::optional<std::string> {
        if (!row || !uuids.contains(*row)) {
            return std::nullopt;
        }
        return *uuids.at(*row);
    };
    w.begin_object();
    w.key("id").value(c->uuid);
    w.key("title").value(c->title);
    w.key("created_at").value(iso_time(c->created_at));
    w.key("updated_at").value(iso_time(c->updated_at));
    w.key("pinned").value(c->pinned);
    w.key("archived").value(c->archived);
    w.key("folder").value(c->folder);
    w.key("default_model").value(c->default_model);
    w.key("system_prompt").value(c->system_prompt);
    w.key("active_root").value(uuid_of(c->active_root_id));
    // Since archive version 4: the collections (by uuid) the conversation searches.
    Result<std::vector<std::string>> collections = conversation_collections(store.database(), id);
    if (!collections) {
        return collections.error();
    }
    w.key("collections").begin_array();
    for (const std::string& uuid : *collections) {
        w.value(uuid);
    }
    w.end_array();
    w.key("messages").begin_array();
    for (const Message& m : *messages) {
        const MessageStatus status =
            m.status == MessageStatus::Streaming ? MessageStatus::Interrupted : m.status;
        std::optional<std::string_view> reason;
        if (m.finish_reason) {
            reason = to_string(*m.finish_reason);
        }
        w.begin_object();
        w.key("id").value(m.uuid);
        w.key("parent").value(uuid_of(m.parent_id));
        w.key("active_child").value(uuid_of(m.active_child_id));
        w.key("role").value(to_string(m.role));
        w.key("status").value(to_string(status));
        w.key("finish_reason").value(reason);
        w.key("error").value(m.error);
        w.key("created_at").value(iso_time(m.created_at));
        w.key("updated_at").value(iso_time(m.updated_at));
        w.key("content").value(m.content);
        w.key("thinking").value(m.thinking);
        w.key("provenance");
        if (m.provenance) {
            write_provenance(w, *m.provenance);
        } else {
            w.null();
        }
        if (Result<void> r = write_attachments(w, store, m.attachments); !r) {
            return r.error();
        }
        if (Result<void> r = write_document_search(w, store, m.id); !r) {
            return r.error();
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return {};
}

} // namespace

Result<void> export_json(ConversationStore& store, std::span<const int64_t> ids, QIODevice& out,
                         int64_t exported_at, const Progress& progress) {
    // One read transaction: the app may keep writing, the file shows one moment. (A caller
    // already in a transaction has its own snapshot.)
    std::optional<Transaction> snapshot;
    if (!store.database().in_transaction()) {
        Result<Transaction> begun =
            Transaction::begin(store.database(), Transaction::Kind::Deferred);
        if (!begun) {
            return begun.error();
        }
        snapshot.emplace(std::move(begun).value());
    }
    std::vector<Conversation> chosen;
    if (ids.empty()) {
        Result<std::vector<Conversation>> all =
            store.list_conversations({ConversationFilter::Archived::Include, std::nullopt});
        if (!all) {
            return all.error();
        }
        chosen = std::move(all).value();
    } else {
        for (int64_t id : ids) {
            Result<Conversation> c = store.conversation(id);
            if (!c) {
                return c.error();
            }
            chosen.push_back(std::move(c).value());
        }
    }
    // An order that does not depend on row ids, so a re-export after import is identical.
    std::sort(chosen.begin(), chosen.end(), [](const Conversation& a, const Conversation& b) {
        return a.created_at != b.created_at ? a.created_at < b.created_at : a.uuid < b.uuid;
    });
    JsonWriter w(out);
    w.begin_object();
    w.key("format").value(kArchiveFormat);
    w.key("version").value(int64_t{kArchiveVersion});
    w.key("exported_at").value(iso_time(exported_at));
    w.key("conversations").begin_array();
    const auto total = static_cast<int64_t>(chosen.size());
    for (int64_t done = 0; done < total; ++done) {
        if (progress && !progress(done, total)) {
            return Error{"the export was cancelled"};
        }
        if (Result<void> r = write_conversation(w, store, chosen[static_cast<size_t>(done)].id);
            !r) {
            return r.error();
        }
        if (!w.flush()) {
            return Error{"cannot write the export: " + out.errorString().toStdString()};
        }
    }
    w.end_array();
    w.end_object();
    if (!w.flush()) {
        return Error{"cannot write the export: " + out.errorString().toStdString()};
    }
    if (progress) {
        progress(total, total);
    }
    return {};
}

} // namespace hearth::storage
