#include "archivereader.h"

#include "jsonarchive.h"
#include "rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

namespace hearth::storage::archive {

namespace {

// Reads the fields of one JSON object. The first problem is kept (later reads return
// empty values) and reported by finish(), which also rejects keys nobody asked for.
class Fields {
public:
    Fields(const QJsonValue& value, std::string where) : where_(std::move(where)) {
        if (!value.isObject()) {
            fail("", "expected an object");
        }
        object_ = value.toObject();
    }

    std::optional<Error> finish() {
        for (auto it = object_.begin(); it != object_.end() && !error_; ++it) {
            if (!seen_.contains(it.key())) {
                fail(it.key().toStdString(), "unknown field");
            }
        }
        return error_;
    }

    const std::string& where() const { return where_; }

    std::string string(const char* key) {
        const QJsonValue v = get(key);
        if (!v.isString()) {
            return type_error(key, "text"), std::string();
        }
        return v.toString().toStdString();
    }

    std::optional<std::string> optional_string(const char* key) {
        return is_null(key) ? std::nullopt : std::optional<std::string>(string(key));
    }

    bool boolean(const char* key) {
        const QJsonValue v = get(key);
        if (!v.isBool()) {
            return type_error(key, "true or false"), false;
        }
        return v.toBool();
    }

    std::optional<int64_t> optional_integer(const char* key) {
        if (is_null(key)) {
            return std::nullopt;
        }
        const QJsonValue v = get(key);
        // Two defaults tell an integer (read exactly) from a fraction or a huge number.
        if (!v.isDouble() || v.toInteger(0) != v.toInteger(1)) {
            return type_error(key, "a whole number or null"), std::nullopt;
        }
        return v.toInteger();
    }

    std::optional<double> optional_number(const char* key) {
        if (is_null(key)) {
            return std::nullopt;
        }
        const QJsonValue v = get(key);
        if (!v.isDouble()) {
            return type_error(key, "a number or null"), std::nullopt;
        }
        return v.toDouble();
    }

    int64_t time(const char* key) {
        const std::string text = string(key);
        std::optional<int64_t> ms = parse_iso_time(text);
        if (!ms && !error_) {
            fail(key,
                 "expected a UTC time like \"2025-03-01T09:30:00.000Z\", got \"" + text + "\"");
        }
        return ms.value_or(0);
    }

    std::optional<int64_t> optional_time(const char* key) {
        return is_null(key) ? std::nullopt : std::optional<int64_t>(time(key));
    }

    std::string uuid(const char* key) {
        std::string text = string(key);
        if (!error_ && !rows::is_uuid(text)) {
            fail(key, "expected an id like \"0b6c5a3e-8a1f-4c51-9d62-3f0e7c2a9b14\", got \"" +
                          text + "\"");
        }
        return text;
    }

    std::optional<std::string> optional_uuid(const char* key) {
        return is_null(key) ? std::nullopt : std::optional<std::string>(uuid(key));
    }

    std::optional<uint64_t> optional_seed(const char* key) {
        const std::optional<std::string> text = optional_string(key);
        if (!text) {
            return std::nullopt;
        }
        uint64_t seed = 0;
        const char* end = text->data() + text->size();
        auto [ptr, ec] = std::from_chars(text->data(), end, seed);
        if (ec != std::errc() || ptr != end || text->empty() || (*text)[0] == '+') {
            fail(key, "expected a decimal number from 0 to 18446744073709551615 as text");
        }
        return seed;
    }

    template <class Enum>
    Enum name(const char* key, std::optional<Enum> (*parse)(std::string_view), const char* names) {
        const std::string text = string(key);
        std::optional<Enum> value = parse(text);
        if (!value && !error_) {
            fail(key, std::string("expected one of ") + names + ", got \"" + text + "\"");
        }
        return value.value_or(Enum{});
    }

    QJsonArray array(const char* key) {
        const QJsonValue v = get(key);
        if (!v.isArray()) {
            return type_error(key, "a list"), QJsonArray();
        }
        return v.toArray();
    }

    QJsonValue get(const char* key) {
        const QString name = QString::fromLatin1(key);
        seen_.insert(name);
        if (!object_.contains(name)) {
            fail(key, "missing");
            return {};
        }
        return object_.value(name);
    }

    bool is_null(const char* key) { return get(key).isNull(); }
    bool has(const char* key) const { return object_.contains(QString::fromLatin1(key)); }

    void fail(std::string_view key, std::string_view what) {
        if (!error_) {
            std::string at = where_;
            if (!key.empty()) {
                at += (at.empty() ? "" : ".") + std::string(key);
            }
            error_ = Error{(at.empty() ? std::string() : at + ": ") + std::string(what)};
        }
    }

    void take(Error error) {
        if (!error_) {
            error_ = std::move(error);
        }
    }

private:
    void type_error(const char* key, const char* expected) {
        fail(key, std::string("expected ") + expected);
    }

    QJsonObject object_;
    std::string where_;
    QSet<QString> seen_;
    std::optional<Error> error_;
};

std::optional<Provenance> read_provenance(Fields& parent) {
    if (parent.is_null("provenance")) {
        return std::nullopt;
    }
    Fields f(parent.get("provenance"), parent.where() + ".provenance");
    Provenance p;
    p.model_name = f.optional_string("model_name");
    p.model_file = f.optional_string("model_file");
    p.model_sha256 = f.optional_string("model_sha256");
    p.architecture = f.optional_string("architecture");
    p.quant = f.optional_string("quant");
    p.backend = f.optional_string("backend");
    p.device = f.optional_string("device");
    p.temperature = f.optional_number("temperature");
    p.top_k = f.optional_integer("top_k");
    p.top_p = f.optional_number("top_p");
    p.min_p = f.optional_number("min_p");
    p.repeat_penalty = f.optional_number("repeat_penalty");
    p.frequency_penalty = f.optional_number("frequency_penalty");
    p.presence_penalty = f.optional_number("presence_penalty");
    p.penalty_last_n = f.optional_integer("penalty_last_n");
    p.seed = f.optional_seed("seed");
    p.max_tokens = f.optional_integer("max_tokens");
    p.context_length = f.optional_integer("context_length");
    p.system_prompt = f.optional_string("system_prompt");
    p.chat_template_sha256 = f.optional_string("chat_template_sha256");
    p.prompt_tokens = f.optional_integer("prompt_tokens");
    p.completion_tokens = f.optional_integer("completion_tokens");
    p.time_to_first_token_ms = f.optional_number("time_to_first_token_ms");
    p.tokens_per_second = f.optional_number("tokens_per_second");
    p.started_at = f.optional_time("started_at");
    p.finished_at = f.optional_time("finished_at");
    if (f.has("thinking_ms")) { // added in version 2; version 1 archives lack it
        p.thinking_ms = f.optional_number("thinking_ms");
    }
    if (std::optional<Error> e = f.finish()) {
        parent.take(std::move(*e)); // it names its own place
    }
    return p;
}

Result<ArchivedMessage> read_message(const QJsonValue& value, const std::string& where) {
    Fields f(value, where);
    ArchivedMessage a;
    Message& m = a.message;
    m.uuid = f.uuid("id");
    a.parent = f.optional_uuid("parent");
    a.active_child = f.optional_uuid("active_child");
    m.role = f.name<Role>("role", role_from_string, "\"system\", \"user\", \"assistant\"");
    m.status =
        f.name<MessageStatus>("status", status_from_string,
                              "\"streaming\", \"done\", \"stopped\", \"error\", \"interrupted\"");
    if (!f.is_null("finish_reason")) {
        m.finish_reason = f.name<FinishReason>("finish_reason", finish_reason_from_string,
                                               "\"eos\", \"length\", \"stop\", \"error\", null");
    }
    m.error = f.string("error");
    m.created_at = f.time("created_at");
    m.updated_at = f.time("updated_at");
    m.content = f.string("content");
    m.thinking = f.string("thinking");
    m.provenance = read_provenance(f);
    if (std::optional<Error> e = f.finish()) {
        return *e;
    }
    // Nobody writes into an archived answer: one caught mid-stream was cut off.
    if (m.status == MessageStatus::Streaming) {
        m.status = MessageStatus::Interrupted;
    }
    return a;
}

// The tree rules: unique ids, parents before children within the conversation, active
// pointers to a child of that message / a root of that conversation.
Result<void> check_tree(const ArchivedConversation& c, const std::string& where) {
    std::unordered_map<std::string, const ArchivedMessage*> seen;
    for (size_t i = 0; i < c.messages.size(); ++i) {
        const ArchivedMessage& a = c.messages[i];
        const std::string at = where + ".messages[" + std::to_string(i) + "]";
        if (a.parent && !seen.contains(*a.parent)) {
            return Error{at + ".parent: " + *a.parent +
                         " is not an earlier message of this conversation"};
        }
        if (!seen.emplace(a.message.uuid, &a).second) {
            return Error{at + ".id: " + a.message.uuid + " appears twice"};
        }
    }
    for (size_t i = 0; i < c.messages.size(); ++i) {
        const ArchivedMessage& a = c.messages[i];
        if (!a.active_child) {
            continue;
        }
        auto child = seen.find(*a.active_child);
        if (child == seen.end() || child->second->parent != a.message.uuid) {
            return Error{where + ".messages[" + std::to_string(i) +
                         "].active_child: " + *a.active_child + " is not a child of this message"};
        }
    }
    if (c.active_root) {
        auto root = seen.find(*c.active_root);
        if (root == seen.end() || root->second->parent) {
            return Error{where + ".active_root: " + *c.active_root +
                         " is not a first message of this conversation"};
        }
    }
    return {};
}

Result<ArchivedConversation> read_conversation(const QJsonValue& value, const std::string& where) {
    Fields f(value, where);
    ArchivedConversation a;
    Conversation& c = a.conversation;
    c.uuid = f.uuid("id");
    c.title = f.string("title");
    c.created_at = f.time("created_at");
    c.updated_at = f.time("updated_at");
    c.pinned = f.boolean("pinned");
    c.archived = f.boolean("archived");
    c.folder = f.optional_string("folder");
    c.default_model = f.optional_string("default_model");
    c.system_prompt = f.optional_string("system_prompt");
    a.active_root = f.optional_uuid("active_root");
    const QJsonArray messages = f.array("messages");
    if (std::optional<Error> e = f.finish()) {
        return *e;
    }
    a.messages.reserve(static_cast<size_t>(messages.size()));
    for (qsizetype i = 0; i < messages.size(); ++i) {
        Result<ArchivedMessage> m =
            read_message(messages[i], where + ".messages[" + std::to_string(i) + "]");
        if (!m) {
            return m.error();
        }
        a.messages.push_back(std::move(m).value());
    }
    if (Result<void> r = check_tree(a, where); !r) {
        return r.error();
    }
    return a;
}

Error parse_error(const QByteArray& data, const QJsonParseError& error) {
    int line = 1, column = 1;
    for (qsizetype i = 0; i < error.offset && i < data.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return Error{"not valid JSON: " + error.errorString().toStdString() + " at line " +
                 std::to_string(line) + ", column " + std::to_string(column)};
}

} // namespace

Result<Archive> read_archive(const QByteArray& data) {
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(data, &parse);
    if (parse.error != QJsonParseError::NoError) {
        return parse_error(data, parse);
    }
    if (!document.isObject()) {
        return Error{"not a Hearth archive: the file is not a JSON object"};
    }
    Fields f(document.object(), "");
    if (f.string("format") != kArchiveFormat) {
        return Error{std::string("not a Hearth archive: \"format\" is not \"") + kArchiveFormat +
                     "\""};
    }
    const std::optional<int64_t> version = f.optional_integer("version");
    if (!version || *version < 1) {
        return Error{"version: expected a whole number from 1"};
    }
    if (*version > kArchiveVersion) {
        return Error{"the archive was written by a newer Hearth (format version " +
                     std::to_string(*version) + "; this version reads up to " +
                     std::to_string(kArchiveVersion) + "): update Hearth to import it"};
    }
    (void)f.time("exported_at");
    const QJsonArray conversations = f.array("conversations");
    if (std::optional<Error> e = f.finish()) {
        return *e;
    }
    Archive archive;
    std::unordered_set<std::string> conversation_ids, message_ids;
    for (qsizetype i = 0; i < conversations.size(); ++i) {
        const std::string where = "conversations[" + std::to_string(i) + "]";
        Result<ArchivedConversation> c = read_conversation(conversations[i], where);
        if (!c) {
            return c.error();
        }
        if (!conversation_ids.insert(c->conversation.uuid).second) {
            return Error{where + ".id: " + c->conversation.uuid + " appears twice"};
        }
        for (const ArchivedMessage& m : c->messages) {
            if (!message_ids.insert(m.message.uuid).second) {
                return Error{where + ": message " + m.message.uuid +
                             " also appears in another conversation"};
            }
        }
        archive.message_count += static_cast<int64_t>(c->messages.size());
        archive.conversations.push_back(std::move(c).value());
    }
    return archive;
}

} // namespace hearth::storage::archive
