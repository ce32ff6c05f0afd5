// The fields of one JSON object of an archive, read by name with their type checked. The
// first problem is kept (later reads return empty values) and reported by finish(), which
// also rejects keys nobody asked for. Problems name their place ("conversations[2]
// .messages[7].role: expected one of ..."). Internal to archivereader.cpp.
#pragma once

#include "jsonreader.h"
#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::storage::archive {

class Fields {
public:
    // `value` should be an object; anything else is the first problem.
    Fields(json::Value value, std::string where);

    // The first problem, or an unknown key.
    std::optional<Error> finish();
    const std::string& where() const { return where_; }

    std::string string(const char* key);
    std::optional<std::string> optional_string(const char* key);
    bool boolean(const char* key);
    std::optional<int64_t> optional_integer(const char* key);
    std::optional<double> optional_number(const char* key);
    int64_t time(const char* key); // "2025-03-01T09:30:00.000Z"
    std::optional<int64_t> optional_time(const char* key);
    std::string uuid(const char* key);
    std::optional<std::string> optional_uuid(const char* key);
    std::optional<uint64_t> optional_seed(const char* key); // 64 bits as decimal text
    // The member itself (an object to read with its own Fields); null when missing.
    json::Value take(const char* key);

    template <class Enum>
    Enum name(const char* key, std::optional<Enum> (*parse)(std::string_view), const char* names) {
        const std::string text = string(key);
        std::optional<Enum> value = parse(text);
        if (!value && !error_) {
            fail(key, std::string("expected one of ") + names + ", got \"" + text + "\"");
        }
        return value.value_or(Enum{});
    }

    bool is_null(const char* key);
    bool has(const char* key) const;
    void fail(std::string_view key, std::string_view what);
    // Keeps `error` as the problem unless there is one already.
    void take_error(Error error);

private:
    // The member `key`, marked as read; null (and a "missing" problem) when absent.
    json::Value* get(const char* key);
    void type_error(const char* key, const char* expected) {
        fail(key, std::string("expected ") + expected);
    }

    json::Object members_;
    std::vector<bool> read_; // per member: asked for
    size_t next_ = 0;        // where the next look-up starts (fields come in file order)
    std::string where_;
    std::optional<Error> error_;
};

} // namespace hearth::storage::archive
