// Shared pieces of the generation pipeline's tests, which run without Qt: a small check
// harness (CHECK macros, named cases, exit code 77 when the shared models are missing), the
// real tiny models loaded on the CPU backend, and a session wrapper that records how the
// pipeline drives the real session (it only counts and forwards; the engine does the work).
#pragma once

#include "generation/generation_pipeline.h"
#include "model/model.h"
#include "session.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hearth::test {

// Failed checks so far; CHECK prints each with its place.
int& failures();
void report_failure(const char* file, int line, const std::string& what);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ::hearth::test::report_failure(__FILE__, __LINE__, #cond);                             \
        }                                                                                          \
    } while (0)
// Checks a == b and prints both when they differ (values printable with std::to_string or as
// strings).
#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        const auto& check_a = (a);                                                                 \
        const auto& check_b = (b);                                                                 \
        if (!(check_a == check_b)) {                                                               \
            ::hearth::test::report_failure(__FILE__, __LINE__,                                     \
                                           std::string(#a " == " #b ": ") +                        \
                                               ::hearth::test::show(check_a) + " vs " +            \
                                               ::hearth::test::show(check_b));                     \
        }                                                                                          \
    } while (0)

std::string show(const std::string& s);
std::string show(std::string_view s);
template <class T> std::string show(const T& v) {
    return std::to_string(v);
}

struct Case {
    const char* name;
    std::function<void()> run;
};
// Runs the cases named on the command line (all without arguments); 0 when every check held.
int run_cases(int argc, char** argv, const std::vector<Case>& cases);

// How the pipeline drove the session: the size of each prompt batch and every token given to
// eval() (the generated tokens that were evaluated). `on_batch`, when set, runs inside each
// eval_batch() call after the batch was evaluated.
struct Calls {
    std::vector<size_t> batches;
    std::vector<Token> singles;
    std::function<void()> on_batch;
    size_t evaluated() const; // tokens in all batches
};

class RecordingSession : public Session {
public:
    RecordingSession(std::unique_ptr<Session> inner, Calls& calls)
        : inner_(std::move(inner)), calls_(calls) {}

    Result<std::span<const float>> eval(Token token) override;
    Result<std::span<const float>> eval_batch(std::span<const Token> tokens) override;
    uint32_t n_past() const override { return inner_->n_past(); }
    uint32_t n_ctx() const override { return inner_->n_ctx(); }
    void truncate(uint32_t n) override { inner_->truncate(n); }
    BackendDescription backend_description() const override {
        return inner_->backend_description();
    }
    uint32_t prompt_batch() const override { return inner_->prompt_batch(); }

private:
    std::unique_ptr<Session> inner_;
    Calls& calls_;
};

// A model, its recorded CPU session and a pipeline on it.
struct Loaded {
    std::unique_ptr<Model> model;
    Calls calls;
    std::unique_ptr<Session> session;
    std::unique_ptr<GenerationPipeline> pipeline;
};

// The file in the shared tiny models folder, or "" (and a note) when it is missing.
std::string tiny_model(const char* file);
// Loads `path` on the fast CPU backend with a context of `n_ctx` (capped by the model's).
std::unique_ptr<Loaded> load(const std::string& path, uint32_t n_ctx = 256, unsigned threads = 2);

// Everything one run streamed, with the events' order.
struct Streamed {
    std::string answer, reasoning;
    std::vector<std::string> answer_pieces; // one per delta call
    int started_calls = 0, prompt_calls = 0, token_calls = 0;
    int started_prompt_tokens = -1, started_dropped = -1;
    std::string prompt_text;
    std::vector<Token> prompt_tokens;
    bool delta_before_started = false;
};
// Events that fill `out`; `after_token`, when set, runs after each token event.
GenerationEvents recording_events(Streamed& out, std::function<void(int)> after_token = {});

GenerationRequest greedy_chat(std::vector<ChatMessage> messages, int max_tokens);

} // namespace hearth::test
