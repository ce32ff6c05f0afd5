#include "generation/prompt_fit.h"

#include <algorithm>

namespace hearth {

int answer_reserve(const GenerationRequest& request, int n_ctx) {
    if (request.reserve_tokens >= 0) {
        return request.reserve_tokens;
    }
    return std::clamp(request.max_tokens, 1, std::max(1, n_ctx / 4));
}

std::string overflow_message(const GenerationRequest& request, int prompt_tokens, int reserve,
                             int n_ctx) {
    return std::string(request.raw_prompt ? "the prompt (" : "the conversation (") +
           std::to_string(prompt_tokens) + " tokens) and " + std::to_string(reserve) +
           " new tokens do not fit a context of " + std::to_string(n_ctx);
}

namespace {

FittedPrompt fit_raw(const GenerationRequest& request, const Tokenizer& tokenizer, int n_ctx) {
    FittedPrompt p;
    p.rendered.text = request.prompt;
    p.rendered.thinking = ThinkingStart::Closed;
    p.tokens = tokenizer.encode(request.prompt, tokenizer.add_bos_by_default(), false);
    p.needed = int(p.tokens.size()) + answer_reserve(request, n_ctx);
    p.fits = !p.tokens.empty() && p.needed <= n_ctx;
    return p;
}

} // namespace

FittedPrompt fit_prompt(const GenerationRequest& request, const ChatTemplate& chat,
                        const Tokenizer& tokenizer, int n_ctx, const std::atomic<bool>* cancel) {
    if (request.raw_prompt) {
        return fit_raw(request, tokenizer, n_ctx);
    }
    const int reserve = answer_reserve(request, n_ctx);
    ChatRenderOptions options;
    options.enable_thinking = request.enable_thinking;
    options.thinking_budget = request.thinking_budget;
    options.reasoning_effort = request.reasoning_effort;
    options.cancel = cancel; // a slow template ends at once when the run is cancelled
    std::vector<ChatMessage> messages = request.messages;
    const size_t first = !messages.empty() && messages.front().role == "system" ? 1 : 0;
    FittedPrompt p;
    for (;;) {
        p.rendered = chat.render(messages, options);
        if (p.rendered.cancelled) {
            p.cancelled = true;
            return p;
        }
        p.tokens = tokenizer.encode(p.rendered.text, tokenizer.add_bos_by_default(), true);
        p.needed = int(p.tokens.size()) + reserve;
        p.fits = !p.tokens.empty() && p.needed <= n_ctx;
        if (p.fits || !request.drop_oldest || messages.size() <= first + 1) {
            return p;
        }
        // The oldest turn: the first user message after the system message and everything
        // up to the next user message (never the last message).
        size_t end = first + 1;
        while (end + 1 < messages.size() && messages[end].role != "user") {
            ++end;
        }
        p.dropped += int(end - first);
        messages.erase(messages.begin() + std::ptrdiff_t(first),
                       messages.begin() + std::ptrdiff_t(end));
    }
}

} // namespace hearth
