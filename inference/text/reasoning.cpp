#include "text/reasoning.h"

#include <algorithm>

namespace hearth {

namespace {

using markup::is_space;
using markup::partial_tag_length;

size_t without_trailing_space(std::string_view text) {
    size_t end = text.size();
    while (end > 0 && is_space(text[end - 1])) {
        --end;
    }
    return end;
}

} // namespace

ReasoningSplitter::ReasoningSplitter(ThinkingStart start, ReasoningTags tags)
    : start_(start), open_tag_(std::move(tags.open)), close_tag_(std::move(tags.close)),
      hidden_(std::move(tags.hidden_open), std::move(tags.hidden_close)),
      answer_(std::move(tags.answer_open), std::move(tags.answer_close)) {
    state_ = start_ == ThinkingStart::Inside   ? State::Thinking
             : start_ == ThinkingStart::Closed ? State::Answer
                                               : State::Start;
}

ReasoningDelta ReasoningSplitter::push(std::string_view text) {
    pending_ += hidden_.push(text);
    ReasoningDelta out;
    step(out);
    out.answer = answer_.push(out.answer);
    return out;
}

void ReasoningSplitter::step(ReasoningDelta& out) {
    while (true) {
        if (skip_space_) {
            const size_t first = std::find_if(pending_.begin(), pending_.end(),
                                              [](char c) { return !is_space(c); }) -
                                 pending_.begin();
            pending_.erase(0, first);
            if (pending_.empty()) {
                return;
            }
            skip_space_ = false;
        }
        switch (state_) {
        case State::Start:
            if (pending_.starts_with(open_tag_)) {
                pending_.erase(0, open_tag_.size());
                state_ = State::Thinking;
                skip_space_ = true;
                continue;
            }
            if (std::string_view(open_tag_).starts_with(pending_)) {
                return; // maybe the tag, maybe not: wait for more
            }
            state_ = State::Answer;
            continue;
        case State::Thinking: {
            const size_t close = pending_.find(close_tag_);
            if (close != std::string::npos) {
                out.thinking +=
                    pending_.substr(0, without_trailing_space(pending_.substr(0, close)));
                pending_.erase(0, close + close_tag_.size());
                state_ = State::Answer;
                skip_space_ = true;
                continue;
            }
            // Hold back a possible start of the closing tag and the whitespace before it
            // (dropped if the tag follows).
            const size_t held = partial_tag_length(pending_, close_tag_);
            const size_t end = without_trailing_space(
                std::string_view(pending_).substr(0, pending_.size() - held));
            out.thinking += pending_.substr(0, end);
            pending_.erase(0, end);
            return;
        }
        case State::Answer:
            out.answer += pending_;
            pending_.clear();
            return;
        }
    }
}

ReasoningDelta ReasoningSplitter::finish() {
    pending_ += hidden_.finish();
    ReasoningDelta out;
    step(out);
    if (state_ == State::Thinking) {
        out.thinking += pending_.substr(0, without_trailing_space(pending_));
    } else {
        out.answer += pending_;
    }
    out.answer = answer_.push(out.answer);
    out.answer += answer_.finish();
    pending_.clear();
    skip_space_ = true;
    state_ = start_ == ThinkingStart::Inside   ? State::Thinking
             : start_ == ThinkingStart::Closed ? State::Answer
                                               : State::Start;
    return out;
}

} // namespace hearth
