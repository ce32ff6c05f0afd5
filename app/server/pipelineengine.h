// The server's engine when Hearth runs without its window (`hearth serve`): it owns the
// loaded model, its session and the generation pipeline, all made and used on the queue's
// worker thread. Loading another model frees the previous one first.
#pragma once

#include "generationqueue.h"

#include <memory>
#include <string>

namespace hearth {
struct Model;
class Session;
} // namespace hearth

namespace hearth::server {

struct EngineOptions {
    std::string backend = "auto"; // as SessionOptions::backend
    int context_length = 4096;    // at most the model's trained context
    unsigned threads = 0;         // 0: one per physical core
    std::string pipeline_cache;   // as SessionOptions (compiled Vulkan pipelines); "" none
    std::string probe_cache;      // as SessionOptions ("auto"'s measured speeds); "" none
};

class PipelineEngine : public ServerEngine {
public:
    explicit PipelineEngine(EngineOptions options);
    ~PipelineEngine() override;

    Result<void> use(const InstalledModel& model) override;
    SamplingParams sampling() const override { return sampling_; }
    GenerationResult run(const GenerationRequest& request, const GenerationEvents& events,
                         const std::atomic<bool>& cancel) override;

    // Where the backend chosen for the loaded model ("cpu (AVX2)", ...), for the log.
    std::string backendName() const;

private:
    EngineOptions options_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<GenerationPipeline> pipeline_;
    SamplingParams sampling_;
};

} // namespace hearth::server
