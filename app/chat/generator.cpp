#include "generator.h"

#include "backend_choice.h"
#include "generation/generation_pipeline.h"
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
    std::unique_ptr<hearth::GenerationPipeline> pipeline; // uses the two above
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
                          const QString& pipelineCache, const QString& probeCache, int threads,
                          int gpuLayers) {
    loaded_.reset(); // free the old model's memory before mapping the new one
    if (quit_.load()) {
        return;
    }
    auto fail = [&](const std::string& error) {
        if (!quit_.load()) { // a load given up at quitting reports nothing
            emit modelFailed(path, QString::fromStdString(error));
        }
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
    options.gpu_layers = std::max(gpuLayers, -1);
    options.cancel = &quit_;
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
    if (quit_.load()) { // a factory that does not look at options.cancel
        return;
    }
    auto loaded = std::make_unique<Loaded>();
    loaded->session = std::move(session.value());
    loaded->model = std::move(model.value());
    loaded->pipeline = std::make_unique<hearth::GenerationPipeline>(
        *loaded->session, *loaded->model, std::move(tokenizer.value()));
    loaded->pipeline->set_tool_note(toolNote);
    const hearth::ChatTemplate& chat = loaded->pipeline->chat_template();

    ModelInfo info;
    info.path = path;
    const hearth::gguf::Value* name = loaded->model->file.find("general.name");
    info.name = name && name->as_string() ? QString::fromUtf8(name->as_string()->data(),
                                                              qsizetype(name->as_string()->size()))
                                          : QFileInfo(path).completeBaseName();
    info.architecture = QString::fromStdString(loaded->model->config.architecture);
    info.quant = most_common_matrix_type(loaded->model->file);
    info.backend = loaded->session->backend_description();
    info.layers = int(loaded->model->config.n_layer);
    if (choice.candidates.size() > 1) {
        fallback.clear(); // the measurements say why, in the user's language
        info.measurements = choice.candidates;
    }
    info.fallback = QString::fromStdString(fallback);
    info.chat_format = QString::fromUtf8(hearth::chat_format_name(chat.format()));
    info.thinking_budget = chat.takes_thinking_budget();
    info.reasoning_effort = chat.takes_reasoning_effort();
    info.context_length = int(loaded->session->n_ctx());
    info.trained_context = int(loaded->model->config.n_ctx_train);
    info.sampling = hearth::sampling_from_gguf(loaded->model->file);
    loaded_ = std::move(loaded);
    emit modelLoaded(info);
}

void Generator::unloadModel() {
    loaded_.reset();
}

hearth::GenerationResult Generator::runExternal(const hearth::GenerationRequest& request,
                                                const hearth::GenerationEvents& events,
                                                const std::atomic<bool>& cancel) {
    if (!loaded_) {
        return hearth::GenerationError{hearth::GenerationErrorKind::Backend, {}};
    }
    return loaded_->pipeline->run(request, events, cancel);
}

void Generator::countTokens(quint64 id, const QString& text) {
    if (!loaded_) {
        emit tokensCounted(id, -1);
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    const auto tokens = loaded_->pipeline->tokenizer().encode(
        std::string_view(utf8.constData(), size_t(utf8.size())), false, false);
    emit tokensCounted(id, int(tokens.size()));
}

void Generator::generate(quint64 id, const GenerationRequest& request) {
    // A quit requested just before this request began must not be reset here: requestQuit
    // sets quit_ before stop_, so one of the two stores below sees it.
    stop_.store(false);
    if (quit_.load()) {
        stop_.store(true);
        return;
    }
    if (!loaded_) {
        emit failed(id, tr("No model is loaded."));
        return;
    }
    hearth::GenerationRequest r;
    r.messages = request.messages;
    r.sampling = request.sampling;
    r.max_tokens = request.max_tokens;
    r.enable_thinking = request.enable_thinking;
    r.thinking_budget = request.thinking_budget;
    r.reasoning_effort = request.reasoning_effort;
    r.drop_oldest = request.drop_oldest;

    // The pipeline reports every piece of text; the GUI gets the first at once, then at most
    // one delta signal every kBatchMs.
    QString pending_thinking, pending_answer;
    int tokens = 0;
    double seconds = 0; // since the answer's first token
    QElapsedTimer clock;
    clock.start();
    qint64 last_emit = 0;
    bool sent_any = false;
    auto flush = [&](bool force) {
        if (pending_thinking.isEmpty() && pending_answer.isEmpty()) {
            return;
        }
        const qint64 now = clock.elapsed();
        if (force || !sent_any || now - last_emit >= kBatchMs) {
            emit delta(id, pending_thinking, pending_answer, tokens, seconds);
            pending_thinking.clear();
            pending_answer.clear();
            last_emit = now;
            sent_any = true;
        }
    };
    hearth::GenerationEvents events;
    events.started = [&](int prompt_tokens, int dropped) {
        emit started(id, prompt_tokens, dropped);
    };
    events.delta = [&](std::string_view answer, std::string_view thinking) {
        pending_thinking += QString::fromUtf8(thinking.data(), qsizetype(thinking.size()));
        pending_answer += QString::fromUtf8(answer.data(), qsizetype(answer.size()));
    };
    events.token = [&](int completion_tokens, double since_first) {
        tokens = completion_tokens;
        seconds = since_first;
        flush(false);
    };
    const hearth::GenerationResult result = loaded_->pipeline->run(r, events, stop_);
    if (!result) {
        const hearth::GenerationError& error = result.error();
        if (error.kind == hearth::GenerationErrorKind::ContextOverflow) {
            emit contextOverflow(id, error.needed, error.available);
        } else {
            emit failed(id, QString::fromStdString(error.message));
        }
        return;
    }
    flush(true);
    GenerationStats stats;
    stats.prompt_tokens = result->prompt_tokens;
    stats.reused_tokens = result->reused_tokens;
    stats.completion_tokens = result->completion_tokens;
    stats.context_used = result->context_used;
    stats.dropped_messages = result->dropped_messages;
    stats.time_to_first_token_ms = result->time_to_first_token_ms;
    stats.tokens_per_second = result->tokens_per_second;
    stats.thinking_ms = result->thinking_ms;
    switch (result->finish) {
    case hearth::FinishReason::EndOfTurn:
    case hearth::FinishReason::StopString: // the app asks for none: a natural end all the same
        stats.finish_reason = hearth::storage::FinishReason::Eos;
        break;
    case hearth::FinishReason::Length:
        stats.finish_reason = hearth::storage::FinishReason::Length;
        break;
    case hearth::FinishReason::Cancelled:
        stats.finish_reason = hearth::storage::FinishReason::Stop;
        break;
    }
    emit finished(id, stats);
}
