#include "rows.h"

#include <QUuid>
#include <bit>

namespace hearth::storage::rows {

Conversation read_conversation(const Statement& s) {
    Conversation c;
    c.id = s.integer(0);
    c.uuid = s.text(1);
    c.title = s.text(2);
    c.created_at = s.integer(3);
    c.updated_at = s.integer(4);
    c.pinned = s.integer(5) != 0;
    c.archived = s.integer(6) != 0;
    c.folder = s.optional_text(7);
    c.default_model = s.optional_text(8);
    c.system_prompt = s.optional_text(9);
    c.active_root_id = s.optional_integer(10);
    c.deleted_at = s.optional_integer(11);
    return c;
}

Message read_message(const Statement& s) {
    Message m;
    m.id = s.integer(0);
    m.uuid = s.text(1);
    m.conversation_id = s.integer(2);
    m.parent_id = s.optional_integer(3);
    m.active_child_id = s.optional_integer(4);
    m.role = role_from_string(s.text(5)).value_or(Role::User);
    m.content = s.text(6);
    m.thinking = s.text(7);
    m.status = status_from_string(s.text(8)).value_or(MessageStatus::Interrupted);
    if (std::optional<std::string> reason = s.optional_text(9)) {
        m.finish_reason = finish_reason_from_string(*reason);
    }
    m.error = s.text(10);
    m.created_at = s.integer(11);
    m.updated_at = s.integer(12);
    if (s.is_null(13)) {
        return m;
    }
    Provenance p;
    p.model_name = s.optional_text(14);
    p.model_file = s.optional_text(15);
    p.model_sha256 = s.optional_text(16);
    p.architecture = s.optional_text(17);
    p.quant = s.optional_text(18);
    p.backend = s.optional_text(19);
    p.device = s.optional_text(20);
    int column = kFirstSamplingColumn;
    for (const SamplingFieldInfo& f : kSamplingFields) {
        std::optional<double>& value = p.sampling[f.field];
        if (f.integer) {
            if (std::optional<int64_t> v = s.optional_integer(column)) {
                value = static_cast<double>(*v);
            }
        } else {
            value = s.optional_real(column);
        }
        ++column;
    }
    if (std::optional<int64_t> seed = s.optional_integer(column++)) {
        p.seed = std::bit_cast<uint64_t>(*seed);
    }
    p.max_tokens = s.optional_integer(column++);
    p.context_length = s.optional_integer(column++);
    p.system_prompt = s.optional_text(column++);
    p.chat_template_sha256 = s.optional_text(column++);
    p.prompt_tokens = s.optional_integer(column++);
    p.completion_tokens = s.optional_integer(column++);
    p.time_to_first_token_ms = s.optional_real(column++);
    p.tokens_per_second = s.optional_real(column++);
    p.started_at = s.optional_integer(column++);
    p.finished_at = s.optional_integer(column++);
    p.thinking_ms = s.optional_real(column++);
    m.provenance = std::move(p);
    return m;
}

namespace {

// "p.temperature, p.top_k, ...": the sampling columns with `prefix`, in the table's order.
std::string sampling_columns(std::string_view prefix) {
    std::string out;
    for (const SamplingFieldInfo& f : kSamplingFields) {
        out.append(out.empty() ? "" : ", ").append(prefix).append(f.name);
    }
    return out;
}

} // namespace

const std::string& message_columns() {
    static const std::string columns =
        "m.id, m.uuid, m.conversation_id, m.parent_id, m.active_child_id, m.role, m.content, "
        "m.thinking, m.status, m.finish_reason, m.error, m.created_at, m.updated_at, "
        "p.message_id, p.model_name, p.model_file, p.model_sha256, p.architecture, p.quant, "
        "p.backend, p.device, " +
        sampling_columns("p.") +
        ", p.seed, p.max_tokens, p.context_length, p.system_prompt, p.chat_template_sha256, "
        "p.prompt_tokens, p.completion_tokens, p.time_to_first_token_ms, p.tokens_per_second, "
        "p.started_at, p.finished_at, p.thinking_ms";
    return columns;
}

Result<void> insert_provenance(Database& db, int64_t message_id, const Provenance& p) {
    // 8 columns, the sampling fields, 12 columns: ?1 .. ?N in order.
    static const std::string sql = [] {
        std::string text = "INSERT INTO provenance (message_id, model_name, model_file, "
                           "model_sha256, architecture, quant, backend, device, " +
                           sampling_columns("") +
                           ", seed, max_tokens, context_length, system_prompt, "
                           "chat_template_sha256, prompt_tokens, completion_tokens, "
                           "time_to_first_token_ms, tokens_per_second, started_at, finished_at, "
                           "thinking_ms) VALUES (";
        const int count = kMessageColumnCount - 13;
        for (int i = 1; i <= count; ++i) {
            text += "?" + std::to_string(i) + (i < count ? ", " : ")");
        }
        return text;
    }();
    Result<Statement*> stmt = db.cached(sql);
    if (!stmt) {
        return stmt.error();
    }
    std::optional<int64_t> seed;
    if (p.seed) {
        seed = std::bit_cast<int64_t>(*p.seed);
    }
    Statement& s = **stmt;
    s.bind(1, message_id)
        .bind(2, p.model_name)
        .bind(3, p.model_file)
        .bind(4, p.model_sha256)
        .bind(5, p.architecture)
        .bind(6, p.quant)
        .bind(7, p.backend)
        .bind(8, p.device);
    int index = 9;
    for (const SamplingFieldInfo& f : kSamplingFields) {
        const std::optional<double>& value = p.sampling[f.field];
        if (f.integer && value) {
            s.bind(index++, std::optional<int64_t>(static_cast<int64_t>(*value)));
        } else {
            s.bind(index++, value);
        }
    }
    s.bind(index, seed)
        .bind(index + 1, p.max_tokens)
        .bind(index + 2, p.context_length)
        .bind(index + 3, p.system_prompt)
        .bind(index + 4, p.chat_template_sha256)
        .bind(index + 5, p.prompt_tokens)
        .bind(index + 6, p.completion_tokens)
        .bind(index + 7, p.time_to_first_token_ms)
        .bind(index + 8, p.tokens_per_second)
        .bind(index + 9, p.started_at)
        .bind(index + 10, p.finished_at)
        .bind(index + 11, p.thinking_ms);
    return s.run();
}

std::string new_uuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace hearth::storage::rows
