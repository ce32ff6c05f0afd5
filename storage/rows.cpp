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
    p.temperature = s.optional_real(21);
    p.top_k = s.optional_integer(22);
    p.top_p = s.optional_real(23);
    p.min_p = s.optional_real(24);
    p.repeat_penalty = s.optional_real(25);
    p.frequency_penalty = s.optional_real(26);
    p.presence_penalty = s.optional_real(27);
    p.penalty_last_n = s.optional_integer(28);
    if (std::optional<int64_t> seed = s.optional_integer(29)) {
        p.seed = std::bit_cast<uint64_t>(*seed);
    }
    p.max_tokens = s.optional_integer(30);
    p.context_length = s.optional_integer(31);
    p.system_prompt = s.optional_text(32);
    p.chat_template_sha256 = s.optional_text(33);
    p.prompt_tokens = s.optional_integer(34);
    p.completion_tokens = s.optional_integer(35);
    p.time_to_first_token_ms = s.optional_real(36);
    p.tokens_per_second = s.optional_real(37);
    p.started_at = s.optional_integer(38);
    p.finished_at = s.optional_integer(39);
    p.thinking_ms = s.optional_real(40);
    m.provenance = std::move(p);
    return m;
}

Result<void> insert_provenance(Database& db, int64_t message_id, const Provenance& p) {
    Result<Statement*> stmt = db.cached(
        "INSERT INTO provenance (message_id, model_name, model_file, model_sha256, "
        "architecture, quant, backend, device, temperature, top_k, top_p, min_p, "
        "repeat_penalty, frequency_penalty, presence_penalty, penalty_last_n, seed, max_tokens, "
        "context_length, system_prompt, chat_template_sha256, prompt_tokens, completion_tokens, "
        "time_to_first_token_ms, tokens_per_second, started_at, finished_at, thinking_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)");
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
        .bind(8, p.device)
        .bind(9, p.temperature)
        .bind(10, p.top_k)
        .bind(11, p.top_p)
        .bind(12, p.min_p)
        .bind(13, p.repeat_penalty)
        .bind(14, p.frequency_penalty)
        .bind(15, p.presence_penalty)
        .bind(16, p.penalty_last_n)
        .bind(17, seed)
        .bind(18, p.max_tokens)
        .bind(19, p.context_length)
        .bind(20, p.system_prompt)
        .bind(21, p.chat_template_sha256)
        .bind(22, p.prompt_tokens)
        .bind(23, p.completion_tokens)
        .bind(24, p.time_to_first_token_ms)
        .bind(25, p.tokens_per_second)
        .bind(26, p.started_at)
        .bind(27, p.finished_at)
        .bind(28, p.thinking_ms);
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
