// Step 1 of a generation run: the request's prompt as tokens that fit the context.
//
// Chat requests are rendered by the model's chat template (ChatTemplate::render, with its
// built-in fallbacks) and tokenized with special tokens parsed; raw prompts are tokenized as
// text. The prompt fits when its tokens plus the answer's reserve (answer_reserve) are at
// most the context. With drop_oldest, a conversation that does not fit loses its oldest turn
// (a user message and the replies after it, so the rest still starts with the user, as
// templates expect) and is rendered again, until it fits or only the last message is left;
// the system message is never left out.
#pragma once

#include "generation/generation_pipeline.h"

#include <atomic>
#include <vector>

namespace hearth {

struct FittedPrompt {
    RenderedChat rendered; // raw prompts: text as given, format Template
    std::vector<Token> tokens;
    int dropped = 0; // messages left out
    int needed = 0;  // prompt tokens plus the answer's reserve
    bool fits = false;
    bool cancelled = false; // *cancel was set while rendering: no prompt at all
};

// Tokens the prompt must leave free for the answer (GenerationRequest::reserve_tokens).
int answer_reserve(const GenerationRequest& request, int n_ctx);

FittedPrompt fit_prompt(const GenerationRequest& request, const ChatTemplate& chat,
                        const Tokenizer& tokenizer, int n_ctx, const std::atomic<bool>* cancel);

// The sentence for a prompt that does not fit, e.g. "the conversation (300 tokens) and 64 new
// tokens do not fit a context of 256".
std::string overflow_message(const GenerationRequest& request, int prompt_tokens, int reserve,
                             int n_ctx);

} // namespace hearth
