#include "answersources.h"

#include "transaction.h"

#include <QRegularExpression>
#include <QString>
#include <algorithm>

namespace hearth::storage {

namespace {

std::string joinLines(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) {
        if (!out.empty()) {
            out += '\n';
        }
        // A name is one line; a line break inside one would split it on reading.
        for (char c : n) {
            out += (c == '\n' || c == '\r') ? ' ' : c;
        }
    }
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    size_t at = 0;
    while (!text.empty() && at <= text.size()) {
        const size_t end = text.find('\n', at);
        out.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos) {
            break;
        }
        at = end + 1;
    }
    return out;
}

} // namespace

Result<void> set_conversation_collections(Database& db, int64_t conversation_id,
                                          const std::vector<std::string>& collections) {
    Result<Transaction> transaction = Transaction::begin(db);
    if (!transaction) {
        return transaction.error();
    }
    auto clear = db.cached("DELETE FROM conversation_collections WHERE conversation_id = ?1");
    if (!clear) {
        return clear.error();
    }
    if (auto r = (*clear)->bind(1, conversation_id).run(); !r) {
        return r;
    }
    if (auto r = insert_conversation_collections(db, conversation_id, collections); !r) {
        return r;
    }
    return transaction->commit();
}

Result<void> insert_conversation_collections(Database& db, int64_t conversation_id,
                                             const std::vector<std::string>& collections) {
    auto insert = db.cached("INSERT OR IGNORE INTO conversation_collections "
                            "(conversation_id, collection) VALUES (?1, ?2)");
    if (!insert) {
        return insert.error();
    }
    for (const std::string& c : collections) {
        if (auto r = (*insert)->bind(1, conversation_id).bind(2, c).run(); !r) {
            return r;
        }
    }
    return {};
}

Result<std::vector<std::string>> conversation_collections(Database& db, int64_t conversation_id) {
    auto select = db.cached("SELECT collection FROM conversation_collections "
                            "WHERE conversation_id = ?1 ORDER BY collection");
    if (!select) {
        return select.error();
    }
    (*select)->bind(1, conversation_id);
    std::vector<std::string> out;
    if (auto r = (*select)->for_each_row([&](const Statement& s) { out.push_back(s.text(0)); });
        !r) {
        return r.error();
    }
    return out;
}

Result<void> save_answer_search(Database& db, int64_t message_id, const AnswerSearch& search) {
    Result<Transaction> transaction = Transaction::begin(db);
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> r = insert_answer_search(db, message_id, search); !r) {
        return r;
    }
    return transaction->commit();
}

Result<void> insert_answer_search(Database& db, int64_t message_id, const AnswerSearch& search) {
    auto search_row = db.cached(
        "INSERT OR REPLACE INTO answer_searches (message_id, collections) VALUES (?1, ?2)");
    if (!search_row) {
        return search_row.error();
    }
    if (auto r = (*search_row)->bind(1, message_id).bind(2, joinLines(search.collections)).run();
        !r) {
        return r;
    }
    auto clear = db.cached("DELETE FROM answer_sources WHERE message_id = ?1");
    if (!clear) {
        return clear.error();
    }
    if (auto r = (*clear)->bind(1, message_id).run(); !r) {
        return r;
    }
    auto insert = db.cached("INSERT INTO answer_sources (message_id, number, collection, path, "
                            "title, page, pages, start, excerpt) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) {
        return insert.error();
    }
    for (const AnswerSource& s : search.sources) {
        (*insert)
            ->bind(1, message_id)
            .bind(2, s.number)
            .bind(3, s.collection)
            .bind(4, s.path)
            .bind(5, s.title)
            .bind(6, s.page)
            .bind(7, s.pages)
            .bind(8, s.start)
            .bind(9, s.excerpt);
        if (auto r = (*insert)->run(); !r) {
            return r;
        }
    }
    return {};
}

Result<std::optional<AnswerSearch>> answer_search(Database& db, int64_t message_id) {
    auto head = db.cached("SELECT collections FROM answer_searches WHERE message_id = ?1");
    if (!head) {
        return head.error();
    }
    (*head)->bind(1, message_id);
    auto names = (*head)->query_one([](const Statement& s) { return s.text(0); });
    if (!names) {
        return names.error();
    }
    if (!*names) {
        return std::optional<AnswerSearch>();
    }
    AnswerSearch search;
    search.collections = splitLines(**names);
    auto rows = db.cached("SELECT number, collection, path, title, page, pages, start, excerpt "
                          "FROM answer_sources WHERE message_id = ?1 ORDER BY number");
    if (!rows) {
        return rows.error();
    }
    (*rows)->bind(1, message_id);
    auto r = (*rows)->for_each_row([&](const Statement& s) {
        AnswerSource a;
        a.number = int(s.integer(0));
        a.collection = s.text(1);
        a.path = s.text(2);
        a.title = s.text(3);
        a.page = int(s.integer(4));
        a.pages = int(s.integer(5));
        a.start = int(s.integer(6));
        a.excerpt = s.text(7);
        search.sources.push_back(std::move(a));
    });
    if (!r) {
        return r.error();
    }
    return std::optional<AnswerSearch>(std::move(search));
}

std::vector<int> cited_numbers(const std::string& answer, int count) {
    // A bracket holding numbers separated by commas, spaces or a dash: [1], [2, 3], [2-4].
    static const QRegularExpression bracket(QStringLiteral("\\[(\\d+(?:\\s*[,\\-–]\\s*\\d+)*)\\]"));
    static const QRegularExpression part(QStringLiteral("(\\d+)(?:\\s*[\\-–]\\s*(\\d+))?"));
    std::vector<int> numbers;
    auto it = bracket.globalMatch(QString::fromStdString(answer));
    while (it.hasNext()) {
        const QString inside = it.next().captured(1);
        auto parts = part.globalMatch(inside);
        while (parts.hasNext()) {
            const auto m = parts.next();
            const int from = m.captured(1).toInt();
            const int to = m.captured(2).isEmpty() ? from : m.captured(2).toInt();
            for (int n = from; n <= std::min(to, from + 50); ++n) {
                if (n >= 1 && n <= count &&
                    std::find(numbers.begin(), numbers.end(), n) == numbers.end()) {
                    numbers.push_back(n);
                }
            }
        }
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

} // namespace hearth::storage
