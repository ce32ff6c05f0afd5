#include "generationqueue.h"

#include <chrono>
#include <future>
#include <random>

namespace hearth::server {

GenerationRequest toGeneration(const ApiRequest& request, const SamplingParams& recommended,
                               int default_max_tokens) {
    GenerationRequest g;
    g.sampling = request.sampling.over(recommended);
    if (!request.sampling.seed) {
        g.sampling.seed = (uint64_t(std::random_device{}()) << 32) ^ std::random_device{}();
    }
    g.max_tokens = request.max_tokens.value_or(default_max_tokens);
    g.stop = request.stop;
    g.enable_thinking = request.enable_thinking;
    g.reasoning_effort = request.reasoning_effort;
    if (request.endpoint == Endpoint::Chat) {
        g.messages = request.messages;
    } else {
        g.raw_prompt = true;
        g.prompt = request.prompt;
    }
    return g;
}

GenerationQueue::GenerationQueue(std::unique_ptr<ServerEngine> engine, int capacity,
                                 int default_max_tokens)
    : engine_(std::move(engine)), capacity_(capacity), defaultMaxTokens_(default_max_tokens),
      worker_([this] { work(); }) {}

GenerationQueue::~GenerationQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (Job& job : jobs_) {
            job.cancel->store(true);
        }
        if (current_) {
            current_->store(true);
        }
    }
    wake_.notify_all();
    worker_.join();
}

bool GenerationQueue::submit(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || int(jobs_.size()) >= capacity_) {
            return false;
        }
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

int GenerationQueue::waiting() const {
    std::lock_guard lock(mutex_);
    return int(jobs_.size());
}

std::string GenerationQueue::loadedModel() const {
    std::lock_guard lock(mutex_);
    return loaded_;
}

double GenerationQueue::averageSeconds() const {
    std::lock_guard lock(mutex_);
    return finishedJobs_ > 0 ? totalSeconds_ / finishedJobs_ : 0.0;
}

Result<void> GenerationQueue::preload(const InstalledModel& model) {
    // Runs as a job without a request, so the model is loaded on the worker thread that
    // uses it; capacity does not apply (nothing else waits at the start).
    auto done = std::make_shared<std::promise<Result<void>>>();
    Job job;
    job.model = model;
    job.loadOnly = true;
    job.finished = [done](const JobOutcome& outcome) {
        done->set_value(outcome.ok ? Result<void>() : Result<void>(Error{outcome.error.message}));
    };
    std::future<Result<void>> result = done->get_future();
    {
        std::lock_guard lock(mutex_);
        jobs_.push_front(std::move(job));
    }
    wake_.notify_one();
    return result.get();
}

void GenerationQueue::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) {
                return; // stopping, nothing left
            }
            job = std::move(jobs_.front());
            jobs_.pop_front();
            current_ = job.cancel;
            running_.store(true);
        }
        const auto start = std::chrono::steady_clock::now();
        const JobOutcome outcome = runJob(job);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        {
            std::lock_guard lock(mutex_);
            current_.reset();
            running_.store(false);
            if (outcome.ok) {
                totalSeconds_ += seconds;
                ++finishedJobs_;
            }
        }
        job.finished(outcome);
    }
}

JobOutcome GenerationQueue::runJob(Job& job) {
    JobOutcome outcome;
    if (job.cancel->load()) {
        outcome.stats.finish = FinishReason::Cancelled;
        outcome.ok = true;
        return outcome;
    }
    if (loadedModel() != job.model.id) {
        Result<void> used = engine_->use(job.model);
        std::lock_guard lock(mutex_);
        loaded_ = used ? job.model.id : std::string();
        if (!used) {
            outcome.error = ApiError{
                500, "The model " + job.model.id + " could not be loaded: " + used.error().message,
                "server_error", "model", "model_load_failed"};
            return outcome;
        }
    }
    if (job.loadOnly) {
        outcome.ok = true;
        return outcome;
    }
    const GenerationRequest request =
        toGeneration(job.request, engine_->sampling(), defaultMaxTokens_);
    GenerationEvents events;
    events.started = [&job](int prompt_tokens, int) {
        if (job.started) {
            job.started(prompt_tokens);
        }
    };
    events.delta = [&job](std::string_view answer, std::string_view reasoning) {
        if (job.delta) {
            job.delta(answer, reasoning);
        }
    };
    const GenerationResult result = engine_->run(request, events, *job.cancel);
    if (result) {
        outcome.ok = true;
        outcome.stats = *result;
        return outcome;
    }
    const GenerationError& error = result.error();
    switch (error.kind) {
    case GenerationErrorKind::ContextOverflow:
        outcome.error = ApiError{
            400,
            "This model's maximum context length is " + std::to_string(error.available) +
                " tokens; the request needs " + std::to_string(error.needed) + " (" +
                error.message + ").",
            "invalid_request_error", job.request.endpoint == Endpoint::Chat ? "messages" : "prompt",
            "context_length_exceeded"};
        break;
    case GenerationErrorKind::EmptyPrompt:
        outcome.error = ApiError{400, error.message, "invalid_request_error", "", "empty_prompt"};
        break;
    case GenerationErrorKind::Backend:
        outcome.error = ApiError{500, error.message, "server_error", "", "engine_failed"};
        break;
    }
    return outcome;
}

} // namespace hearth::server
