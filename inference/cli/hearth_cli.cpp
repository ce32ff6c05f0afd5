// hearth-cli: the engine without the GUI. Chats through the model's chat template (see
// cli/chat.h), completes a raw prompt (--raw; greedy and deterministic with --temp 0),
// describes a model (--info) or prints token ids (--tokenize). Generated text goes to stdout
// as it is generated; statistics go to stderr.
#include "cli/chat.h"
#include "cli/cli_options.h"
#include "cli/model_info.h"
#include "eval/perplexity.h"
#include "generation/generation_pipeline.h"
#include "gguf/split.h"
#include "model/model.h"
#include "sampling/sampler.h"
#include "session.h"
#include "text/tokenizer.h"

#include <algorithm>
#include <atomic>
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
                                            cli::session_options(o, n_ctx));
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

// --raw: the prompt as is, through the same pipeline as the chat (no template, all answer).
int complete(const cli::Options& o, const Model& model) {
    const uint32_t n_ctx = o.n_ctx ? o.n_ctx : std::min(model.config.n_ctx_train, 4096u);
    std::string fallback;
    Result<std::unique_ptr<Session>> session =
        create_session(model, cli::session_options(o, n_ctx), &fallback);
    if (!session) {
        return fail(session.error().message);
    }
    if (!fallback.empty()) {
        std::fprintf(stderr, "hearth-cli: using the CPU: %s\n", fallback.c_str());
    }
    Result<std::unique_ptr<GenerationPipeline>> pipeline =
        GenerationPipeline::create(**session, model);
    if (!pipeline) {
        return fail(pipeline.error().message);
    }
    GenerationRequest request;
    request.raw_prompt = true;
    request.prompt = o.text;
    request.sampling = sampling_for(o, model.file);
    request.max_tokens = o.n_predict;
    request.reserve_tokens = o.n_predict;
    GenerationEvents events;
    events.delta = [](std::string_view answer, std::string_view) {
        std::fwrite(answer.data(), 1, answer.size(), stdout);
        std::fflush(stdout);
    };
    const std::atomic<bool> never{false};
    const GenerationResult result = (*pipeline)->run(request, events, never);
    if (!result) {
        return fail(result.error().message);
    }
    std::printf("\n");
    const GenerationStats& s = *result;
    std::fprintf(stderr,
                 "prompt tokens: %d, generated tokens: %d, prompt: %.1f tokens/s, "
                 "generation: %.1f tokens/s (%s)\n",
                 s.prompt_tokens, s.completion_tokens,
                 double(s.prompt_tokens - s.reused_tokens) / std::max(s.prompt_ms / 1e3, 1e-9),
                 s.tokens_per_second, (*session)->backend_name().c_str());
    if (const std::string details = (*session)->backend_details(); !details.empty()) {
        std::fprintf(stderr, "backend: %s\n", details.c_str());
    }
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
