// The one place that splits a model's streamed output into its thinking and its answer, for
// every way a model marks them (ChatTemplate::reply_format() tells which):
//   ThinkTags - reasoning inside tags such as <think>...</think> (ReasoningSplitter)
//   Harmony   - OpenAI's harmony channels, analysis and final (HarmonyParser; gpt-oss)
// The app's worker and hearth-cli both use it, with the tokens reply_marker_tokens() names
// printed as text by their detokenizer.
#pragma once

#include "text/harmony.h"
#include "text/reasoning.h"
#include "text/tokenizer.h"

#include <string_view>
#include <variant>
#include <vector>

namespace hearth {

enum class ReplyFormat { ThinkTags, Harmony };

class ReplySplitter {
public:
    // `start` and `tags` matter for ThinkTags, `note` (what a skipped tool call leaves in the
    // answer) for Harmony.
    ReplySplitter(ReplyFormat format, ThinkingStart start, ReasoningTags tags,
                  HarmonyParser::ToolNote note = {});

    ReasoningDelta push(std::string_view text);
    ReasoningDelta finish();

private:
    std::variant<ReasoningSplitter, HarmonyParser> impl_;
};

// The tokens whose vocabulary text the splitter must see (for
// StreamingDetokenizer::show_tokens): the reasoning tags, or harmony's control tokens.
std::vector<Token> reply_marker_tokens(const Tokenizer& tokenizer, ReplyFormat format,
                                       const ReasoningTags& tags);

} // namespace hearth
