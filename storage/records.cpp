#include "records.h"

#include <array>
#include <utility>

namespace hearth::storage {

namespace {

template <class Enum, size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& names,
                           std::string_view text) {
    for (const auto& [value, name] : names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

template <class Enum, size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
    for (const auto& [v, name] : names) {
        if (v == value) {
            return name;
        }
    }
    return {};
}

// These spellings are stored in the database and written to exported files: never change
// one, only add.
constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles = {{
    {Role::System, "system"},
    {Role::User, "user"},
    {Role::Assistant, "assistant"},
}};

constexpr std::array<std::pair<MessageStatus, std::string_view>, 5> kStatuses = {{
    {MessageStatus::Streaming, "streaming"},
    {MessageStatus::Done, "done"},
    {MessageStatus::Stopped, "stopped"},
    {MessageStatus::Error, "error"},
    {MessageStatus::Interrupted, "interrupted"},
}};

constexpr std::array<std::pair<FinishReason, std::string_view>, 4> kFinishReasons = {{
    {FinishReason::Eos, "eos"},
    {FinishReason::Length, "length"},
    {FinishReason::Stop, "stop"},
    {FinishReason::Error, "error"},
}};

} // namespace

std::string_view to_string(Role role) {
    return name_of(kRoles, role);
}

std::string_view to_string(MessageStatus status) {
    return name_of(kStatuses, status);
}

std::string_view to_string(FinishReason reason) {
    return name_of(kFinishReasons, reason);
}

std::optional<Role> role_from_string(std::string_view text) {
    return lookup(kRoles, text);
}

std::optional<MessageStatus> status_from_string(std::string_view text) {
    return lookup(kStatuses, text);
}

std::optional<FinishReason> finish_reason_from_string(std::string_view text) {
    return lookup(kFinishReasons, text);
}

std::string snippet_html(std::string_view snippet) {
    std::string html;
    html.reserve(snippet.size() + 16);
    for (char c : snippet) {
        switch (c) {
        case kHighlightStart:
            html += "<b>";
            break;
        case kHighlightEnd:
            html += "</b>";
            break;
        case '&':
            html += "&amp;";
            break;
        case '<':
            html += "&lt;";
            break;
        case '>':
            html += "&gt;";
            break;
        case '"':
            html += "&quot;";
            break;
        case '\'':
            html += "&#39;";
            break;
        default:
            html += c;
        }
    }
    return html;
}

} // namespace hearth::storage
