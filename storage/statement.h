// A prepared SQLite statement: prepare once, bind by 1-based index, step, read typed columns.
// Values are always bound, never formatted into SQL text. Move-only; finalizes on
// destruction. A bind failure is remembered and reported by the next step().
#pragma once

#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace hearth::storage {

class Statement {
public:
    // `persistent` tells SQLite the statement is kept for the connection's lifetime.
    static Result<Statement> prepare(sqlite3* db, std::string_view sql, bool persistent = false);

    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value); // non-finite values are stored as NULL
    Statement& bind(int index, std::string_view text);
    // The text is read in place, not copied: it must stay unchanged until the statement has
    // run (for long texts, where a copy would double the memory an insert needs).
    Statement& bind_in_place(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    // Runs to the next row: true when a row is ready to read, false when done.
    Result<bool> step();
    // Runs a statement that returns no rows (INSERT, UPDATE, DELETE) and resets it.
    Result<void> run();
    // Makes the statement ready to run again; bindings are cleared.
    void reset();

    // Runs to the first row and returns what `read(statement)` makes of it, or nullopt when
    // there is none; then resets. For look-ups of one row.
    template <class Read>
    Result<std::optional<std::invoke_result_t<Read&, const Statement&>>> query_one(Read&& read) {
        Result<bool> row = step();
        if (!row) {
            return row.error();
        }
        std::optional<std::invoke_result_t<Read&, const Statement&>> value;
        if (*row) {
            value.emplace(read(std::as_const(*this)));
        }
        reset();
        return value;
    }
    // Calls `visit(statement)` for every row, then resets.
    template <class Visit> Result<void> for_each_row(Visit&& visit) {
        for (;;) {
            Result<bool> row = step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            visit(std::as_const(*this));
        }
        reset();
        return {};
    }

    bool is_null(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<int64_t> optional_integer(int column) const;
    std::optional<double> optional_real(int column) const;
    std::optional<std::string> optional_text(int column) const;

    std::string_view sql() const;

private:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    void note_bind(int rc, int index);
    Error error(std::string_view what) const;

    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    std::optional<Error> bind_error_;
};

} // namespace hearth::storage
