#include "pipelineengine.h"

#include "model/model.h"
#include "session.h"

#include <algorithm>

namespace hearth::server {

PipelineEngine::PipelineEngine(EngineOptions options) : options_(std::move(options)) {}

PipelineEngine::~PipelineEngine() {
    pipeline_.reset(); // holds references to the session and the model
    session_.reset();
}

Result<void> PipelineEngine::use(const InstalledModel& installed) {
    // The old model's memory goes before the new one is mapped.
    pipeline_.reset();
    session_.reset();
    model_.reset();
    auto model = Model::load(installed.path);
    if (!model) {
        return model.error();
    }
    SessionOptions options;
    options.backend = options_.backend;
    options.n_ctx = std::min<uint32_t>(uint32_t(std::max(options_.context_length, 256)),
                                       (*model)->config.n_ctx_train);
    options.threads = options_.threads;
    options.pipeline_cache = options_.pipeline_cache;
    options.probe_cache = options_.probe_cache;
    auto session = create_session(**model, options);
    if (!session) {
        return session.error();
    }
    auto pipeline = GenerationPipeline::create(**session, **model);
    if (!pipeline) {
        return pipeline.error();
    }
    sampling_ = sampling_from_gguf((*model)->file);
    model_ = std::move(model.value());
    session_ = std::move(session.value());
    pipeline_ = std::move(pipeline.value());
    return {};
}

std::string PipelineEngine::backendName() const {
    return session_ ? session_->backend_name() : std::string();
}

GenerationResult PipelineEngine::run(const GenerationRequest& request,
                                     const GenerationEvents& events,
                                     const std::atomic<bool>& cancel) {
    if (!pipeline_) {
        return GenerationError{GenerationErrorKind::Backend, "No model is loaded."};
    }
    return pipeline_->run(request, events, cancel);
}

} // namespace hearth::server
