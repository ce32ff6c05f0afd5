#include "generator.h"

#include "backend_choice.h"
#include "model/model.h"
#include "session.h"
#include "text/tokenizer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <map>

struct Generator::Loaded {
    std::unique_ptr<hearth::Model> model;
    std::unique_ptr<hearth::Session> session;
    std::unique_ptr<hearth::Tokenizer> tokenizer;
    hearth::ChatTemplate chat;
    std::vector<hearth::Token> cached; // the tokens whose KV entries the session holds
};

namespace {

constexpr qint64 kBatchMs = 33; // at most ~30 text updates a second

QString most_common_matrix_type(const hearth::gguf::File& file) {
    std::map<std::string_view, int> counts;
    for (const hearth::gguf::TensorInfo& t : file.tensors()) {
        if (t.n_dims >= 2) {
            ++counts[hearth::type_name(t.type)];
        }
    }
    auto best = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    return best == counts.end() ? QString() : QString::fromUtf8(best->first);
}

// What a tool call of the model (harmony's commentary channel) leaves in the answer: Hearth
// runs no tools, but the reader should see that the model tried. In the user's language
// at the time of the answer (it is stored with it).
std::string toolNote(std::string_view tool) {
    const QString note =
        tool.empty() ? Generator::tr("*The model wrote a message for tools. Hearth does not run "
                                     "tools.*")
                     : Generator::tr("*The model tried to use the tool “%1”. Hearth does not run "
                                     "tools.*")
                           .arg(QString::fromUtf8(tool.data(), qsizetype(tool.size())));
    return note.toStdString();
}

} // namespace

Generator::Generator(QObject* parent) : QObject(parent) {
    qRegisterMetaType<GenerationRequest>();
    qRegisterMetaType<ModelInfo>();
    qRegisterMetaType<GenerationStats>();
}

Generator::~Generator() = default;

void Generator::loadModel(const QString& path, const QString& backend, int context_length,
                          const QString& pipelineCache, const QString& probeCache, int threads) {
    loaded_.reset(); // free the old model's memory before mapping the new one
    auto fail = [&](const std::string& error) {
        emit modelFailed(path, QString::fromStdString(error));
    };
    auto model = hearth::Model::load(path.toStdString());
    if (!model) {
        return fail(model.error().message);
    }
    auto tokenizer = hearth::Tokenizer::load((*model)->file);
    if (!tokenizer) {
        return fail(tokenizer.error().message);
    }
    const uint32_t n_ctx =
        std::min<uint32_t>(uint32_t(std::max(context_length, 256)), (*model)->config.n_ctx_train);
    hearth::SessionOptions options;
    options.backend = backend.toStdString();
    options.n_ctx = n_ctx;
    options.pipeline_cache = pipelineCache.toStdString();
    options.probe_cache = probeCache.toStdString();
    options.threads = unsigned(std::max(threads, 0));
    int last_percent = -1;
    options.load_progress = [&](uint64_t done, uint64_t total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent != last_percent) { // at most 101 signals per load
            last_percent = percent;
            emit loadProgress(path, percent / 100.0);
        }
    };
    std::string fallback;
    hearth::BackendChoice choice;
    auto session = sessionFactory_ ? sessionFactory_(**model, options, &fallback, &choice)
                                   : hearth::create_session(**model, options, &fallback, &choice);
    if (!session) {
        return fail(session.error().message);
    }
    auto loaded = std::make_unique<Loaded>();
    loaded->chat = hearth::ChatTemplate::from_gguf((*model)->file, *tokenizer);
    loaded->tokenizer = std::make_unique<hearth::Tokenizer>(std::move(tokenizer.value()));
    loaded->session = std::move(session.value());
    loaded->model = std::move(model.value());

    ModelInfo info;
    info.path = path;
    const hearth::gguf::Value* name = loaded->model->file.find("general.name");
    info.name = name && name->as_string() ? QString::fromUtf8(name->as_string()->data(),
                                                              qsizetype(name->as_string()->size()))
                                          : QFileInfo(path).completeBaseName();
    info.architecture = QString::fromStdString(loaded->model->config.architecture);
    info.quant = most_common_matrix_type(loaded->model->file);
    info.backend = loaded->session->backend_description();
    if (choice.candidates.size() > 1) {
        fallback.clear(); // the measurements say why, in the user's language
        info.measurements = choice.candidates;
    }
    info.fallback = QString::fromStdString(fallback);
    info.chat_format = QString::fromUtf8(hearth::chat_format_name(loaded->chat.format()));
    info.thinking_budget = loaded->chat.takes_thinking_budget();
    info.reasoning_effort = loaded->chat.takes_reasoning_effort();
    info.context_length = int(loaded->session->n_ctx());
    info.trained_context = int(loaded->model->config.n_ctx_train);
    info.sampling = hearth::sampling_from_gguf(loaded->model->file);
    loaded_ = std::move(loaded);
    emit modelLoaded(info);
}

void Generator::unloadModel() {
    loaded_.reset();
}

// The rendered, tokenized prompt, with the oldest turns left out when asked to make it fit.
struct Generator::Prompt {
    hearth::RenderedChat rendered;
    std::vector<hearth::Token> tokens;
    int dropped = 0;
    bool fits = false;
    int needed = 0; // prompt tokens plus room to answer
};

Generator::Prompt Generator::fitPrompt(const GenerationRequest& request) const {
    const Loaded& m = *loaded_;
    const int n_ctx = int(m.session->n_ctx());
    // Room to answer: the token limit, but at most a quarter of the context.
    const int room = std::clamp(request.max_tokens, 1, std::max(1, n_ctx / 4));
    hearth::ChatRenderOptions options;
    options.enable_thinking = request.enable_thinking;
    options.thinking_budget = request.thinking_budget;
    options.reasoning_effort = request.reasoning_effort;
    options.cancel = &stop_; // Stop (and quitting) ends a slow template at once
    std::vector<hearth::ChatMessage> messages = request.messages;
    const size_t first = !messages.empty() && messages.front().role == "system" ? 1 : 0;
    Prompt p;
    for (;;) {
        p.rendered = m.chat.render(messages, options);
        if (p.rendered.cancelled) {
            return p;
        }
        p.tokens = m.tokenizer->encode(p.rendered.text, m.tokenizer->add_bos_by_default(), true);
        p.needed = int(p.tokens.size()) + room;
        p.fits = !p.tokens.empty() && p.needed <= n_ctx;
        if (p.fits || !request.drop_oldest || messages.size() <= first + 1) {
            return p;
        }
        // Drop the oldest turn: a user message with the answers after it, so the kept
        // conversation still starts with the user (templates expect that).
        size_t end = first + 1;
        while (end + 1 < messages.size() && messages[end].role != "user") {
            ++end;
        }
        p.dropped += int(end - first);
        messages.erase(messages.begin() + qsizetype(first), messages.begin() + qsizetype(end));
    }
}

void Generator::generate(quint64 id, const GenerationRequest& request) {
    stop_.store(false);
    if (!loaded_) {
        emit failed(id, tr("No model is loaded."));
        return;
    }
    Loaded& m = *loaded_;
    const Prompt prompt = fitPrompt(request);
    const std::vector<hearth::Token>& tokens = prompt.tokens;
    if (prompt.rendered.cancelled) {
        GenerationStats stats;
        stats.finish_reason = hearth::storage::FinishReason::Stop;
        stats.context_used = int(m.session->n_past());
        emit finished(id, stats);
        return;
    }
    if (!prompt.fits) {
        emit contextOverflow(id, prompt.needed, int(m.session->n_ctx()));
        return;
    }
    emit started(id, int(tokens.size()), prompt.dropped);

    // Keep the KV entries of the longest common prefix; at least the last prompt token is
    // evaluated again, since its logits start the answer.
    size_t reuse = 0;
    while (reuse < m.cached.size() && reuse + 1 < tokens.size() &&
           m.cached[reuse] == tokens[reuse]) {
        ++reuse;
    }
    m.session->truncate(uint32_t(reuse));
    reuse = m.session->n_past(); // less when a sliding window's ring no longer reaches back
    m.cached.resize(reuse);

    GenerationStats stats;
    stats.prompt_tokens = int(tokens.size());
    stats.reused_tokens = int(reuse);
    stats.dropped_messages = prompt.dropped;
    QElapsedTimer clock;
    clock.start();
    auto fail = [&](const std::string& error) {
        m.cached.resize(m.session->n_past());
        emit failed(id, QString::fromStdString(error));
    };

    // The prompt in batches on every backend: the fast CPU backend multiplies a batch as
    // matrices and Vulkan runs it in one submission, where token by token would read every
    // weight once per token. Small enough that Stop is honoured within a fraction of a
    // second. Only the answer's tokens go through eval() one at a time.
    constexpr size_t kPromptBatch = 64;
    std::span<const float> logits;
    for (size_t i = reuse; i < tokens.size(); i += kPromptBatch) {
        if (stop_.load()) {
            m.cached.resize(m.session->n_past());
            stats.finish_reason = hearth::storage::FinishReason::Stop;
            stats.context_used = int(m.session->n_past());
            emit finished(id, stats);
            return;
        }
        const auto batch = std::span(tokens).subspan(i, std::min(kPromptBatch, tokens.size() - i));
        auto r = m.session->eval_batch(batch);
        if (!r) {
            return fail(r.error().message);
        }
        logits = *r;
        m.cached.insert(m.cached.end(), batch.begin(), batch.end());
    }

    hearth::Sampler sampler(request.sampling);
    for (hearth::Token t : tokens) {
        sampler.accept(t);
    }
    hearth::StreamingDetokenizer detokenizer(*m.tokenizer);
    detokenizer.show_tokens(m.chat.marker_tokens(*m.tokenizer));
    hearth::ReplySplitter reasoning = m.chat.reply_splitter(prompt.rendered.thinking, toolNote);
    QString pending_thinking, pending_answer;
    qint64 last_emit = 0;
    bool sent_any = false, started = false;
    auto flush = [&](bool force) { // the first text at once, then at most every kBatchMs
        if (pending_thinking.isEmpty() && pending_answer.isEmpty()) {
            return;
        }
        const qint64 now = clock.elapsed();
        if (force || !sent_any || now - last_emit >= kBatchMs) {
            const double seconds =
                double(clock.nsecsElapsed()) / 1e9 - stats.time_to_first_token_ms / 1e3;
            emit delta(id, pending_thinking, pending_answer, stats.completion_tokens, seconds);
            pending_thinking.clear();
            pending_answer.clear();
            last_emit = now;
            sent_any = true;
        }
    };
    auto add = [&](const hearth::ReasoningDelta& d) {
        pending_thinking += QString::fromStdString(d.thinking);
        pending_answer += QString::fromStdString(d.answer);
    };

    stats.finish_reason = hearth::storage::FinishReason::Length;
    while (stats.completion_tokens < request.max_tokens) {
        if (stop_.load()) {
            stats.finish_reason = hearth::storage::FinishReason::Stop;
            break;
        }
        const hearth::Token next = sampler.sample(logits);
        if (next < 0 || m.tokenizer->is_end_of_generation(next)) {
            stats.finish_reason = hearth::storage::FinishReason::Eos;
            break;
        }
        ++stats.completion_tokens;
        if (!started) {
            started = true;
            stats.time_to_first_token_ms = double(clock.nsecsElapsed()) / 1e6;
        }
        sampler.accept(next);
        add(reasoning.push(detokenizer.push(next)));
        flush(false);
        if (m.session->n_past() >= m.session->n_ctx()) {
            break; // the context is full: finish as "length"
        }
        auto r = m.session->eval(next);
        if (!r) {
            return fail(r.error().message);
        }
        logits = *r;
        m.cached.push_back(next);
    }
    add(reasoning.push(detokenizer.flush()));
    add(reasoning.finish());
    flush(true);
    const double seconds = double(clock.nsecsElapsed()) / 1e9 - stats.time_to_first_token_ms / 1e3;
    stats.tokens_per_second =
        stats.completion_tokens > 1 && seconds > 0 ? (stats.completion_tokens - 1) / seconds : 0;
    stats.context_used = int(m.session->n_past());
    emit finished(id, stats);
}
