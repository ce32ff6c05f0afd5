// Splits streamed output in OpenAI's harmony format (gpt-oss) into thinking and answer.
//
// After the generation prompt "<|start|>assistant" the model writes messages, each a header
// and a body:
//   <|channel|>analysis<|message|>…<|end|>                    reasoning  -> thinking
//   <|start|>assistant<|channel|>final<|message|>…<|return|>  the answer -> answer
//   <|channel|>commentary to=functions.NAME <|constrain|>json<|message|>{…}<|call|>
//                                                             a tool call (or, without a
//                                                             recipient, a preamble)
// The header (role, " to=RECIPIENT", "<|channel|>NAME", "<|constrain|>TYPE") runs up to
// <|message|>; the body up to <|end|> (another message follows), <|return|> or <|call|> (the
// output ends; later text is ignored). The detokenizer must print these control tokens as
// text (harmony_marker_texts()).
//
// Commentary messages are not shown: Hearth offers no tools. In their place the answer gets
// the text `note` makes from the recipient (without its "functions." prefix; "" for a
// message to nobody), so the reader sees that the model tried. A message without a channel
// counts as the answer. Whitespace at the start of the thinking and of the answer, and at
// the end of the thinking, is dropped; separate messages of the same kind are joined with a
// blank line. Output that never opens a message (no markup at all) is all answer.
//
// Text arrives in arbitrary pieces: a marker split across pieces, at any byte, is still
// recognised (a piece that may be the start of a marker is held back until the next decides).
#pragma once

#include "text/reasoning.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

// The harmony control tokens the parser reads: <|start|> <|channel|> <|message|>
// <|constrain|> <|end|> <|return|> <|call|>.
const std::vector<std::string>& harmony_marker_texts();

class HarmonyParser {
public:
    using ToolNote = std::function<std::string(std::string_view tool)>;
    // `note` may be empty: tool calls then leave no trace.
    explicit HarmonyParser(ToolNote note = {});

    ReasoningDelta push(std::string_view text);
    // Whatever is still held back; the parser starts anew. A body still open (the output was
    // cut off) ends here, its text kept.
    ReasoningDelta finish();

    bool thinking() const { return state_ == State::Body && target_ == Target::Thinking; }

private:
    enum class State { Header, Body, Done };
    enum class Target { Thinking, Answer, Hidden };

    void step(ReasoningDelta& out);
    bool header_step(ReasoningDelta& out);
    void body_step(ReasoningDelta& out);
    void open_body(ReasoningDelta& out);
    void write_text(ReasoningDelta& out, std::string_view text);

    ToolNote note_;
    State state_ = State::Header;
    Target target_ = Target::Answer;
    std::string pending_;     // text not yet decided
    std::string header_;      // the current message's header so far
    bool skip_space_ = false; // drop whitespace at the start of the current body
    std::string held_space_;  // trailing whitespace of the thinking, kept back
    bool wrote_thinking_ = false, wrote_answer_ = false;
    bool thinking_gap_ = false, answer_gap_ = false; // a new message: a blank line first
};

} // namespace hearth
