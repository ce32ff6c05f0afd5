#include "text/chat_template.h"

#include "jinja.h"

namespace hearth {

namespace {

// Real templates are at most a few tens of KiB; anything far larger is not a chat template.
constexpr size_t kMaxTemplateBytes = 1u << 20;

// How the model's output begins, judged by what the generation prompt adds to the
// conversation: an unclosed <think> means the model continues inside its thinking, a
// closed block means thinking is off.
ThinkingStart thinking_start(std::string_view generation_prompt, const ReasoningTags& tags) {
    const size_t open = generation_prompt.rfind(tags.open);
    const size_t close = generation_prompt.rfind(tags.close);
    if (close != std::string_view::npos && (open == std::string_view::npos || close > open)) {
        return ThinkingStart::Closed;
    }
    return open != std::string_view::npos ? ThinkingStart::Inside : ThinkingStart::MayOpen;
}

} // namespace

std::string_view chat_format_name(ChatFormat format) {
    switch (format) {
    case ChatFormat::Template:
        return "the model's template";
    case ChatFormat::ChatMl:
        return "ChatML";
    case ChatFormat::Llama3:
        return "Llama 3";
    case ChatFormat::Gemma:
        return "Gemma";
    case ChatFormat::Mistral:
        return "Mistral";
    case ChatFormat::DeepSeek:
        return "DeepSeek";
    case ChatFormat::Harmony:
        return "harmony";
    }
    return "unknown";
}

std::string_view reasoning_effort_name(ReasoningEffort effort) {
    switch (effort) {
    case ReasoningEffort::Low:
        return "low";
    case ReasoningEffort::Medium:
        return "medium";
    case ReasoningEffort::High:
        return "high";
    }
    return "medium";
}

std::optional<ReasoningEffort> parse_reasoning_effort(std::string_view name) {
    for (ReasoningEffort e :
         {ReasoningEffort::Low, ReasoningEffort::Medium, ReasoningEffort::High}) {
        if (name == reasoning_effort_name(e)) {
            return e;
        }
    }
    return std::nullopt;
}

ChatTemplate ChatTemplate::from_gguf(const gguf::File& file, const Tokenizer& tokenizer) {
    std::string source;
    if (const gguf::Value* v = file.find("tokenizer.chat_template")) {
        if (std::optional<std::string_view> text = v->as_string()) {
            source = std::string(*text);
        }
    }
    const auto token_text = [&](Token t) {
        return t >= 0 && size_t(t) < tokenizer.vocab_size()
                   ? std::string(tokenizer.raw_token_text(t))
                   : std::string();
    };
    ChatTemplate t = from_source(source, token_text(tokenizer.bos()), token_text(tokenizer.eos()));
    // A model without a template (or with a generic one) still writes its own markup.
    std::string markers = std::move(source);
    for (std::string_view marker : {"<seed:think>", "<｜hy_Assistant｜>", "[THINK]"}) {
        if (tokenizer.find_token(marker)) {
            markers += marker;
        }
    }
    t.reasoning_ = ReasoningTags::for_markers(markers);
    if (tokenizer.find_token("<|channel|>") && tokenizer.find_token("<|message|>")) {
        t.reply_format_ = ReplyFormat::Harmony;
        t.fallback_ = ChatFormat::Harmony;
    }
    return t;
}

ChatTemplate ChatTemplate::from_source(std::string source, std::string bos_token,
                                       std::string eos_token) {
    ChatTemplate t;
    t.source_ = std::move(source);
    t.bos_ = std::move(bos_token);
    t.eos_ = std::move(eos_token);
    t.fallback_ = detect_chat_format(t.source_);
    t.reasoning_ = ReasoningTags::for_markers(t.source_);
    if (t.source_.find("<|channel|>") != std::string::npos) {
        t.reply_format_ = ReplyFormat::Harmony;
    }
    if (t.source_.empty()) {
        t.reason_ = "the model has no chat template";
    } else if (t.source_.size() > kMaxTemplateBytes) {
        t.reason_ = "the model's chat template is too large (" + std::to_string(t.source_.size()) +
                    " bytes)";
    } else {
        Result<std::shared_ptr<const jinja::Program>> program = jinja::parse_template(t.source_);
        if (program) {
            t.program_ = std::move(*program);
        } else {
            t.reason_ = "the model's chat template cannot be parsed: " + program.error().message;
        }
    }
    return t;
}

Result<std::string> ChatTemplate::apply(std::span<const ChatMessage> messages,
                                        const ChatRenderOptions& options) const {
    if (!program_) {
        return Error{reason_};
    }
    using jinja::Value;
    std::vector<Value> list;
    for (const ChatMessage& m : messages) {
        Value d = Value::make_dict();
        d.dict().set(Value("role"), Value(m.role));
        d.dict().set(Value("content"), Value(m.content));
        if (!m.reasoning_content.empty()) {
            d.dict().set(Value("reasoning_content"), Value(m.reasoning_content));
        }
        list.push_back(std::move(d));
    }
    jinja::Variables vars = jinja::builtin_globals(options.clock);
    vars.emplace_back("messages", Value::make_list(std::move(list)));
    vars.emplace_back("add_generation_prompt", Value(options.add_generation_prompt));
    vars.emplace_back("bos_token", Value(bos_));
    vars.emplace_back("eos_token", Value(eos_));
    vars.emplace_back("tools", Value(jinja::None{}));
    vars.emplace_back("documents", Value(jinja::None{}));
    if (options.enable_thinking) {
        vars.emplace_back("enable_thinking", Value(*options.enable_thinking));
    }
    if (options.thinking_budget) {
        vars.emplace_back("thinking_budget", Value(int64_t(*options.thinking_budget)));
    }
    if (options.reasoning_effort) {
        vars.emplace_back("reasoning_effort",
                          Value(std::string(reasoning_effort_name(*options.reasoning_effort))));
    }
    jinja::RenderLimits limits;
    limits.deadline = std::chrono::steady_clock::now() + options.time_limit;
    limits.cancel = options.cancel;
    return jinja::render(program_, vars, limits);
}

RenderedChat ChatTemplate::render(std::span<const ChatMessage> messages,
                                  const ChatRenderOptions& options) const {
    RenderedChat out;
    const auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };
    Result<std::string> text = apply(messages, options);
    if (text) {
        out.text = std::move(*text);
    } else if (cancelled()) {
        out.cancelled = true;
        return out;
    } else {
        out.format = fallback_;
        out.fallback_reason =
            program_ ? "the model's chat template failed: " + text.error().message : reason_;
        out.text = render_builtin_chat(fallback_, messages, options, bos_, eos_);
    }
    const bool may_think = source_.find("think") != std::string::npos ||
                           source_.find(reasoning_.open) != std::string::npos ||
                           out.format == ChatFormat::DeepSeek;
    if (!options.add_generation_prompt || !may_think || reply_format_ == ReplyFormat::Harmony) {
        return out;
    }
    // The generation prompt is what add_generation_prompt adds to the same conversation.
    ChatRenderOptions without = options;
    without.add_generation_prompt = false;
    std::string base;
    if (out.format == ChatFormat::Template) {
        Result<std::string> r = apply(messages, without);
        if (!r && cancelled()) {
            return RenderedChat{.cancelled = true};
        }
        base = r ? std::move(*r) : std::string();
    } else {
        base = render_builtin_chat(out.format, messages, without, bos_, eos_);
    }
    const std::string_view suffix = std::string_view(out.text).starts_with(base)
                                        ? std::string_view(out.text).substr(base.size())
                                        : std::string_view(out.text);
    out.thinking = thinking_start(suffix, reasoning_);
    return out;
}

ReplySplitter ChatTemplate::reply_splitter(ThinkingStart start,
                                           HarmonyParser::ToolNote note) const {
    return ReplySplitter(reply_format_, start, reasoning_, std::move(note));
}

std::vector<Token> ChatTemplate::marker_tokens(const Tokenizer& tokenizer) const {
    return reply_marker_tokens(tokenizer, reply_format_, reasoning_);
}

bool ChatTemplate::takes_thinking_budget() const {
    return program_ && source_.find("thinking_budget") != std::string::npos;
}

bool ChatTemplate::takes_reasoning_effort() const {
    return fallback_ == ChatFormat::Harmony ||
           (program_ && source_.find("reasoning_effort") != std::string::npos);
}

} // namespace hearth
