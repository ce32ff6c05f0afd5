#include "archivereader.h"

#include "archivefields.h"
#include "archivesources.h"
#include "jsonarchive.h"
#include "jsonreader.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace hearth::storage::archive {

namespace {

std::optional<Provenance> read_provenance(Fields& parent) {
    if (parent.is_null("provenance")) {
        return std::nullopt;
    }
    Fields f(parent.take("provenance"), parent.where() + ".provenance");
    Provenance p;
    p.model_name = f.optional_string("model_name");
    p.model_file = f.optional_string("model_file");
    p.model_sha256 = f.optional_string("model_sha256");
    p.architecture = f.optional_string("architecture");
    p.quant = f.optional_string("quant");
    p.backend = f.optional_string("backend");
    p.device = f.optional_string("device");
    for (const SamplingFieldInfo& s : kSamplingFields) {
        // The table's names are string literals, so data() ends in a NUL.
        std::optional<double>& value = p.sampling[s.field];
        if (s.integer) {
            if (std::optional<int64_t> v = f.optional_integer(s.name.data())) {
                value = static_cast<double>(*v);
            }
        } else {
            value = f.optional_number(s.name.data());
        }
    }
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
        parent.take_error(std::move(*e)); // it names its own place
    }
    return p;
}

// The files attached to a message (archive version 3; earlier versions have none). Each
// sha256 must be that of its pages, so a file edited by hand cannot store a text under
// another text's address.
std::vector<NewAttachment> read_attachments(Fields& parent) {
    std::vector<NewAttachment> attachments;
    if (!parent.has("attachments")) {
        return attachments;
    }
    json::Value list = parent.take("attachments");
    if (!list.is_array()) {
        parent.fail("attachments", "expected an array");
        return attachments;
    }
    for (size_t i = 0; i < list.array().size(); ++i) {
        Fields f(std::move(list.array()[i]),
                 parent.where() + ".attachments[" + std::to_string(i) + "]");
        NewAttachment a;
        a.info.sha256 = f.string("sha256");
        a.info.file_name = f.string("name");
        a.info.kind = f.name<AttachmentKind>("kind", attachment_kind_from_string,
                                             "\"text\", \"markdown\", \"code\", \"pdf\", \"html\"");
        a.info.title = f.string("title");
        a.info.source_path = f.optional_string("source_path");
        a.info.tokens = f.optional_integer("tokens");
        json::Value pages = f.take("pages");
        if (!pages.is_array() || pages.array().empty()) {
            f.fail("pages", "expected an array of at least one text");
        } else {
            for (json::Value& page : pages.array()) {
                if (!page.is_string()) {
                    f.fail("pages", "expected an array of at least one text");
                    break;
                }
                if (page.string().find('\f') != std::string::npos) {
                    f.fail("pages", "a page contains a form feed, which separates pages");
                    break;
                }
                a.pages.push_back(std::move(page.string()));
            }
        }
        if (std::optional<Error> e = f.finish()) {
            parent.take_error(std::move(*e));
            return attachments;
        }
        if (attachment_sha256(a.pages) != a.info.sha256) {
            f.fail("sha256", "does not match the text of the pages");
            parent.take_error(*f.finish());
            return attachments;
        }
        a.info.pages = int64_t(a.pages.size());
        attachments.push_back(std::move(a));
    }
    return attachments;
}

Result<ArchivedMessage> read_message(json::Value value, const std::string& where) {
    Fields f(std::move(value), where);
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
    a.attachments = read_attachments(f);
    a.search = read_document_search(f, m.role);
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

// The members of an object read a member at a time, of which `streamed` (when it was there)
// was read into records instead: an Error naming a key given twice.
std::optional<Error> duplicate_key(const json::Object& members, std::string_view streamed,
                                   const std::string& where) {
    std::vector<std::string_view> keys;
    for (const auto& [key, value] : members) {
        keys.push_back(key);
    }
    if (!streamed.empty()) {
        keys.push_back(streamed);
    }
    std::sort(keys.begin(), keys.end());
    const auto twice = std::adjacent_find(keys.begin(), keys.end());
    if (twice == keys.end()) {
        return std::nullopt;
    }
    return Error{(where.empty() ? std::string() : where + ": ") + "the key \"" +
                 std::string(*twice) + "\" appears twice"};
}

// Reads the elements of the array at `r` one at a time with `each(index, element)`, which
// returns the first problem of an element or nothing; after a problem the rest is only read
// as JSON. The Result fails only for text that is not JSON.
template <class Each> Result<std::optional<Error>> each_element(json::Reader& r, Each each) {
    if (Result<void> begin = r.begin_array(); !begin) {
        return begin.error();
    }
    std::optional<Error> problem;
    for (size_t i = 0;; ++i) {
        Result<bool> more = r.next_element();
        if (!more) {
            return more.error();
        }
        if (!*more) {
            return problem;
        }
        Result<json::Value> element = r.value();
        if (!element) {
            return element.error();
        }
        if (!problem) {
            problem = each(i, std::move(*element));
        }
    }
}

// One conversation, its messages turned into records as they are read. The Result fails
// for text that is not JSON; a well-formed conversation with a problem is the inner Error.
Result<Result<ArchivedConversation>> read_conversation(json::Reader& r, const std::string& where) {
    using Inner = Result<ArchivedConversation>;
    if (!r.at_object()) {
        Result<json::Value> v = r.value();
        return v ? Inner(Error{where + ": expected an object"}) : Result<Inner>(v.error());
    }
    if (Result<void> begin = r.begin_object(); !begin) {
        return begin.error();
    }
    ArchivedConversation a;
    json::Object members;
    bool streamed = false;
    std::optional<Error> message_problem;
    for (;;) {
        Result<std::optional<std::string>> key = r.next_key();
        if (!key) {
            return key.error();
        }
        if (!*key) {
            break;
        }
        if (**key == "messages" && !streamed && r.at_array()) {
            streamed = true;
            Result<std::optional<Error>> problem =
                each_element(r, [&](size_t i, json::Value v) -> std::optional<Error> {
                    Result<ArchivedMessage> m =
                        read_message(std::move(v), where + ".messages[" + std::to_string(i) + "]");
                    if (!m) {
                        return m.error();
                    }
                    a.messages.push_back(std::move(m).value());
                    return std::nullopt;
                });
            if (!problem) {
                return problem.error();
            }
            message_problem = std::move(*problem);
            continue;
        }
        Result<json::Value> v = r.value();
        if (!v) {
            return v.error();
        }
        members.emplace_back(std::move(**key), std::move(*v));
    }
    if (std::optional<Error> twice = duplicate_key(members, streamed ? "messages" : "", where)) {
        return Inner(*twice);
    }
    Fields f(json::Value(std::move(members)), where);
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
    if (f.has("collections")) { // added in version 4
        a.collections = read_names(f, "collections");
    }
    if (!streamed) {
        (void)f.take("messages"); // missing: a problem, or it would have been a list
        f.fail("messages", "expected a list");
    }
    if (std::optional<Error> e = f.finish()) {
        return Inner(*e);
    }
    if (message_problem) {
        return Inner(*message_problem);
    }
    if (Result<void> tree = check_tree(a, where); !tree) {
        return Inner(tree.error());
    }
    return Inner(std::move(a));
}

} // namespace

Error too_large(uint64_t bytes) {
    return Error{"the archive is " + std::to_string(bytes >> 20) + " MiB, more than the " +
                 std::to_string(kMaxArchiveBytes >> 20) + " MiB Hearth imports at once"};
}

Result<Archive> read_archive(std::string_view data) {
    if (data.size() > kMaxArchiveBytes) {
        return too_large(data.size());
    }
    json::Reader r(data);
    if (!r.at_object()) {
        Result<json::Value> v = r.value();
        if (!v) {
            return v.error();
        }
        if (Result<void> end = r.end(); !end) {
            return end.error();
        }
        return Error{"not a Hearth archive: the file is not a JSON object"};
    }
    if (Result<void> begin = r.begin_object(); !begin) {
        return begin.error();
    }
    Archive archive;
    json::Object members;
    bool streamed = false;
    std::unordered_set<std::string> conversation_ids, message_ids;
    // Problems in the conversations are reported after those of the format and version,
    // which may come later in the file.
    std::optional<Error> problem;
    for (;;) {
        Result<std::optional<std::string>> key = r.next_key();
        if (!key) {
            return key.error();
        }
        if (!*key) {
            break;
        }
        if (**key != "conversations" || streamed || !r.at_array()) {
            Result<json::Value> v = r.value();
            if (!v) {
                return v.error();
            }
            members.emplace_back(std::move(**key), std::move(*v));
            continue;
        }
        streamed = true;
        if (Result<void> begin = r.begin_array(); !begin) {
            return begin.error();
        }
        for (size_t i = 0;; ++i) {
            Result<bool> more = r.next_element();
            if (!more) {
                return more.error();
            }
            if (!*more) {
                break;
            }
            const std::string where = "conversations[" + std::to_string(i) + "]";
            Result<Result<ArchivedConversation>> c = read_conversation(r, where);
            if (!c) {
                return c.error();
            }
            if (problem) {
                continue;
            }
            if (!*c) {
                problem = c->error();
                continue;
            }
            ArchivedConversation& conversation = c->value();
            if (!conversation_ids.insert(conversation.conversation.uuid).second) {
                problem =
                    Error{where + ".id: " + conversation.conversation.uuid + " appears twice"};
                continue;
            }
            for (const ArchivedMessage& m : conversation.messages) {
                if (!problem && !message_ids.insert(m.message.uuid).second) {
                    problem = Error{where + ": message " + m.message.uuid +
                                    " also appears in another conversation"};
                }
            }
            archive.message_count += static_cast<int64_t>(conversation.messages.size());
            archive.conversations.push_back(std::move(conversation));
        }
    }
    if (Result<void> end = r.end(); !end) {
        return end.error();
    }
    if (std::optional<Error> twice = duplicate_key(members, streamed ? "conversations" : "", "")) {
        return *twice;
    }
    Fields f(json::Value(std::move(members)), "");
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
    if (!streamed) {
        (void)f.take("conversations");
        f.fail("conversations", "expected a list");
    }
    if (std::optional<Error> e = f.finish()) {
        return *e;
    }
    if (problem) {
        return *problem;
    }
    return archive;
}

} // namespace hearth::storage::archive
