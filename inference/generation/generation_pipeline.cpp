#include "generation/generation_pipeline.h"

#include "generation/prompt_fit.h"
#include "generation/stop_strings.h"

#include <algorithm>
#include <chrono>
#include <climits>

namespace hearth {

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string default_tool_note(std::string_view tool) {
    return tool.empty()
               ? "[a message for tools was left out: no tools are run here]"
               : "[the model called the tool \"" + std::string(tool) + "\": no tools are run here]";
}

// The text side of a run: detokenizer -> stop strings -> reasoning split -> events, with
// the moments the thinking time is measured from.
class TextStream {
public:
    TextStream(const GenerationPipeline& pipeline, const GenerationRequest& request,
               ThinkingStart start, const HarmonyParser::ToolNote& note,
               const GenerationEvents& events)
        : detokenizer_(pipeline.tokenizer()), stops_(request.stop), events_(events) {
        if (!request.raw_prompt) { // raw completions: all answer, control tokens unprinted
            detokenizer_.show_tokens(pipeline.chat_template().marker_tokens(pipeline.tokenizer()));
            splitter_.emplace(pipeline.chat_template().reply_splitter(start, note));
        }
    }

    void push(Token token) { send_raw(stops_.push(detokenizer_.push(token))); }

    // The held-back rest, unless a stop string ended the text.
    void finish() {
        if (!stops_.stopped()) {
            send_raw(stops_.push(detokenizer_.flush()));
            send_raw(stops_.finish());
        }
        if (splitter_) {
            send(splitter_->finish());
        }
    }

    bool stopped() const { return stops_.stopped(); }

    // How long the model reasoned: from `first_token` to the answer's first text (or `end`).
    double thinking_ms(Clock::time_point first_token, Clock::time_point end) const {
        if (!wrote_thinking_) {
            return 0;
        }
        return ms_between(first_token, answer_began_ ? *answer_began_ : end);
    }

private:
    void send_raw(const std::string& text) {
        if (text.empty()) {
            return;
        }
        send(splitter_ ? splitter_->push(text) : ReasoningDelta{{}, text});
    }

    void send(const ReasoningDelta& d) {
        if (d.thinking.empty() && d.answer.empty()) {
            return;
        }
        wrote_thinking_ = wrote_thinking_ || !d.thinking.empty();
        if (!d.answer.empty() && !answer_began_) {
            answer_began_ = Clock::now();
        }
        if (events_.delta) {
            events_.delta(d.answer, d.thinking);
        }
    }

    StreamingDetokenizer detokenizer_;
    StopStringFilter stops_;
    std::optional<ReplySplitter> splitter_;
    const GenerationEvents& events_;
    bool wrote_thinking_ = false;
    std::optional<Clock::time_point> answer_began_;
};

} // namespace

std::string_view finish_reason_name(FinishReason reason) {
    switch (reason) {
    case FinishReason::EndOfTurn:
        return "end_of_turn";
    case FinishReason::Length:
        return "length";
    case FinishReason::StopString:
        return "stop_string";
    case FinishReason::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

GenerationPipeline::GenerationPipeline(Session& session, const Model& model, Tokenizer tokenizer)
    : session_(session), tokenizer_(std::move(tokenizer)),
      chat_(ChatTemplate::from_gguf(model.file, tokenizer_)), tool_note_(default_tool_note) {}

Result<std::unique_ptr<GenerationPipeline>> GenerationPipeline::create(Session& session,
                                                                       const Model& model) {
    Result<Tokenizer> tokenizer = Tokenizer::load(model.file);
    if (!tokenizer) {
        return tokenizer.error();
    }
    return std::make_unique<GenerationPipeline>(session, model, std::move(*tokenizer));
}

void GenerationPipeline::forget_cache() {
    cached_.clear();
}

GenerationResult GenerationPipeline::run(const GenerationRequest& request,
                                         const GenerationEvents& events,
                                         const std::atomic<bool>& cancel) {
    const Clock::time_point start = Clock::now();
    const int n_ctx = int(session_.n_ctx());
    const FittedPrompt prompt = fit_prompt(request, chat_, tokenizer_, n_ctx, &cancel);
    const std::vector<Token>& tokens = prompt.tokens;
    GenerationStats stats;
    if (prompt.cancelled) {
        stats.finish = FinishReason::Cancelled;
        stats.context_used = int(session_.n_past());
        return stats;
    }
    if (tokens.empty()) {
        return GenerationError{GenerationErrorKind::EmptyPrompt,
                               request.raw_prompt ? "the prompt has no tokens"
                                                  : "the conversation has no tokens"};
    }
    if (!prompt.fits) {
        const int reserve = answer_reserve(request, n_ctx);
        return GenerationError{GenerationErrorKind::ContextOverflow,
                               overflow_message(request, int(tokens.size()), reserve, n_ctx),
                               prompt.needed, n_ctx};
    }

    // The longest common prefix with what the session holds; at least the last prompt token
    // is evaluated again, for the logits of the answer's first token.
    size_t reuse =
        size_t(std::mismatch(cached_.begin(), cached_.end(), tokens.begin(), tokens.end()).first -
               cached_.begin());
    reuse = std::min(reuse, tokens.size() - 1);
    session_.truncate(uint32_t(reuse));
    reuse = session_.n_past(); // less when a sliding window's ring no longer reaches back
    cached_.resize(reuse);

    stats.prompt_tokens = int(tokens.size());
    stats.reused_tokens = int(reuse);
    stats.dropped_messages = prompt.dropped;
    if (events.prompt) {
        events.prompt(PromptInfo{prompt.rendered.text, tokens, int(reuse), prompt.rendered.format,
                                 prompt.rendered.fallback_reason});
    }
    if (events.started) {
        events.started(stats.prompt_tokens, stats.dropped_messages);
    }
    auto backend_error = [&](const Error& error) {
        cached_.resize(std::min<size_t>(cached_.size(), session_.n_past()));
        return GenerationError{GenerationErrorKind::Backend, error.message};
    };

    const Clock::time_point prefill_start = Clock::now();
    std::span<const float> logits;
    const size_t piece = std::max<size_t>(1, session_.prompt_batch());
    for (size_t i = reuse; i < tokens.size(); i += piece) {
        if (cancel.load()) {
            stats.prompt_ms = ms_between(prefill_start, Clock::now());
            stats.finish = FinishReason::Cancelled;
            stats.context_used = int(session_.n_past());
            return stats;
        }
        const auto batch = std::span(tokens).subspan(i, std::min(piece, tokens.size() - i));
        Result<std::span<const float>> r = session_.eval_batch(batch);
        if (!r) {
            return backend_error(r.error());
        }
        logits = *r;
        cached_.insert(cached_.end(), batch.begin(), batch.end());
    }
    stats.prompt_ms = ms_between(prefill_start, Clock::now());

    Sampler sampler(request.sampling);
    for (Token t : tokens) {
        sampler.accept(t);
    }
    TextStream text(*this, request, prompt.rendered.thinking, tool_note_, events);
    const int limit = request.max_tokens > 0 ? request.max_tokens : INT_MAX;
    Clock::time_point first_token = Clock::now();
    stats.finish = FinishReason::Length;
    for (;;) {
        if (stats.completion_tokens >= limit) {
            break; // Length
        }
        if (cancel.load()) {
            stats.finish = FinishReason::Cancelled;
            break;
        }
        const Token next = sampler.sample(logits);
        if (next < 0 || tokenizer_.is_end_of_generation(next)) {
            stats.finish = FinishReason::EndOfTurn;
            break;
        }
        if (++stats.completion_tokens == 1) {
            first_token = Clock::now();
            stats.time_to_first_token_ms = ms_between(start, first_token);
        }
        sampler.accept(next);
        text.push(next);
        if (events.token) {
            events.token(stats.completion_tokens, ms_between(first_token, Clock::now()) / 1e3);
        }
        if (session_.n_past() >= session_.n_ctx()) {
            break; // Length: the context has no room for this token's KV entry
        }
        // Evaluated even when the run ends here: the KV cache then holds the whole reply,
        // which the next turn's prompt starts with.
        Result<std::span<const float>> r = session_.eval(next);
        if (!r) {
            return backend_error(r.error());
        }
        logits = *r;
        cached_.push_back(next);
        if (text.stopped()) {
            stats.finish = FinishReason::StopString;
            break;
        }
    }
    text.finish();
    if (text.stopped() && stats.finish != FinishReason::Cancelled) {
        stats.finish = FinishReason::StopString; // matched in the detokenizer's last bytes
    }
    const Clock::time_point end = Clock::now();
    if (stats.completion_tokens > 0) {
        const double seconds = ms_between(first_token, end) / 1e3;
        stats.tokens_per_second = stats.completion_tokens > 1 && seconds > 0
                                      ? (stats.completion_tokens - 1) / seconds
                                      : 0;
        stats.thinking_ms = text.thinking_ms(first_token, end);
    }
    stats.context_used = int(session_.n_past());
    return stats;
}

} // namespace hearth
