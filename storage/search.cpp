// ConversationStore: full-text search over the external-content FTS5 indexes message_search
// and attachment_search (see schema.cpp). The user's words are quoted before they reach
// MATCH, so characters that mean something in FTS5 query syntax (quotes, -, *, :, ^,
// AND/OR/NOT) are just text.
#include "conversationstore.h"

#include <algorithm>

namespace hearth::storage {

namespace {

// How many of the newest matching messages are ranked (see search()).
constexpr int kRankWindow = 1000;

bool is_word_char(unsigned char c) {
    // Bytes >= 0x80 belong to non-ASCII characters, which unicode61 may treat as letters.
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "big cat" -> "big" "cat"*   (each word a quoted phrase; the last one a prefix, for
// search as you type). Words without a letter or digit are dropped: they would match
// nothing or everything.
std::string fts_query(std::string_view text) {
    std::string query;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
            ++i;
        }
        const size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' &&
               text[i] != '\r') {
            ++i;
        }
        std::string_view word = text.substr(start, i - start);
        bool has_word_char = false;
        for (char c : word) {
            has_word_char = has_word_char || is_word_char(static_cast<unsigned char>(c));
        }
        if (!has_word_char) {
            continue;
        }
        if (!query.empty()) {
            query += ' ';
        }
        query += '"';
        for (char c : word) {
            query += c;
            if (c == '"') {
                query += '"';
            }
        }
        query += '"';
    }
    const bool typing_last_word =
        !text.empty() && is_word_char(static_cast<unsigned char>(text.back()));
    if (!query.empty() && typing_last_word) {
        query += '*';
    }
    return query;
}

} // namespace

Result<std::vector<SearchHit>> ConversationStore::search(std::string_view text, int limit) {
    std::vector<SearchHit> hits;
    const std::string query = fts_query(text);
    if (query.empty() || limit <= 0) {
        return hits;
    }
    // BM25 ranking costs time per matching message: a word found in most of 100k messages
    // takes hundreds of ms. So the best matches are chosen among the most recent
    // kRankWindow ones: first the row id where that window starts (cheap, FTS5 walks its
    // lists newest first), then the ranking above it.
    Result<Statement*> window =
        db_->cached("SELECT rowid FROM message_search WHERE message_search MATCH ?1"
                    " ORDER BY rowid DESC LIMIT 1 OFFSET ?2");
    if (!window) {
        return window.error();
    }
    (*window)->bind(1, query).bind(2, kRankWindow - 1);
    Result<std::optional<int64_t>> full =
        (*window)->query_one([](const Statement& row) { return row.integer(0); });
    if (!full) {
        return Error{"search failed: " + full.error().message};
    }
    const int64_t oldest = full->value_or(0);
    // snippet(): the best ~12-token excerpt of column 0 (content) or 1 (thinking), matches
    // wrapped in the highlight markers. rank is BM25.
    Result<Statement*> stmt =
        db_->cached("SELECT m.conversation_id, c.title, m.id, m.role,"
                    " snippet(message_search, 0, ?3, ?4, '…', 12),"
                    " snippet(message_search, 1, ?3, ?4, '…', 12), rank"
                    " FROM message_search JOIN messages m ON m.id = message_search.rowid"
                    " JOIN conversations c ON c.id = m.conversation_id"
                    " WHERE message_search MATCH ?1 AND message_search.rowid >= ?5"
                    " AND c.deleted_at IS NULL ORDER BY rank LIMIT ?2");
    if (!stmt) {
        return stmt.error();
    }
    Statement& s = **stmt;
    s.bind(1, query)
        .bind(2, limit)
        .bind(3, std::string_view(&kHighlightStart, 1))
        .bind(4, std::string_view(&kHighlightEnd, 1))
        .bind(5, oldest);
    std::vector<double> ranks; // BM25 of each hit, lower is better
    Result<void> read = s.for_each_row([&](const Statement& row) {
        ranks.push_back(row.real(6));
        SearchHit hit;
        hit.conversation_id = row.integer(0);
        hit.conversation_title = row.text(1);
        hit.message_id = row.integer(2);
        hit.role = role_from_string(row.text(3)).value_or(Role::User);
        std::string content = row.text(4);
        if (content.find(kHighlightStart) != std::string::npos) {
            hit.snippet = std::move(content);
        } else {
            hit.snippet = row.text(5);
            hit.in_thinking = true;
        }
        hits.push_back(std::move(hit));
    });
    if (!read) {
        return Error{"search failed: " + read.error().message};
    }
    return merge_attachment_hits(std::move(hits), std::move(ranks), query, limit);
}

Result<std::vector<SearchHit>> ConversationStore::merge_attachment_hits(std::vector<SearchHit> hits,
                                                                        std::vector<double> ranks,
                                                                        const std::string& query,
                                                                        int limit) {
    // The attached files' matches, ranked by the same BM25 measure as the messages', then
    // the best of both. (Both indexes use the same tokenizer and the scores are of the same
    // scale, though each table's own statistics weigh the words.)
    Result<Statement*> stmt = db_->cached(
        "SELECT m.conversation_id, c.title, m.id, m.role,"
        " snippet(attachment_search, 0, ?3, ?4, '…', 12), ma.file_name, rank"
        " FROM attachment_search"
        " JOIN message_attachments ma ON ma.attachment_id = attachment_search.rowid"
        " JOIN messages m ON m.id = ma.message_id JOIN conversations c ON c.id = m.conversation_id"
        " WHERE attachment_search MATCH ?1 AND c.deleted_at IS NULL ORDER BY rank LIMIT ?2");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)
        ->bind(1, query)
        .bind(2, limit)
        .bind(3, std::string_view(&kHighlightStart, 1))
        .bind(4, std::string_view(&kHighlightEnd, 1));
    std::vector<std::pair<double, SearchHit>> all;
    for (size_t i = 0; i < hits.size(); ++i) {
        all.emplace_back(ranks[i], std::move(hits[i]));
    }
    Result<void> read = (*stmt)->for_each_row([&](const Statement& row) {
        SearchHit hit;
        hit.conversation_id = row.integer(0);
        hit.conversation_title = row.text(1);
        hit.message_id = row.integer(2);
        hit.role = role_from_string(row.text(3)).value_or(Role::User);
        hit.snippet = row.text(4);
        hit.attachment = row.text(5);
        all.emplace_back(row.real(6), std::move(hit));
    });
    if (!read) {
        return Error{"search failed: " + read.error().message};
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<SearchHit> merged;
    for (size_t i = 0; i < all.size() && i < size_t(limit); ++i) {
        merged.push_back(std::move(all[i].second));
    }
    return merged;
}

} // namespace hearth::storage
