#include "text/reasoning_markup.h"

#include <algorithm>

namespace hearth {

namespace markup {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t partial_tag_length(std::string_view text, std::string_view tag) {
    for (size_t k = std::min(text.size(), tag.size() - 1); k > 0; --k) {
        if (text.substr(text.size() - k) == tag.substr(0, k)) {
            return k;
        }
    }
    return 0;
}

} // namespace markup

namespace {

using markup::is_space;
using markup::partial_tag_length;

void drop_leading_space(std::string& text, bool& skip) {
    if (!skip) {
        return;
    }
    const auto first = std::find_if(text.begin(), text.end(), [](char c) { return !is_space(c); });
    text.erase(text.begin(), first);
    skip = text.empty();
}

} // namespace

ReasoningTags ReasoningTags::for_markers(std::string_view markers) {
    ReasoningTags tags;
    if (markers.find("<seed:think>") != std::string_view::npos) {
        tags.open = "<seed:think>";
        tags.close = "</seed:think>";
        tags.hidden_open = "<seed:cot_budget_reflect>";
        tags.hidden_close = "</seed:cot_budget_reflect>";
    } else if (markers.find("<｜hy_Assistant｜>") != std::string_view::npos ||
               markers.find("<|extra_0|>") != std::string_view::npos) {
        tags.answer_open = "<answer>";
        tags.answer_close = "</answer>";
    } else if (markers.find("[THINK]") != std::string_view::npos) {
        tags.open = "[THINK]";
        tags.close = "[/THINK]";
    }
    return tags;
}

std::vector<std::string> ReasoningTags::texts() const {
    std::vector<std::string> out;
    for (const std::string* t :
         {&open, &close, &hidden_open, &hidden_close, &answer_open, &answer_close}) {
        if (!t->empty()) {
            out.push_back(*t);
        }
    }
    return out;
}

std::string SpanRemover::push(std::string_view text) {
    if (open_.empty()) {
        return std::string(text);
    }
    pending_ += text;
    std::string out;
    while (true) {
        drop_leading_space(pending_, skip_space_);
        if (inside_) {
            const size_t close = pending_.find(close_);
            if (close == std::string::npos) {
                // Only a possible start of the closing tag matters; the note itself goes.
                pending_.erase(0, pending_.size() - partial_tag_length(pending_, close_));
                return out;
            }
            pending_.erase(0, close + close_.size());
            inside_ = false;
            skip_space_ = true;
            continue;
        }
        const size_t open = pending_.find(open_);
        if (open == std::string::npos) {
            const size_t keep = partial_tag_length(pending_, open_);
            out.append(pending_, 0, pending_.size() - keep);
            pending_.erase(0, pending_.size() - keep);
            return out;
        }
        out.append(pending_, 0, open);
        pending_.erase(0, open + open_.size());
        inside_ = true;
    }
}

std::string SpanRemover::finish() {
    std::string out = inside_ ? std::string() : std::move(pending_);
    pending_.clear();
    inside_ = false;
    skip_space_ = false;
    return out;
}

std::string WrapperRemover::push(std::string_view text) {
    if (open_.empty()) {
        return std::string(text);
    }
    pending_ += text;
    std::string out;
    while (true) {
        drop_leading_space(pending_, skip_space_);
        const size_t open = pending_.find(open_);
        const size_t close = pending_.find(close_);
        const size_t tag = std::min(open, close);
        if (tag == std::string::npos) {
            // Hold back a possible tag start and the whitespace before it (dropped if the
            // closing tag follows).
            size_t keep =
                std::max(partial_tag_length(pending_, open_), partial_tag_length(pending_, close_));
            while (keep < pending_.size() && is_space(pending_[pending_.size() - keep - 1])) {
                ++keep;
            }
            out.append(pending_, 0, pending_.size() - keep);
            pending_.erase(0, pending_.size() - keep);
            return out;
        }
        size_t end = tag;
        if (tag == close) {
            while (end > 0 && is_space(pending_[end - 1])) {
                --end;
            }
        }
        out.append(pending_, 0, end);
        pending_.erase(0, tag + (tag == open ? open_.size() : close_.size()));
        skip_space_ = tag == open;
    }
}

std::string WrapperRemover::finish() {
    std::string out = std::move(pending_);
    pending_.clear();
    skip_space_ = false;
    return out;
}

} // namespace hearth
