#include "pipeline_fixtures.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numeric>

namespace hearth::test {

int& failures() {
    static int count = 0;
    return count;
}

void report_failure(const char* file, int line, const std::string& what) {
    ++failures();
    std::fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what.c_str());
}

std::string show(const std::string& s) {
    return "\"" + s + "\"";
}

std::string show(std::string_view s) {
    return show(std::string(s));
}

int run_cases(int argc, char** argv, const std::vector<Case>& cases) {
    int ran = 0;
    for (const Case& c : cases) {
        bool wanted = argc < 2;
        for (int i = 1; i < argc; ++i) {
            wanted = wanted || std::strcmp(argv[i], c.name) == 0;
        }
        if (!wanted) {
            continue;
        }
        const int before = failures();
        c.run();
        ++ran;
        std::printf("%s %s\n", failures() == before ? "PASS" : "FAIL", c.name);
    }
    if (ran == 0) {
        std::fprintf(stderr, "no such case\n");
        return 1;
    }
    std::printf("%d cases, %d failed checks\n", ran, failures());
    return failures() == 0 ? 0 : 1;
}

size_t Calls::evaluated() const {
    return std::accumulate(batches.begin(), batches.end(), size_t(0));
}

Result<std::span<const float>> RecordingSession::eval(Token token) {
    calls_.singles.push_back(token);
    return inner_->eval(token);
}

Result<std::span<const float>> RecordingSession::eval_batch(std::span<const Token> tokens) {
    calls_.batches.push_back(tokens.size());
    Result<std::span<const float>> r = inner_->eval_batch(tokens);
    if (calls_.on_batch) {
        calls_.on_batch();
    }
    return r;
}

std::string tiny_model(const char* file) {
    const std::string path = std::string(HEARTH_MODELS_DIR "/tiny/") + file;
    return std::filesystem::exists(path) ? path : std::string();
}

std::unique_ptr<Loaded> load(const std::string& path, uint32_t n_ctx, unsigned threads) {
    auto loaded = std::make_unique<Loaded>();
    Result<std::unique_ptr<Model>> model = Model::load(path);
    if (!model) {
        report_failure(__FILE__, __LINE__, model.error().message);
        return nullptr;
    }
    loaded->model = std::move(*model);
    SessionOptions options;
    options.backend = "cpu";
    options.n_ctx = std::min(n_ctx, loaded->model->config.n_ctx_train);
    options.threads = threads;
    Result<std::unique_ptr<Session>> session = create_session(*loaded->model, options);
    if (!session) {
        report_failure(__FILE__, __LINE__, session.error().message);
        return nullptr;
    }
    loaded->session = std::make_unique<RecordingSession>(std::move(*session), loaded->calls);
    Result<std::unique_ptr<GenerationPipeline>> pipeline =
        GenerationPipeline::create(*loaded->session, *loaded->model);
    if (!pipeline) {
        report_failure(__FILE__, __LINE__, pipeline.error().message);
        return nullptr;
    }
    loaded->pipeline = std::move(*pipeline);
    return loaded;
}

GenerationEvents recording_events(Streamed& out, std::function<void(int)> after_token) {
    GenerationEvents e;
    e.prompt = [&out](const PromptInfo& p) {
        ++out.prompt_calls;
        out.prompt_text = std::string(p.text);
        out.prompt_tokens.assign(p.tokens.begin(), p.tokens.end());
    };
    e.started = [&out](int prompt_tokens, int dropped) {
        ++out.started_calls;
        out.started_prompt_tokens = prompt_tokens;
        out.started_dropped = dropped;
    };
    e.delta = [&out](std::string_view answer, std::string_view reasoning) {
        out.delta_before_started = out.delta_before_started || out.started_calls == 0;
        out.answer += answer;
        out.reasoning += reasoning;
        out.answer_pieces.emplace_back(answer);
    };
    e.token = [&out, after = std::move(after_token)](int completion_tokens, double) {
        ++out.token_calls;
        if (after) {
            after(completion_tokens);
        }
    };
    return e;
}

GenerationRequest greedy_chat(std::vector<ChatMessage> messages, int max_tokens) {
    GenerationRequest r;
    r.messages = std::move(messages);
    r.sampling.temperature = 0.0f;
    r.max_tokens = max_tokens;
    return r;
}

} // namespace hearth::test
