// The generation pipeline with the real engine and the shared tiny models, without Qt:
// stop strings (split across tokens, never emitted), context overflow (needed/available),
// leaving out the oldest turns, cancellation (from the events, from another thread in the
// middle of the prefill), KV-prefix reuse between calls (evaluated tokens counted at the
// session) and the stats.
#include "generation/stop_strings.h"
#include "pipeline_fixtures.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace hearth;
using namespace hearth::test;

namespace {

std::string qwen3() {
    return tiny_model("tiny-qwen3-Q8_0.gguf");
}

std::vector<Token> render_tokens(const GenerationPipeline& p, std::vector<ChatMessage> messages) {
    const RenderedChat chat = p.chat_template().render(messages, {});
    return p.tokenizer().encode(chat.text, p.tokenizer().add_bos_by_default(), true);
}

std::string repeat(std::string_view word, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
        s += word;
    }
    return s;
}

// The filter alone: pieces in, certain text out.
void stopFilterHoldsBackAcrossPieces() {
    StopStringFilter f({"STOP", "", "xyz"});
    CHECK_EQ(f.push("Hello S"), std::string("Hello "));
    CHECK_EQ(f.push("T"), std::string());
    CHECK_EQ(f.push("x"), std::string("ST")); // not STOP after all; "x" may begin "xyz"
    CHECK_EQ(f.push("y and ST"), std::string("xy and "));
    CHECK_EQ(f.push("OP after"), std::string());
    CHECK(f.stopped());
    CHECK_EQ(f.matched(), std::string("STOP"));
    CHECK_EQ(f.push("more"), std::string());
    CHECK_EQ(f.finish(), std::string());

    StopStringFilter g({"\xE2\x9C\x93!"}); // "✓!": held back, then given out whole
    CHECK_EQ(g.push("ok \xE2\x9C\x93"), std::string("ok "));
    CHECK_EQ(g.push("?"), std::string("\xE2\x9C\x93?"));
    CHECK_EQ(g.push("\xE2\x9C\x93"), std::string());
    CHECK_EQ(g.finish(), std::string("\xE2\x9C\x93"));
    CHECK(!g.stopped());

    StopStringFilter none({});
    CHECK_EQ(none.push("a"), std::string("a"));
}

// A raw completion streamed token by token; then the same with a stop string made of the end
// of one token's text and the start of the next: the text ends before it, it is never
// emitted, and the finish reason says so.
void stopStringSplitAcrossTokens() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    GenerationRequest request;
    request.raw_prompt = true;
    request.prompt = "Once upon a time there was";
    request.sampling.temperature = 0;
    request.max_tokens = 40;
    std::vector<std::string> pieces; // the text of each token
    GenerationEvents events;
    events.delta = [&](std::string_view answer, std::string_view) { pieces.back() += answer; };
    events.token = [&](int, double) { pieces.emplace_back(); };
    pieces.emplace_back();
    const std::atomic<bool> no{false};
    GenerationResult full = m->pipeline->run(request, events, no);
    CHECK(full.ok());
    std::string text;
    for (const std::string& p : pieces) {
        text += p;
    }
    // The first token boundary with text on both sides.
    std::string stop;
    for (size_t i = 0; i + 1 < pieces.size() && stop.empty(); ++i) {
        if (!pieces[i].empty() && !pieces[i + 1].empty()) {
            size_t last = pieces[i].size() - 1;
            while (last > 0 && (static_cast<unsigned char>(pieces[i][last]) & 0xC0) == 0x80) {
                --last;
            }
            size_t first = 1;
            while (first < pieces[i + 1].size() &&
                   (static_cast<unsigned char>(pieces[i + 1][first]) & 0xC0) == 0x80) {
                ++first;
            }
            stop = pieces[i].substr(last) + pieces[i + 1].substr(0, first);
        }
    }
    CHECK(!stop.empty());
    const std::string expected = text.substr(0, text.find(stop));

    request.stop = {stop};
    m->pipeline->forget_cache(); // the same evaluation as the first run, bit for bit
    Streamed out;
    GenerationResult cut = m->pipeline->run(request, recording_events(out), no);
    CHECK(cut.ok());
    CHECK_EQ(out.answer, expected);
    CHECK(out.answer.find(stop) == std::string::npos);
    CHECK(cut.ok() && cut->finish == FinishReason::StopString);
    CHECK_EQ(finish_reason_name(FinishReason::StopString), std::string_view("stop_string"));

    // A stop string that starts at the text's end but never completes: everything comes out.
    size_t last = text.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) {
        --last;
    }
    request.stop = {text.substr(last) + "\x01"};
    m->pipeline->forget_cache();
    Streamed whole;
    GenerationResult all = m->pipeline->run(request, recording_events(whole), no);
    CHECK_EQ(whole.answer, text);
    CHECK(all.ok() && all->finish == full->finish);
}

// Too long: a typed error with the tokens needed (prompt + room to answer) and available;
// nothing was evaluated. Chat and raw prompts alike; an empty raw prompt is its own error.
void overflowReportsNeededAndAvailable() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    const std::vector<ChatMessage> messages = {{"user", repeat("word ", 300), ""}};
    Streamed out;
    const std::atomic<bool> no{false};
    GenerationResult r = m->pipeline->run(greedy_chat(messages, 16), recording_events(out), no);
    CHECK(!r.ok());
    if (!r.ok()) {
        CHECK(r.error().kind == GenerationErrorKind::ContextOverflow);
        CHECK_EQ(r.error().needed, int(render_tokens(*m->pipeline, messages).size()) + 16);
        CHECK_EQ(r.error().available, 256);
        CHECK(r.error().message.find("do not fit a context of 256") != std::string::npos);
    }
    CHECK_EQ(out.started_calls, 0);
    CHECK(m->calls.batches.empty());

    GenerationRequest raw;
    raw.raw_prompt = true;
    raw.prompt = repeat("word ", 300);
    raw.max_tokens = 500; // the reserve: at most a quarter of the context
    GenerationResult rr = m->pipeline->run(raw, {}, no);
    CHECK(!rr.ok() && rr.error().kind == GenerationErrorKind::ContextOverflow);
    if (!rr.ok()) {
        const Tokenizer& t = m->pipeline->tokenizer();
        const auto tokens = t.encode(raw.prompt, t.add_bos_by_default(), false);
        CHECK_EQ(rr.error().needed, int(tokens.size()) + 64);
    }
    raw.prompt.clear();
    GenerationResult empty = m->pipeline->run(raw, {}, no);
    CHECK(!empty.ok() && empty.error().kind == GenerationErrorKind::EmptyPrompt);
}

// drop_oldest leaves out the oldest user turn and its answer, never the system message or
// the last message; a last message that alone is too long is still an overflow.
void dropOldestKeepsSystemAndLastMessage() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    const std::string long_text = repeat("word ", 300);
    GenerationRequest request = greedy_chat({{"system", "Be brief.", ""},
                                             {"user", long_text, ""},
                                             {"assistant", "Many words.", ""},
                                             {"user", "Hello?", ""}},
                                            8);
    request.drop_oldest = true;
    Streamed out;
    const std::atomic<bool> no{false};
    GenerationResult r = m->pipeline->run(request, recording_events(out), no);
    CHECK(r.ok());
    CHECK(r.ok() && r->dropped_messages == 2);
    CHECK_EQ(out.started_dropped, 2);
    const std::vector<ChatMessage> kept = {{"system", "Be brief.", ""}, {"user", "Hello?", ""}};
    CHECK_EQ(out.prompt_text, m->pipeline->chat_template().render(kept, {}).text);
    CHECK(out.prompt_tokens == render_tokens(*m->pipeline, kept));

    request.messages = {{"system", "Be brief.", ""}, {"user", long_text, ""}};
    GenerationResult alone = m->pipeline->run(request, {}, no);
    CHECK(!alone.ok() && alone.error().kind == GenerationErrorKind::ContextOverflow);
}

// A prompt of several batches: cancelled from the started event, nothing is evaluated; from
// another thread while the first batch runs, the prefill ends after that batch; from a delta
// during the answer, no further token is generated.
void cancellationStopsWithinOneBatch() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    const GenerationRequest request =
        greedy_chat({{"user", "Count: " + repeat("one two three ", 50), ""}}, 8);
    std::atomic<bool> cancel{false};
    Streamed out;
    GenerationEvents events = recording_events(out);
    events.started = [&](int, int) { cancel = true; };
    GenerationResult r = m->pipeline->run(request, events, cancel);
    CHECK(r.ok() && r->finish == FinishReason::Cancelled);
    CHECK(r.ok() && r->prompt_tokens > int(2 * m->pipeline->session().prompt_batch()));
    CHECK(m->calls.batches.empty());
    CHECK(r.ok() && r->completion_tokens == 0);

    // Another thread sets the flag while the first batch is evaluated (the session waits
    // until it has, so the timing is fixed).
    cancel = false;
    m->calls.batches.clear();
    std::mutex mutex;
    std::condition_variable wake;
    bool first_batch = false;
    std::thread canceller([&] {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return first_batch; });
        cancel = true;
    });
    m->calls.on_batch = [&] {
        {
            std::lock_guard lock(mutex);
            first_batch = true;
        }
        wake.notify_one();
        while (!cancel.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    };
    Streamed out2;
    GenerationResult r2 = m->pipeline->run(request, recording_events(out2), cancel);
    canceller.join();
    m->calls.on_batch = {};
    CHECK_EQ(m->calls.batches.size(), size_t(1));
    CHECK(r2.ok() && r2->finish == FinishReason::Cancelled);
    CHECK(r2.ok() && r2->context_used == int(m->pipeline->session().prompt_batch()));
    CHECK_EQ(out2.token_calls, 0);

    // The next run resumes from the kept batch: the cache stayed consistent.
    cancel = false;
    m->calls.batches.clear();
    Streamed out3;
    GenerationResult r3 = m->pipeline->run(request,
                                           recording_events(out3,
                                                            [&](int n) {
                                                                if (n == 3) {
                                                                    cancel = true;
                                                                }
                                                            }),
                                           cancel);
    CHECK(r3.ok() && r3->reused_tokens == int(m->pipeline->session().prompt_batch()));
    CHECK(r3.ok() && r3->finish == FinishReason::Cancelled);
    CHECK(r3.ok() && r3->completion_tokens == 3);
}

// The second call with a longer conversation evaluates only what follows the common prefix
// of the two prompts; the same conversation again evaluates one token.
void secondCallReusesTheKvPrefix() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    const std::atomic<bool> no{false};
    std::vector<ChatMessage> messages = {{"system", "Be brief.", ""}, {"user", "Hello there!", ""}};
    Streamed first;
    GenerationResult r1 = m->pipeline->run(greedy_chat(messages, 6), recording_events(first), no);
    CHECK(r1.ok() && r1->reused_tokens == 0);
    CHECK_EQ(m->calls.evaluated(), first.prompt_tokens.size());

    messages.push_back({"assistant", first.answer, first.reasoning});
    messages.push_back({"user", "And again?", ""});
    const std::vector<Token> prompt1 = first.prompt_tokens;
    const std::vector<Token> prompt2 = render_tokens(*m->pipeline, messages);
    const size_t common =
        size_t(std::mismatch(prompt1.begin(), prompt1.end(), prompt2.begin(), prompt2.end()).first -
               prompt1.begin());
    m->calls.batches.clear();
    Streamed second;
    GenerationResult r2 = m->pipeline->run(greedy_chat(messages, 6), recording_events(second), no);
    CHECK(r2.ok());
    if (r2.ok()) {
        CHECK(second.prompt_tokens == prompt2);
        CHECK(r2->reused_tokens >= int(common));
        CHECK(r2->reused_tokens > 0);
        CHECK_EQ(m->calls.evaluated(), size_t(r2->prompt_tokens - r2->reused_tokens));
    }

    m->calls.batches.clear();
    GenerationResult r3 = m->pipeline->run(greedy_chat(messages, 6), {}, no);
    CHECK(r3.ok() && r3->reused_tokens == r3->prompt_tokens - 1);
    CHECK_EQ(m->calls.evaluated(), size_t(1));
}

// The stats against what the session and the events saw.
void statsMatchWhatHappened() {
    auto m = load(qwen3());
    if (!m) {
        return;
    }
    GenerationRequest request = greedy_chat({{"user", "Tell me a story.", ""}}, 12);
    request.enable_thinking = false; // the prompt closes the think block: all answer
    Streamed out;
    const std::atomic<bool> no{false};
    GenerationResult r = m->pipeline->run(request, recording_events(out), no);
    CHECK(r.ok());
    if (!r.ok()) {
        return;
    }
    const GenerationStats& s = *r;
    CHECK_EQ(s.prompt_tokens, int(out.prompt_tokens.size()));
    CHECK_EQ(out.started_prompt_tokens, s.prompt_tokens);
    CHECK_EQ(out.prompt_calls, 1);
    CHECK_EQ(out.started_calls, 1);
    CHECK(!out.delta_before_started);
    CHECK_EQ(s.completion_tokens, out.token_calls);
    CHECK_EQ(s.reused_tokens, 0);
    CHECK_EQ(s.dropped_messages, 0);
    CHECK(s.completion_tokens > 0 && s.completion_tokens <= 12);
    CHECK(s.finish == FinishReason::Length || s.finish == FinishReason::EndOfTurn);
    // Evaluated: the prompt in batches, then every generated token one at a time.
    CHECK_EQ(int(m->calls.singles.size()), s.completion_tokens);
    CHECK_EQ(m->calls.evaluated(), size_t(s.prompt_tokens));
    // In pieces of the session's prompt batch, each full but the last.
    const size_t piece = m->pipeline->session().prompt_batch();
    CHECK_EQ(m->calls.batches.size(), (size_t(s.prompt_tokens) + piece - 1) / piece);
    for (size_t i = 0; i + 1 < m->calls.batches.size(); ++i) {
        CHECK_EQ(m->calls.batches[i], piece);
    }
    CHECK_EQ(s.context_used, s.prompt_tokens + s.completion_tokens);
    CHECK(s.prompt_ms > 0);
    CHECK(s.time_to_first_token_ms >= s.prompt_ms);
    CHECK(s.completion_tokens < 2 || s.tokens_per_second > 0);
    CHECK(out.reasoning.empty());
    CHECK_EQ(s.thinking_ms, 0.0);
    std::printf("stats: prompt %d, completion %d, prompt %.2f ms, first token %.2f ms, %.1f "
                "tokens/s\n",
                s.prompt_tokens, s.completion_tokens, s.prompt_ms, s.time_to_first_token_ms,
                s.tokens_per_second);
}

} // namespace

int main(int argc, char** argv) {
    if (qwen3().empty()) {
        std::printf("SKIP: the tiny models are not in " HEARTH_MODELS_DIR "\n");
        return 77;
    }
    return run_cases(argc, argv,
                     {{"stopFilterHoldsBackAcrossPieces", stopFilterHoldsBackAcrossPieces},
                      {"stopStringSplitAcrossTokens", stopStringSplitAcrossTokens},
                      {"overflowReportsNeededAndAvailable", overflowReportsNeededAndAvailable},
                      {"dropOldestKeepsSystemAndLastMessage", dropOldestKeepsSystemAndLastMessage},
                      {"cancellationStopsWithinOneBatch", cancellationStopsWithinOneBatch},
                      {"secondCallReusesTheKvPrefix", secondCallReusesTheKvPrefix},
                      {"statsMatchWhatHappened", statsMatchWhatHappened}});
}
