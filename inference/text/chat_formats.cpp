// Built-in chat formats, used when a model's own template is missing or fails. Each follows
// the published template of its family for plain system/user/assistant conversations:
//
//   ChatML   <|im_start|>{role}\n{content}<|im_end|>\n ...  <|im_start|>assistant\n
//   Llama 3  {bos}<|start_header_id|>{role}<|end_header_id|>\n\n{content|trim}<|eot_id|> ...
//            <|start_header_id|>assistant<|end_header_id|>\n\n
//   Gemma    {bos}<start_of_turn>user\n{system\n\n}{content|trim}<end_of_turn>\n
//            <start_of_turn>model\n... (Gemma 3: the system text opens the first user turn)
//   Mistral  {bos}[INST]{system\n\n}{content}[/INST]{answer}{eos}... (system text before the
//            first user message, so earlier turns never change and the KV cache stays valid)
//   DeepSeek {bos}{system}<｜User｜>{content}<｜Assistant｜>{answer}<｜end▁of▁sentence｜>...
//            <｜Assistant｜><think>\n   (or <think>\n\n</think>\n\n with enable_thinking=false)
//   Harmony  <|start|>system<|message|>{model identity, date, Reasoning: {effort}, channels}<|end|>
//            <|start|>developer<|message|># Instructions\n\n{system}\n\n<|end|>
//            <|start|>user<|message|>{content}<|end|> ...
//            <|start|>assistant<|channel|>final<|message|>{answer}<|end|> ... <|start|>assistant
//            (gpt-oss's official template for conversations without tools)
//
// Assistant turns carry only their answer; earlier thinking is not shown to the model again.
#include "jinja.h"
#include "text/chat_template.h"

#include <ctime>

namespace hearth {

namespace {

std::string trimmed(std::string_view text) {
    return jinja::python_strip(text);
}

// The system messages' text, joined; the other messages in order.
std::string system_text(std::span<const ChatMessage> messages) {
    std::string text;
    for (const ChatMessage& m : messages) {
        if (m.role == "system") {
            text += (text.empty() ? "" : "\n\n") + m.content;
        }
    }
    return text;
}

// DeepSeek-R1 drops an answer's thinking from the history (everything up to </think>).
std::string_view after_thinking(std::string_view content) {
    const size_t close = content.rfind("</think>");
    return close == std::string_view::npos ? content : content.substr(close + 8);
}

// gpt-oss's system message, as its template writes it (no tools).
std::string harmony_system(const ChatRenderOptions& options) {
    std::tm date{};
    if (options.clock) {
        date = options.clock();
    } else {
        const std::time_t now = std::time(nullptr);
        localtime_r(&now, &date);
    }
    char day[32] = {};
    std::strftime(day, sizeof day, "%Y-%m-%d", &date);
    const std::string_view effort =
        reasoning_effort_name(options.reasoning_effort.value_or(ReasoningEffort::Medium));
    return "<|start|>system<|message|>You are ChatGPT, a large language model trained by "
           "OpenAI.\nKnowledge cutoff: 2024-06\nCurrent date: " +
           std::string(day) + "\n\nReasoning: " + std::string(effort) +
           "\n\n# Valid channels: analysis, commentary, final. Channel must be included for "
           "every message.<|end|>";
}

std::string render_harmony(std::span<const ChatMessage> messages,
                           const ChatRenderOptions& options) {
    std::string out = harmony_system(options);
    const std::string system = system_text(messages);
    if (!system.empty()) {
        out += "<|start|>developer<|message|># Instructions\n\n" + system + "\n\n<|end|>";
    }
    for (size_t i = 0; i < messages.size(); ++i) {
        const ChatMessage& m = messages[i];
        if (m.role == "assistant") {
            // The answer alone: earlier thinking is never given back.
            const bool last = i + 1 == messages.size() && !options.add_generation_prompt;
            out += "<|start|>assistant<|channel|>final<|message|>" + m.content +
                   (last ? "<|return|>" : "<|end|>");
        } else if (m.role != "system") {
            out += "<|start|>" + m.role + "<|message|>" + m.content + "<|end|>";
        }
    }
    return options.add_generation_prompt ? out + "<|start|>assistant" : out;
}

} // namespace

ChatFormat detect_chat_format(std::string_view source) {
    if (source.find("<|im_start|>") != std::string_view::npos) {
        return ChatFormat::ChatMl;
    }
    if (source.find("<|start_header_id|>") != std::string_view::npos) {
        return ChatFormat::Llama3;
    }
    if (source.find("<start_of_turn>") != std::string_view::npos) {
        return ChatFormat::Gemma;
    }
    if (source.find("[INST]") != std::string_view::npos) {
        return ChatFormat::Mistral;
    }
    if (source.find("<｜User｜>") != std::string_view::npos) {
        return ChatFormat::DeepSeek;
    }
    if (source.find("<|channel|>") != std::string_view::npos) {
        return ChatFormat::Harmony;
    }
    return ChatFormat::ChatMl;
}

std::string render_builtin_chat(ChatFormat format, std::span<const ChatMessage> messages,
                                const ChatRenderOptions& options, std::string_view bos,
                                std::string_view eos) {
    const bool gen = options.add_generation_prompt;
    const std::string system = system_text(messages);
    std::string out;
    switch (format) {
    case ChatFormat::Template:
    case ChatFormat::ChatMl:
        for (const ChatMessage& m : messages) {
            out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
        }
        return gen ? out + "<|im_start|>assistant\n" : out;
    case ChatFormat::Llama3:
        out = std::string(bos);
        for (const ChatMessage& m : messages) {
            out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + trimmed(m.content) +
                   "<|eot_id|>";
        }
        return gen ? out + "<|start_header_id|>assistant<|end_header_id|>\n\n" : out;
    case ChatFormat::Gemma: {
        out = std::string(bos);
        bool first_user = true;
        for (const ChatMessage& m : messages) {
            if (m.role == "system") {
                continue;
            }
            const bool user = m.role != "assistant";
            const std::string prefix = user && first_user && !system.empty() ? system + "\n\n" : "";
            first_user = first_user && !user;
            out += "<start_of_turn>" + std::string(user ? m.role : "model") + "\n" + prefix +
                   trimmed(m.content) + "<end_of_turn>\n";
        }
        return gen ? out + "<start_of_turn>model\n" : out;
    }
    case ChatFormat::Mistral: {
        out = std::string(bos);
        bool first_user = true;
        for (const ChatMessage& m : messages) {
            if (m.role == "system") {
                continue;
            }
            if (m.role == "assistant") {
                out += m.content + std::string(eos);
                continue;
            }
            out += "[INST]" + (first_user && !system.empty() ? system + "\n\n" : "") + m.content +
                   "[/INST]";
            first_user = false;
        }
        return out;
    }
    case ChatFormat::DeepSeek:
        out = std::string(bos) + system;
        for (const ChatMessage& m : messages) {
            if (m.role == "user") {
                out += "<｜User｜>" + m.content;
            } else if (m.role == "assistant") {
                out += "<｜Assistant｜>" + std::string(after_thinking(m.content)) +
                       "<｜end▁of▁sentence｜>";
            }
        }
        if (!gen) {
            return out;
        }
        return out + (options.enable_thinking.value_or(true)
                          ? "<｜Assistant｜><think>\n"
                          : "<｜Assistant｜><think>\n\n</think>\n\n");
    case ChatFormat::Harmony:
        return render_harmony(messages, options);
    }
    return out;
}

} // namespace hearth
