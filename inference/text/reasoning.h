// Splits streamed model output into the model's thinking and its answer, for models that
// write their reasoning inside <think>...</think> (Qwen3, QwQ, the DeepSeek-R1 distills) or
// other tags (ReasoningTags: Seed-OSS's <seed:think>, whose budget notes are hidden; Hunyuan's
// <answer> wrapper, which is dropped; Ministral's [THINK]).
//
// Where the output starts depends on the prompt (ChatTemplate tells which):
//   MayOpen - the model may open a think block itself: "<think>" at the very start of the
//             output (after whitespace) begins thinking; anything else is all answer.
//   Inside  - the prompt already opened the block (DeepSeek-R1 distills end the generation
//             prompt with "<think>\n"): output is thinking until "</think>".
//   Closed  - the prompt holds a finished block (Qwen3 with enable_thinking=false ends with
//             "<think>\n\n</think>\n\n"): all output is answer.
// Text arrives in arbitrary pieces; a tag split across pieces is still recognised (a piece
// that might be the start of a tag is held back until the next one decides). Whitespace
// at the start and end of the thinking and at the start of the answer is dropped, as chat
// UIs show them.
#pragma once

#include "text/reasoning_markup.h"

#include <string>
#include <string_view>

namespace hearth {

enum class ThinkingStart { MayOpen, Inside, Closed };

struct ReasoningDelta {
    std::string thinking;
    std::string answer;
};

class ReasoningSplitter {
public:
    explicit ReasoningSplitter(ThinkingStart start, ReasoningTags tags = {});

    // The thinking and answer text that became certain with `text`.
    ReasoningDelta push(std::string_view text);
    // Whatever is still held back (an unfinished tag counts as text; trailing whitespace of
    // the thinking is dropped). The splitter starts anew in its initial state.
    ReasoningDelta finish();

    bool thinking() const { return state_ == State::Thinking; }

private:
    enum class State { Start, Thinking, Answer };

    void step(ReasoningDelta& out);

    ThinkingStart start_;
    std::string open_tag_, close_tag_;
    SpanRemover hidden_;    // runs first: notes are gone before the split
    WrapperRemover answer_; // runs on the answer
    State state_ = State::Start;
    std::string pending_;    // text not yet emitted
    bool skip_space_ = true; // drop whitespace at the start of the current section
};

} // namespace hearth
