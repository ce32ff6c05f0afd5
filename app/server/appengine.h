// The server's engine inside the app: the app's own worker (Generator) and the model it has
// loaded, so the local API server needs no second copy of a model. Each request runs on the
// worker's thread, between the app's own turns (which wait while it runs, and it for them);
// the queue's thread only waits for it. Requests may name only the model the app has loaded.
#pragma once

#include "generationqueue.h"

#include <QPointer>
#include <mutex>

class Generator;

namespace hearth::server {

class AppEngine : public ServerEngine {
public:
    explicit AppEngine(Generator* generator);

    // The loaded model's recommended sampling values; set on the app's thread when a model
    // is loaded.
    void setSampling(const SamplingParams& sampling);

    Result<void> use(const InstalledModel& model) override;
    SamplingParams sampling() const override;
    GenerationResult run(const GenerationRequest& request, const GenerationEvents& events,
                         const std::atomic<bool>& cancel) override;

private:
    QPointer<Generator> generator_;
    mutable std::mutex mutex_;
    SamplingParams sampling_;
};

} // namespace hearth::server
