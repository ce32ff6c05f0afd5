// The server's one worker thread and its bounded queue of generations. The thread owns the
// engine (a ServerEngine: the loaded model, its session and generation pipeline); requests
// wait their turn in arrival order, and one that is cancelled while it waits (its client
// went away) is dropped without running. A full queue refuses new work at once, so the HTTP
// side can answer 503 instead of letting clients wait without end.
//
// Callbacks of a job run on the worker thread; the HTTP side posts them to its own thread.
#pragma once

#include "apijson.h"
#include "apirequest.h"
#include "generation/generation_pipeline.h"
#include "result.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace hearth::server {

// What the queue runs generations on. All calls come from the worker thread.
class ServerEngine {
public:
    virtual ~ServerEngine() = default;
    // Makes `model` the loaded one (loads it unless it already is).
    virtual Result<void> use(const InstalledModel& model) = 0;
    // The loaded model's recommended sampling values (general.sampling.*).
    virtual SamplingParams sampling() const = 0;
    virtual GenerationResult run(const GenerationRequest& request, const GenerationEvents& events,
                                 const std::atomic<bool>& cancel) = 0;
};

struct JobOutcome {
    bool ok = false;
    GenerationStats stats; // ok
    ApiError error;        // !ok
};

struct Job {
    ApiRequest request;
    InstalledModel model;
    bool loadOnly = false; // preload(): load the model, generate nothing
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    std::function<void(int prompt_tokens)> started;
    std::function<void(std::string_view answer, std::string_view reasoning)> delta;
    std::function<void(const JobOutcome& outcome)> finished; // always called once
};

// The pipeline's request for an API request: the model's sampling values under the
// request's own, a fresh random seed unless one was given, and `default_max_tokens`
// when the request set none.
GenerationRequest toGeneration(const ApiRequest& request, const SamplingParams& recommended,
                               int default_max_tokens);

class GenerationQueue {
public:
    // `capacity`: how many jobs may wait besides the one running.
    GenerationQueue(std::unique_ptr<ServerEngine> engine, int capacity, int default_max_tokens);
    // Cancels every job (their `finished` still runs) and joins the worker.
    ~GenerationQueue();
    GenerationQueue(const GenerationQueue&) = delete;
    GenerationQueue& operator=(const GenerationQueue&) = delete;

    // False when the queue is full (the job is not taken).
    bool submit(Job job);
    int waiting() const;
    bool busy() const { return running_.load(); }
    // The model the worker has loaded ("" before the first load): its id.
    std::string loadedModel() const;
    // Seconds a job took on average so far (for Retry-After); 0 before the first.
    double averageSeconds() const;
    // Loads `model` now on the worker (the server's start with --model), before any job.
    Result<void> preload(const InstalledModel& model);

private:
    void work();
    JobOutcome runJob(Job& job);

    std::unique_ptr<ServerEngine> engine_;
    const int capacity_;
    const int defaultMaxTokens_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    std::string loaded_;
    double totalSeconds_ = 0;
    int finishedJobs_ = 0;
    bool stopping_ = false;
    std::atomic<bool> running_{false};
    std::shared_ptr<std::atomic<bool>> current_; // the running job's cancel flag
    std::thread worker_;
};

} // namespace hearth::server
