#include "text/harmony.h"

#include <algorithm>
#include <array>

namespace hearth {

namespace {

using markup::is_space;
using markup::partial_tag_length;

constexpr std::string_view kStart = "<|start|>";
constexpr std::string_view kChannel = "<|channel|>";
constexpr std::string_view kMessage = "<|message|>";
constexpr std::string_view kConstrain = "<|constrain|>";
constexpr std::string_view kEnd = "<|end|>";
constexpr std::string_view kReturn = "<|return|>";
constexpr std::string_view kCall = "<|call|>";

// A header longer than this is not one: its text is shown as the answer.
constexpr size_t kMaxHeader = 512;

struct Found {
    size_t at = std::string::npos;
    std::string_view marker;
};

// The earliest of `markers` in `text`.
template <size_t N>
Found find_first(std::string_view text, const std::array<std::string_view, N>& markers) {
    Found found;
    for (std::string_view m : markers) {
        const size_t at = text.find(m);
        if (at < found.at) {
            found = {at, m};
        }
    }
    return found;
}

// The word after `key` in `header` (up to whitespace or the next marker); "" when absent.
std::string_view word_after(std::string_view header, std::string_view key) {
    const size_t at = header.find(key);
    if (at == std::string_view::npos) {
        return {};
    }
    std::string_view rest = header.substr(at + key.size());
    while (!rest.empty() && is_space(rest.front())) {
        rest.remove_prefix(1);
    }
    const size_t end = std::min(rest.find('<'), std::min(rest.find(' '), rest.find('\n')));
    return rest.substr(0, end);
}

// Whether `text` (its leading whitespace dropped) may still be the start of a header.
bool may_be_header(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    for (std::string_view start :
         {std::string_view("<|"), std::string_view("to="), std::string_view("assistant")}) {
        const size_t n = std::min(text.size(), start.size());
        if (text.substr(0, n) == start.substr(0, n)) {
            return true;
        }
    }
    return false;
}

} // namespace

const std::vector<std::string>& harmony_marker_texts() {
    static const std::vector<std::string> texts = {
        std::string(kStart), std::string(kChannel), std::string(kMessage), std::string(kConstrain),
        std::string(kEnd),   std::string(kReturn),  std::string(kCall)};
    return texts;
}

HarmonyParser::HarmonyParser(ToolNote note) : note_(std::move(note)) {}

ReasoningDelta HarmonyParser::push(std::string_view text) {
    pending_ += text;
    ReasoningDelta out;
    step(out);
    return out;
}

void HarmonyParser::step(ReasoningDelta& out) {
    while (true) {
        switch (state_) {
        case State::Header:
            if (!header_step(out)) {
                return;
            }
            continue;
        case State::Body:
            body_step(out);
            if (state_ == State::Body) {
                return;
            }
            continue;
        case State::Done:
            pending_.clear();
            return;
        }
    }
}

// Reads the header up to <|message|>; false when more text is needed.
bool HarmonyParser::header_step(ReasoningDelta& out) {
    if (!may_be_header(pending_) || pending_.size() > kMaxHeader) {
        // Not harmony markup: plain text, shown as the answer.
        state_ = State::Body;
        target_ = Target::Answer;
        skip_space_ = true;
        answer_gap_ = wrote_answer_;
        return true;
    }
    const Found found = find_first<3>(pending_, {kMessage, kReturn, kCall});
    if (found.at == std::string::npos) {
        return false;
    }
    if (found.marker != kMessage) {
        state_ = State::Done;
        return true;
    }
    header_ = pending_.substr(0, found.at);
    pending_.erase(0, found.at + found.marker.size());
    open_body(out);
    return true;
}

void HarmonyParser::open_body(ReasoningDelta& out) {
    std::string_view header = header_;
    if (const size_t start = header.rfind(kStart); start != std::string_view::npos) {
        header.remove_prefix(start + kStart.size()); // the last message's own header
    }
    const std::string_view channel = word_after(header, kChannel);
    std::string_view recipient = word_after(header, "to=");
    state_ = State::Body;
    skip_space_ = true;
    held_space_.clear();
    if (!recipient.empty() || channel == "commentary") {
        target_ = Target::Hidden;
        if (recipient.starts_with("functions.")) {
            recipient.remove_prefix(std::string_view("functions.").size());
        }
        if (note_) {
            out.answer += wrote_answer_ ? "\n\n" : "";
            out.answer += note_(recipient);
            wrote_answer_ = true;
            answer_gap_ = false;
        }
    } else if (channel == "analysis") {
        target_ = Target::Thinking;
        thinking_gap_ = wrote_thinking_;
    } else {
        target_ = Target::Answer;
        answer_gap_ = wrote_answer_;
    }
}

void HarmonyParser::body_step(ReasoningDelta& out) {
    const Found found = find_first<4>(pending_, {kEnd, kReturn, kCall, kStart});
    if (found.at != std::string::npos) {
        write_text(out, std::string_view(pending_).substr(0, found.at));
        held_space_.clear(); // whitespace at the end of a message is dropped
        // <|start|> without <|end|> before it still begins a new message (kept for the header).
        pending_.erase(0, found.at + (found.marker == kStart ? 0 : found.marker.size()));
        state_ = found.marker == kEnd || found.marker == kStart ? State::Header : State::Done;
        header_.clear();
        return;
    }
    size_t held = 0;
    for (std::string_view m : {kEnd, kReturn, kCall, kStart}) {
        held = std::max(held, partial_tag_length(pending_, m));
    }
    write_text(out, std::string_view(pending_).substr(0, pending_.size() - held));
    pending_.erase(0, pending_.size() - held);
}

void HarmonyParser::write_text(ReasoningDelta& out, std::string_view text) {
    if (target_ == Target::Hidden) {
        return;
    }
    if (skip_space_) {
        while (!text.empty() && is_space(text.front())) {
            text.remove_prefix(1);
        }
        if (text.empty()) {
            return;
        }
        skip_space_ = false;
    }
    if (text.empty()) {
        return;
    }
    // Trailing whitespace waits: it is dropped if the message ends right after it.
    size_t end = text.size();
    while (end > 0 && is_space(text[end - 1])) {
        --end;
    }
    std::string& dest = target_ == Target::Thinking ? out.thinking : out.answer;
    bool& gap = target_ == Target::Thinking ? thinking_gap_ : answer_gap_;
    if (end > 0) {
        if (gap) {
            dest += "\n\n";
            gap = false;
        }
        dest += held_space_;
        held_space_.clear();
        dest += text.substr(0, end);
        (target_ == Target::Thinking ? wrote_thinking_ : wrote_answer_) = true;
    }
    held_space_ += text.substr(end);
}

ReasoningDelta HarmonyParser::finish() {
    ReasoningDelta out;
    step(out);
    if (state_ == State::Body) {
        write_text(out, pending_); // cut off inside a message: its text so far
    }
    // An unfinished header (the output ended between messages) shows nothing.
    *this = HarmonyParser(std::move(note_));
    return out;
}

} // namespace hearth
