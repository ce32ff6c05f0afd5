// The one generation loop of the engine: from a conversation (or a raw prompt) to streamed
// answer and reasoning text. The app's worker, hearth-cli and the local server all run it.
//
// One run():
//   1. renders the messages with the model's chat template (or takes `prompt` as is),
//      tokenizes them, and fits them into the context: the prompt must leave room to answer
//      (see GenerationRequest::reserve_tokens). Too long: a ContextOverflow error with the
//      tokens needed and available, or, with drop_oldest, the oldest turns are left out
//      (never the system message, never the last message) until it fits;
//   2. keeps the KV entries of the longest common prefix with what the previous run left in
//      the session (at least the last prompt token is evaluated again: its logits start the
//      answer), and evaluates the rest in pieces of the session's prompt_batch() tokens,
//      looking at the cancel flag before each piece;
//   3. samples token by token until an end-of-generation token of the model, max_tokens, a
//      full context, a stop string or the cancel flag; every generated token is evaluated
//      (so the KV cache holds the reply for the next turn) unless the context is full;
//   4. streams the text: the detokenizer gives complete UTF-8 pieces, stop strings are held
//      back until they are certain not to match (a matched stop string and anything after it
//      is never emitted), and ReplySplitter separates reasoning from answer (think tags or
//      harmony channels; raw prompts are all answer, as the model wrote it).
// Not thread-safe: one run at a time per pipeline. Events are called on the running thread;
// the cancel flag may be set from any thread or from inside an event.
#pragma once

#include "model/model.h"
#include "result.h"
#include "sampling/sampler.h"
#include "session.h"
#include "text/chat_template.h"
#include "text/harmony.h"
#include "text/tokenizer.h"
#include "token.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hearth {

struct GenerationRequest {
    std::vector<ChatMessage> messages; // system message first, if any; content as text
    SamplingParams sampling;           // the sampler's parameters, the seed included
    int max_tokens = 1024;             // 0 or negative: until the context is full
    std::vector<std::string> stop;     // stop strings, matched on the model's output text
    std::optional<bool> enable_thinking;
    std::optional<int> thinking_budget; // tokens; -1 unlimited, 0 answer at once (Seed-OSS)
    std::optional<ReasoningEffort> reasoning_effort; // gpt-oss (harmony)
    bool drop_oldest = false; // leave out the oldest turns to fit (never the last message)
    // Completion of `prompt` as is (hearth-cli --raw, /v1/completions): `messages` and the
    // template are not used, special-token texts in it stay text, the output is all answer.
    bool raw_prompt = false;
    std::string prompt;
    // Tokens the prompt must leave free for the answer. Negative: max_tokens, but at most a
    // quarter of the context (and at least 1), so a long answer limit does not refuse a
    // conversation that fits well enough.
    int reserve_tokens = -1;
};

enum class FinishReason {
    EndOfTurn,  // the model's end-of-generation token
    Length,     // max_tokens, or the context is full
    StopString, // one of the request's stop strings
    Cancelled,  // the cancel flag
};
// "end_of_turn", "length", "stop_string", "cancelled".
std::string_view finish_reason_name(FinishReason reason);

struct GenerationStats {
    int prompt_tokens = 0;     // of the fitted prompt
    int reused_tokens = 0;     // prompt tokens whose KV entries were kept from the last run
    int completion_tokens = 0; // sampled tokens, the end-of-generation token not counted
    int context_used = 0;      // positions of the context in use when the run ended
    int dropped_messages = 0;  // oldest messages left out to fit the context
    double prompt_ms = 0;      // evaluating the prompt's new tokens
    // From the call of run() to the first sampled token (rendering and prefill included).
    double time_to_first_token_ms = 0;
    // Tokens after the first per second since the first one (0 with fewer than two).
    double tokens_per_second = 0;
    // From the first sampled token until the answer's first text (or the end, if none
    // came): how long the model reasoned. 0 when it wrote no reasoning.
    double thinking_ms = 0;
    FinishReason finish = FinishReason::EndOfTurn;
};

// What was evaluated, for diagnostics (hearth-cli --verbose-prompt) and provenance.
struct PromptInfo {
    std::string_view text; // the rendered prompt (raw: the prompt as given)
    std::span<const Token> tokens;
    int reused_tokens = 0;
    ChatFormat format = ChatFormat::Template; // raw prompts: Template
    std::string_view fallback_reason;         // why a built-in chat format was used, else ""
};

struct GenerationEvents {
    // The prompt fits (after leaving out `dropped_messages`); its evaluation starts.
    std::function<void(int prompt_tokens, int dropped_messages)> started;
    // New text, complete UTF-8, never empty as a whole. Within one call the reasoning came
    // before the answer.
    std::function<void(std::string_view answer, std::string_view reasoning)> delta;
    // After each generated token (and after its delta, if it made text): the tokens so far
    // and the seconds since the first one (a live speed).
    std::function<void(int completion_tokens, double seconds)> token;
    // Just before `started`: the prompt as it will be evaluated.
    std::function<void(const PromptInfo& prompt)> prompt;
};

enum class GenerationErrorKind {
    ContextOverflow, // `needed` (prompt + reserve) exceeds `available` (the context)
    EmptyPrompt,     // the prompt has no tokens
    Backend,         // the session failed (e.g. the model file changed under it)
};

struct GenerationError {
    GenerationErrorKind kind = GenerationErrorKind::Backend;
    std::string message;           // a sentence for the user
    int needed = 0, available = 0; // ContextOverflow only
};

// A GenerationStats or a GenerationError, with Result's interface.
class [[nodiscard]] GenerationResult {
public:
    GenerationResult(GenerationStats stats) : state_(std::move(stats)) {}
    GenerationResult(GenerationError error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const GenerationStats& value() const { return std::get<0>(state_); }
    const GenerationStats& operator*() const { return value(); }
    const GenerationStats* operator->() const { return &value(); }
    const GenerationError& error() const { return std::get<1>(state_); }

private:
    std::variant<GenerationStats, GenerationError> state_;
};

class GenerationPipeline {
public:
    // `session` and `model` must outlive the pipeline; the pipeline assumes it is the only
    // user of the session (otherwise call forget_cache() after using it elsewhere).
    GenerationPipeline(Session& session, const Model& model, Tokenizer tokenizer);
    // The same, with the model's tokenizer loaded here.
    static Result<std::unique_ptr<GenerationPipeline>> create(Session& session, const Model& model);

    GenerationResult run(const GenerationRequest& request, const GenerationEvents& events,
                         const std::atomic<bool>& cancel);

    // What a tool call of the model (harmony's commentary channel) leaves in the answer; by
    // default a short English note.
    void set_tool_note(HarmonyParser::ToolNote note) { tool_note_ = std::move(note); }
    // The next run evaluates its whole prompt.
    void forget_cache();

    const ChatTemplate& chat_template() const { return chat_; }
    const Tokenizer& tokenizer() const { return tokenizer_; }
    Session& session() { return session_; }
    const Session& session() const { return session_; }

private:
    Session& session_;
    Tokenizer tokenizer_;
    ChatTemplate chat_;
    HarmonyParser::ToolNote tool_note_;
    std::vector<Token> cached_; // the tokens whose KV entries the session holds, in order
};

} // namespace hearth
