// The inference worker: owns the engine session (model, KV cache, backend) on its own
// thread and runs the engine's generation pipeline (generation/generation_pipeline.h) on it.
// Requests arrive as queued slot calls, results leave as queued signals; the only shared
// state is the stop flag. Streamed text is batched to at most ~30 signals a second (the
// first piece goes out at once).
#pragma once

#include "backend_choice.h"
#include "records.h"
#include "result.h"
#include "sampling/sampler.h"
#include "text/chat_template.h"

#include <QObject>
#include <QString>
#include <QVariantList>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace hearth {
struct GenerationEvents;
struct GenerationRequest;
class GenerationResult;
struct Model;
class Session;
struct SessionOptions;
class Tokenizer;
} // namespace hearth

struct GenerationRequest {
    std::vector<hearth::ChatMessage> messages; // system prompt first, then the active path
    hearth::SamplingParams sampling;
    int max_tokens = 1024;
    std::optional<bool> enable_thinking;
    std::optional<int> thinking_budget; // tokens; -1 unlimited, 0 answer at once (Seed-OSS)
    std::optional<hearth::ReasoningEffort> reasoning_effort; // gpt-oss (harmony)
    // When the conversation does not fit the context: false reports contextOverflow and
    // generates nothing; true leaves out the oldest turns until it fits (never the last).
    bool drop_oldest = false;
};

struct ModelInfo {
    QString path;
    QString name; // general.name, or the file name
    QString architecture;
    QString quant;                      // the most common matrix type, e.g. "Q4_K"
    hearth::BackendDescription backend; // with the layers on the GPU when split
    int layers = 0;                     // the model's transformer layers
    QString fallback; // why the CPU was used although the GPU was asked for, or ""
    // "auto" only: each backend's measured speed here, when more than one could run the model.
    std::vector<hearth::BackendMeasurement> measurements;
    QString chat_format;           // chat_format_name(): the model's template or a built-in format
    bool thinking_budget = false;  // the template takes a thinking budget
    bool reasoning_effort = false; // the template takes a reasoning effort (gpt-oss)
    int context_length = 0;        // of this session
    int trained_context = 0;       // the longest the model was trained for
    hearth::SamplingParams sampling; // the model's recommended values (general.sampling.*)
};

struct GenerationStats {
    int prompt_tokens = 0;
    int reused_tokens = 0; // prompt tokens whose KV cache entries were kept
    int completion_tokens = 0;
    int context_used = 0;     // positions of the context in use when generation ended
    int dropped_messages = 0; // oldest messages left out to fit the context
    double time_to_first_token_ms = 0;
    double tokens_per_second = 0;
    double thinking_ms = 0; // how long the model reasoned before its answer; 0: it did not
    // Eos, Length or Stop (the user's Stop, or quitting); the store keeps the same values.
    hearth::storage::FinishReason finish_reason = hearth::storage::FinishReason::Length;
};

class Generator : public QObject {
    Q_OBJECT

public:
    explicit Generator(QObject* parent = nullptr);
    ~Generator() override;

    // Thread-safe: the running generation stops before its next token.
    void requestStop() { stop_.store(true); }
    // Thread-safe, for good (the app quits): the running generation stops as requestStop
    // does, a model load gives up at its next step (SessionOptions::cancel), and requests
    // still queued do nothing and report nothing.
    void requestQuit() {
        quit_.store(true);
        stop_.store(true);
    }

    using SessionFactory = std::function<hearth::Result<std::unique_ptr<hearth::Session>>(
        const hearth::Model&, const hearth::SessionOptions&, std::string* fallback_reason,
        hearth::BackendChoice* choice)>;
    // How loadModel makes its session: hearth::create_session, unless a test wraps the
    // session to see how the worker drives it. Set before the first load.
    void setSessionFactory(SessionFactory factory) { sessionFactory_ = std::move(factory); }

    // For the local API server (app/server/appengine.h): one request through the loaded
    // model's pipeline, so the server shares the app's model and KV cache instead of loading
    // a copy. Call on this object's thread only (the server invokes it there, so the app's
    // own turns wait their turn); a Backend error without a message when
    // no model is loaded (the server words it, in English like the rest of the API).
    hearth::GenerationResult runExternal(const hearth::GenerationRequest& request,
                                         const hearth::GenerationEvents& events,
                                         const std::atomic<bool>& cancel);

public slots:
    // `backend`: "auto", "vulkan" or "cpu". `pipelineCache`: a file keeping compiled Vulkan
    // pipelines between starts (empty: none); `probeCache` the measured speed of each backend
    // per model ("auto"; empty: measured at every load). `threads`: CPU threads, 0: one per
    // physical core. `gpuLayers`: layers on the graphics card, the rest on the CPU (partial
    // offload); -1: as many as its free memory holds.
    void loadModel(const QString& path, const QString& backend, int context_length,
                   const QString& pipelineCache = {}, const QString& probeCache = {},
                   int threads = 0, int gpuLayers = -1);
    void unloadModel();
    void generate(quint64 id, const GenerationRequest& request);
    // Counts the tokens of `text` with the loaded model's tokenizer (no special tokens are
    // parsed: an attachment's text is data); answers with tokensCounted, -1 when no model
    // is loaded.
    void countTokens(quint64 id, const QString& text);

signals:
    void loadProgress(const QString& path, double fraction); // weight upload, 0..1
    void modelLoaded(const ModelInfo& info);
    void modelFailed(const QString& path, const QString& error);
    // The prompt fits (after leaving out `droppedMessages`); its evaluation starts.
    void started(quint64 id, int promptTokens, int droppedMessages);
    // The prompt needs `needed` tokens plus room to answer; the context has `available`.
    void contextOverflow(quint64 id, int needed, int available);
    // New text, and the answer's tokens and seconds since its first token so far (for a
    // live speed).
    void delta(quint64 id, const QString& thinking, const QString& answer, int tokens,
               double seconds);
    void finished(quint64 id, const GenerationStats& stats);
    void failed(quint64 id, const QString& error);
    void tokensCounted(quint64 id, int tokens);

private:
    struct Loaded;
    std::unique_ptr<Loaded> loaded_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> quit_{false};
    SessionFactory sessionFactory_;
};

Q_DECLARE_METATYPE(GenerationRequest)
Q_DECLARE_METATYPE(ModelInfo)
Q_DECLARE_METATYPE(GenerationStats)
