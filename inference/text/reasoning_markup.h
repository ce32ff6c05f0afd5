// The markup a model writes around its reasoning, and the streaming filters that take the
// parts no reader should see out of its output.
//
//   Qwen3, DeepSeek-R1, SmolLM3:  <think> … </think> answer
//   Seed-OSS:                     <seed:think> … </seed:think> answer, with notes to itself
//                                 such as <seed:cot_budget_reflect>I have used 129 tokens,
//                                 and there are 383 tokens remaining.</seed:cot_budget_reflect>
//                                 inside its thinking (hidden, content and all)
//   Hunyuan dense:                <think> … </think> <answer> … </answer> (the answer's
//                                 wrapper is dropped, its content kept)
//   Ministral 3 reasoning:        [THINK] … [/THINK] answer
//
// Every filter takes text in arbitrary pieces: a tag split across pieces is still recognised,
// because a piece that may be the start of a tag is held back until the next decides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct ReasoningTags {
    std::string open = "<think>";
    std::string close = "</think>";
    // Spans removed with their content, wherever they appear ("" when none).
    std::string hidden_open, hidden_close;
    // Tags removed from the answer, their content kept ("" when none).
    std::string answer_open, answer_close;

    // The tags a model uses, judged by the markers its chat template (or vocabulary) holds:
    // "<seed:think>", "<｜hy_Assistant｜>" (Hunyuan 0.5B–4B) or "<|extra_0|>" (Hunyuan 7B),
    // "[THINK]"; <think> when none of them.
    static ReasoningTags for_markers(std::string_view markers);
    // Every tag text above that is not empty (the tokens a detokenizer must print as text).
    std::vector<std::string> texts() const;
};

namespace markup {
// Whitespace as the reasoning filters treat it (ASCII space, tab, line breaks).
bool is_space(char c);
// Length of the longest end of `text` that is the beginning (not all) of a non-empty `tag`:
// what to hold back because the next piece may complete the tag.
size_t partial_tag_length(std::string_view text, std::string_view tag);
} // namespace markup

// Removes every `open … close` span, content included, and the whitespace right after it. A
// span still open at the end is dropped too (the model stopped inside its note). With an
// empty `open` everything passes through.
class SpanRemover {
public:
    SpanRemover(std::string open, std::string close)
        : open_(std::move(open)), close_(std::move(close)) {}

    std::string push(std::string_view text);
    std::string finish(); // what is still held back; starts anew

private:
    std::string open_, close_;
    std::string pending_;
    bool inside_ = false;
    bool skip_space_ = false;
};

// Removes the tags `open` and `close` from a text, keeping what is between them, and the
// whitespace just inside them (after `open`, before `close`). With an empty `open`
// everything passes through.
class WrapperRemover {
public:
    WrapperRemover(std::string open, std::string close)
        : open_(std::move(open)), close_(std::move(close)) {}

    std::string push(std::string_view text);
    std::string finish();

private:
    std::string open_, close_;
    std::string pending_;
    bool skip_space_ = false;
};

} // namespace hearth
