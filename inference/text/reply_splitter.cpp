#include "text/reply_splitter.h"

namespace hearth {

namespace {

std::variant<ReasoningSplitter, HarmonyParser> make_impl(ReplyFormat format, ThinkingStart start,
                                                         ReasoningTags tags,
                                                         HarmonyParser::ToolNote note) {
    if (format == ReplyFormat::Harmony) {
        return HarmonyParser(std::move(note));
    }
    return ReasoningSplitter(start, std::move(tags));
}

} // namespace

ReplySplitter::ReplySplitter(ReplyFormat format, ThinkingStart start, ReasoningTags tags,
                             HarmonyParser::ToolNote note)
    : impl_(make_impl(format, start, std::move(tags), std::move(note))) {}

ReasoningDelta ReplySplitter::push(std::string_view text) {
    return std::visit([&](auto& impl) { return impl.push(text); }, impl_);
}

ReasoningDelta ReplySplitter::finish() {
    return std::visit([](auto& impl) { return impl.finish(); }, impl_);
}

std::vector<Token> reply_marker_tokens(const Tokenizer& tokenizer, ReplyFormat format,
                                       const ReasoningTags& tags) {
    const std::vector<std::string> texts =
        format == ReplyFormat::Harmony ? harmony_marker_texts() : tags.texts();
    std::vector<Token> out;
    for (const std::string& text : texts) {
        if (const std::optional<Token> t = tokenizer.find_token(text)) {
            out.push_back(*t);
        }
    }
    return out;
}

} // namespace hearth
