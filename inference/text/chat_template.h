// A model's chat format: turns a conversation into the prompt text the model was trained on.
//
// The model's own template (GGUF tokenizer.chat_template, a Jinja template written for
// Hugging Face transformers) is rendered by our Jinja interpreter exactly as transformers'
// apply_chat_template renders it: variables messages (role, content and, for assistant
// turns with thinking, reasoning_content), add_generation_prompt, bos_token, eos_token,
// tools=None, documents=None, enable_thinking, thinking_budget and reasoning_effort when set,
// and the functions raise_exception and strftime_now.
//
// When the model has no template, or its template cannot be parsed, or rendering fails
// (e.g. Gemma 2's template refuses a system message), a built-in format is used instead,
// chosen by the markers the template text contains: ChatML (<|im_start|>), Llama 3
// (<|start_header_id|>), Gemma (<start_of_turn>), Mistral ([INST]), DeepSeek (<｜User｜>) or
// harmony (<|channel|>, or a vocabulary with harmony's tokens); plain ChatML when nothing
// matches. The result says which format was used and why.
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"
#include "text/reasoning.h"
#include "text/reply_splitter.h"
#include "text/tokenizer.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hearth {

namespace jinja {
struct Program;
}

struct ChatMessage {
    std::string role; // "system", "user" or "assistant"
    std::string content;
    // An assistant's thinking, without tags; given to the template as reasoning_content
    // when not empty (Qwen3 shows it for the turns after the last user message).
    std::string reasoning_content;
};

// gpt-oss (harmony): how long the model reasons before it answers; the template's
// reasoning_effort ("low", "medium", "high"; the template's default is medium).
enum class ReasoningEffort { Low, Medium, High };
std::string_view reasoning_effort_name(ReasoningEffort effort);
// "low", "medium" or "high" (exactly); nothing for anything else.
std::optional<ReasoningEffort> parse_reasoning_effort(std::string_view name);

struct ChatRenderOptions {
    bool add_generation_prompt = true;
    std::optional<bool> enable_thinking; // absent: undefined in the template
    // Seed-OSS: how many tokens the model may think (-1 unlimited, 0 answer at once); absent:
    // undefined in the template.
    std::optional<int> thinking_budget;
    std::optional<ReasoningEffort> reasoning_effort; // absent: undefined in the template
    std::function<std::tm()> clock;                  // for strftime_now; default: the local time
    // Rendering the model's template ends when *cancel becomes true (the user's Stop) and,
    // as a failure that falls back to a built-in format, after time_limit. Real templates
    // take milliseconds; the step budget ends hostile ones well within the limit.
    const std::atomic<bool>* cancel = nullptr;
    std::chrono::milliseconds time_limit{10000};
};

enum class ChatFormat { Template, ChatMl, Llama3, Gemma, Mistral, DeepSeek, Harmony };
std::string_view chat_format_name(ChatFormat format);

struct RenderedChat {
    std::string text;
    ChatFormat format = ChatFormat::Template; // Template: the model's own template rendered it
    std::string fallback_reason;              // why a built-in format was used, else ""
    ThinkingStart thinking = ThinkingStart::MayOpen; // how the model's output begins
    bool cancelled = false; // *cancel was set: there is no text, not even a fallback
};

class ChatTemplate {
public:
    // tokenizer.chat_template of `file`; bos_token/eos_token are the tokenizer's BOS/EOS
    // vocabulary entries ("" when the vocabulary has none).
    static ChatTemplate from_gguf(const gguf::File& file, const Tokenizer& tokenizer);
    // A template given as text ("" means none).
    static ChatTemplate from_source(std::string source, std::string bos_token,
                                    std::string eos_token);

    // The prompt for `messages`, by the model's template or, failing that, a built-in format.
    RenderedChat render(std::span<const ChatMessage> messages,
                        const ChatRenderOptions& options) const;
    // The model's template alone: its output, or the Error that stopped it (no fallback).
    Result<std::string> apply(std::span<const ChatMessage> messages,
                              const ChatRenderOptions& options) const;

    // Template when the model's template parsed; otherwise the built-in format render uses.
    ChatFormat format() const { return program_ ? ChatFormat::Template : fallback_; }
    // The built-in format chosen for this template's markers.
    ChatFormat fallback_format() const { return fallback_; }
    // Why the model's template is not used at all ("" when it parsed).
    const std::string& fallback_reason() const { return reason_; }
    const std::string& source() const { return source_; }
    // The markup of the model's reasoning, judged by its template's (and vocabulary's) markers.
    const ReasoningTags& reasoning_tags() const { return reasoning_; }
    // How the model's output marks thinking and answer: harmony channels when the template
    // (or vocabulary) has <|channel|>, otherwise reasoning tags.
    ReplyFormat reply_format() const { return reply_format_; }
    // The splitter for a reply to a prompt whose output begins as `start` says; `note` is what
    // a tool call the app does not run leaves in the answer (harmony only).
    ReplySplitter reply_splitter(ThinkingStart start, HarmonyParser::ToolNote note = {}) const;
    // The tokens the detokenizer must print as text for the splitter (show_tokens).
    std::vector<Token> marker_tokens(const Tokenizer& tokenizer) const;
    // Whether the template reads thinking_budget (Seed-OSS), so the option means something.
    bool takes_thinking_budget() const;
    // Whether the template (or the built-in harmony format) reads reasoning_effort (gpt-oss).
    bool takes_reasoning_effort() const;

private:
    std::shared_ptr<const jinja::Program> program_;
    std::string source_, bos_, eos_;
    ReasoningTags reasoning_;
    ReplyFormat reply_format_ = ReplyFormat::ThinkTags;
    ChatFormat fallback_ = ChatFormat::ChatMl;
    std::string reason_;
};

// The built-in formats (chat_formats.cpp).
std::string render_builtin_chat(ChatFormat format, std::span<const ChatMessage> messages,
                                const ChatRenderOptions& options, std::string_view bos_token,
                                std::string_view eos_token);
// The built-in format for a template's markers (ChatML when none is found).
ChatFormat detect_chat_format(std::string_view template_source);

} // namespace hearth
