// hearth-cli: the engine without the GUI. Chats through the model's chat template (see
// cli/chat.h), completes a raw prompt (--raw; greedy and deterministic with --temp 0),
// describes a model (--info) or prints token ids (--tokenize). Generated text goes to stdout
// as it is generated; statistics go to stderr.
#include "cli/chat.h"
#include "cli/cli_options.h"
#include "cli/model_info.h"
#include "eval/perplexity.h"
#include "gguf/split.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "session.h"
#include "text/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace hearth;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "hearth-cli: %s\n", message.c_str());
    return 1;
}

SamplingParams sampling_for(const cli::Options& o, const gguf::File& file) {
    SamplingParams p = apply_overrides(sampling_from_gguf(file), o.sampling);
    p.seed = o.seed.value_or(0);
    return p;
}

int tokenize(const cli::Options& o, const gguf::File& file) {
    Result<Tokenizer> tokenizer = Tokenizer::load(file);
    if (!tokenizer) {
        return fail(tokenizer.error().message);
    }
    const std::vector<Token> ids =
        tokenizer->encode(o.text, tokenizer->add_bos_by_default(), false);
    std::string line;
    for (Token id : ids) {
        line += (line.empty() ? "" : " ") + std::to_string(id);
    }
    std::printf("%s\n", line.c_str());
    return 0;
}

int measure_perplexity(const cli::Options& o, const Model& model) {
    std::ifstream in(o.text, std::ios::binary);
    if (!in) {
        return fail("cannot read " + o.text);
    }
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    Result<Tokenizer> tokenizer = Tokenizer::load(model.file);
    if (!tokenizer) {
        return fail(tokenizer.error().message);
    }
    const bool bos = tokenizer->add_bos_by_default();
    const std::vector<Token> tokens = tokenizer->encode(text, bos, false);
    const uint32_t n_ctx = o.n_ctx ? o.n_ctx : 512;
    Result<PerplexityResult> r = perplexity(model, tokens, n_ctx, bos ? tokenizer->bos() : -1,
                                            {o.backend, n_ctx, o.threads});
    if (!r) {
        return fail(r.error().message);
    }
    for (size_t i = 0; i < r->running.size(); ++i) {
        std::printf("[%zu] %.4f\n", i + 1, r->running[i]);
    }
    std::printf("perplexity: %.4f over %zu chunks of %u tokens (%zu scored)\n", r->perplexity,
                r->chunks, n_ctx, r->scored_tokens);
    return 0;
}

int complete(const cli::Options& o, const Model& model) {
    using Clock = std::chrono::steady_clock;
    Result<Tokenizer> tokenizer = Tokenizer::load(model.file);
    if (!tokenizer) {
        return fail(tokenizer.error().message);
    }
    const std::vector<Token> prompt =
        tokenizer->encode(o.text, tokenizer->add_bos_by_default(), false);
    if (prompt.empty()) {
        return fail("the prompt has no tokens");
    }
    const uint32_t n_ctx = o.n_ctx ? o.n_ctx : std::min(model.config.n_ctx_train, 4096u);
    if (prompt.size() + size_t(o.n_predict) > n_ctx) {
        return fail("prompt (" + std::to_string(prompt.size()) + " tokens) and " +
                    std::to_string(o.n_predict) + " new tokens do not fit a context of " +
                    std::to_string(n_ctx));
    }
    std::string fallback;
    Result<std::unique_ptr<Session>> session =
        create_session(model, cli::session_options(o, n_ctx), &fallback);
    if (!session) {
        return fail(session.error().message);
    }
    if (!fallback.empty()) {
        std::fprintf(stderr, "hearth-cli: using the CPU: %s\n", fallback.c_str());
    }
    Sampler sampler(sampling_for(o, model.file));

    const auto start = Clock::now();
    Result<std::span<const float>> evaluated = (*session)->eval_batch(prompt);
    if (!evaluated) {
        return fail(evaluated.error().message);
    }
    std::span<const float> logits = *evaluated;
    for (Token t : prompt) {
        sampler.accept(t);
    }
    const auto prompt_done = Clock::now();

    StreamingDetokenizer detokenizer(*tokenizer);
    int generated = 0;
    while (generated < o.n_predict) {
        const Token next = sampler.sample(logits);
        if (tokenizer->is_end_of_generation(next)) {
            break;
        }
        ++generated;
        sampler.accept(next);
        std::fputs(detokenizer.push(next).c_str(), stdout);
        std::fflush(stdout);
        if (generated == o.n_predict) {
            break;
        }
        Result<std::span<const float>> r = (*session)->eval(next);
        if (!r) {
            return fail(r.error().message);
        }
        logits = *r;
    }
    std::fputs(detokenizer.flush().c_str(), stdout);
    std::printf("\n");
    const auto end = Clock::now();

    const double prompt_s = std::chrono::duration<double>(prompt_done - start).count();
    const double gen_s = std::chrono::duration<double>(end - prompt_done).count();
    std::fprintf(stderr,
                 "prompt tokens: %zu, generated tokens: %d, prompt: %.1f tokens/s, "
                 "generation: %.1f tokens/s (%s)\n",
                 prompt.size(), generated, double(prompt.size()) / prompt_s,
                 generated > 1 ? double(generated - 1) / gen_s : 0.0,
                 (*session)->backend_name().c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Result<cli::Options> options = cli::parse_options({argv + 1, argv + argc});
    if (!options) {
        std::fprintf(stderr, "hearth-cli: %s\n%s", options.error().message.c_str(),
                     cli::usage().c_str());
        return 2;
    }
    if (options->help) {
        std::printf("%s", cli::usage().c_str());
        return 0;
    }
    if (Result<void> r = cli::read_prompt_file(*options); !r) {
        return fail(r.error().message);
    }
    Result<gguf::File> file = gguf::open_model(options->model);
    if (!file) {
        return fail(file.error().message);
    }
    switch (options->mode) {
    case cli::Mode::Info:
        std::printf("%s%s", cli::describe_model(*file).c_str(), cli::describe_cpu().c_str());
        return 0;
    case cli::Mode::Tokenize:
        return tokenize(*options, *file);
    case cli::Mode::Chat:
    case cli::Mode::Complete:
    case cli::Mode::Perplexity:
        break;
    }
    Result<std::unique_ptr<Model>> model = Model::from_file(std::move(file.value()));
    if (!model) {
        return fail(model.error().message);
    }
    switch (options->mode) {
    case cli::Mode::Perplexity:
        return measure_perplexity(*options, **model);
    case cli::Mode::Chat:
        return cli::run_chat(*options, **model, sampling_for(*options, (*model)->file));
    default:
        return complete(*options, **model);
    }
}
