#include "archivefields.h"

#include "jsonarchive.h"
#include "rows.h"

#include <charconv>
#include <cmath>

namespace hearth::storage::archive {

Fields::Fields(json::Value value, std::string where) : where_(std::move(where)) {
    if (!value.is_object()) {
        fail("", "expected an object");
        return;
    }
    members_ = std::move(value.object());
    read_.assign(members_.size(), false);
}

std::optional<Error> Fields::finish() {
    for (size_t i = 0; i < members_.size() && !error_; ++i) {
        if (!read_[i]) {
            fail(members_[i].first, "unknown field");
        }
    }
    return error_;
}

json::Value* Fields::get(const char* key) {
    const std::string_view name(key);
    for (size_t n = 0; n < members_.size(); ++n) {
        const size_t i = (next_ + n) % members_.size();
        if (members_[i].first == name) {
            read_[i] = true;
            next_ = i + 1;
            return &members_[i].second;
        }
    }
    fail(key, "missing");
    return nullptr;
}

bool Fields::has(const char* key) const {
    for (const auto& [name, value] : members_) {
        if (name == key) {
            return true;
        }
    }
    return false;
}

bool Fields::is_null(const char* key) {
    const json::Value* v = get(key);
    return v == nullptr || v->is_null();
}

json::Value Fields::take(const char* key) {
    json::Value* v = get(key);
    return v ? std::move(*v) : json::Value();
}

std::string Fields::string(const char* key) {
    json::Value* v = get(key);
    if (v == nullptr) {
        return {};
    }
    if (!v->is_string()) {
        type_error(key, "text");
        return {};
    }
    return std::move(v->string()); // each field is read once: its text can move out
}

std::optional<std::string> Fields::optional_string(const char* key) {
    return is_null(key) ? std::nullopt : std::optional<std::string>(string(key));
}

bool Fields::boolean(const char* key) {
    const json::Value* v = get(key);
    if (v != nullptr && !v->is_bool()) {
        type_error(key, "true or false");
    }
    return v != nullptr && v->is_bool() && v->boolean();
}

std::optional<int64_t> Fields::optional_integer(const char* key) {
    if (is_null(key)) {
        return std::nullopt;
    }
    const json::Value* v = get(key);
    if (v->is_number()) {
        const json::Number& n = v->number();
        if (n.integer) {
            return n.integer;
        }
        // 5.0 or 1e3 are whole numbers too; 2^63 and beyond are not an int64.
        if (n.value == std::trunc(n.value) && n.value >= -0x1p63 && n.value < 0x1p63) {
            return int64_t(n.value);
        }
    }
    type_error(key, "a whole number or null");
    return std::nullopt;
}

std::optional<double> Fields::optional_number(const char* key) {
    if (is_null(key)) {
        return std::nullopt;
    }
    const json::Value* v = get(key);
    if (!v->is_number()) {
        type_error(key, "a number or null");
        return std::nullopt;
    }
    return v->number().value;
}

int64_t Fields::time(const char* key) {
    const std::string text = string(key);
    std::optional<int64_t> ms = parse_iso_time(text);
    if (!ms && !error_) {
        fail(key, "expected a UTC time like \"2025-03-01T09:30:00.000Z\", got \"" + text + "\"");
    }
    return ms.value_or(0);
}

std::optional<int64_t> Fields::optional_time(const char* key) {
    return is_null(key) ? std::nullopt : std::optional<int64_t>(time(key));
}

std::string Fields::uuid(const char* key) {
    std::string text = string(key);
    if (!error_ && !rows::is_uuid(text)) {
        fail(key,
             "expected an id like \"0b6c5a3e-8a1f-4c51-9d62-3f0e7c2a9b14\", got \"" + text + "\"");
    }
    return text;
}

std::optional<std::string> Fields::optional_uuid(const char* key) {
    return is_null(key) ? std::nullopt : std::optional<std::string>(uuid(key));
}

std::optional<uint64_t> Fields::optional_seed(const char* key) {
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

void Fields::fail(std::string_view key, std::string_view what) {
    if (!error_) {
        std::string at = where_;
        if (!key.empty()) {
            at += (at.empty() ? "" : ".") + std::string(key);
        }
        error_ = Error{(at.empty() ? std::string() : at + ": ") + std::string(what)};
    }
}

void Fields::take_error(Error error) {
    if (!error_) {
        error_ = std::move(error);
    }
}

} // namespace hearth::storage::archive
