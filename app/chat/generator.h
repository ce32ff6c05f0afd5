// The inference worker: owns the engine session (model, KV cache, backend) on its own
// thread. Requests arrive as queued slot calls, results leave as queued signals; the only
// shared state is the stop flag. Streamed text is batched to at most ~30 signals a second
// (the first piece goes out at once).
#pragma once

#include "sampling/sampler.h"
#include "text/chat_template.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

namespace hearth {
struct Model;
class Session;
class Tokenizer;
} // namespace hearth

struct GenerationRequest {
    std::vector<hearth::ChatMessage> messages; // system prompt first, then the active path
    hearth::SamplingParams sampling;
    int max_tokens = 1024;
    std::optional<bool> enable_thinking;
};

struct ModelInfo {
    QString path;
    QString name; // general.name, or the file name
    QString architecture;
    QString quant;       // the most common matrix type, e.g. "Q4_K"
    QString backend;     // "cpu" or "vulkan (device)"
    QString fallback;    // why the CPU was used although the GPU was asked for, or ""
    QString chat_format; // chat_format_name(): the model's template or a built-in format
    int context_length = 0;
};

struct GenerationStats {
    int prompt_tokens = 0;
    int reused_tokens = 0; // prompt tokens whose KV cache entries were kept
    int completion_tokens = 0;
    double time_to_first_token_ms = 0;
    double tokens_per_second = 0;
    QString finish_reason; // "eos", "length", "stop"
};

class Generator : public QObject {
    Q_OBJECT

public:
    explicit Generator(QObject* parent = nullptr);
    ~Generator() override;

    // Thread-safe: the running generation stops before its next token.
    void requestStop() { stop_.store(true); }

public slots:
    void loadModel(const QString& path, const QString& backend, int context_length);
    void unloadModel();
    void generate(quint64 id, const GenerationRequest& request);

signals:
    void modelLoaded(const ModelInfo& info);
    void modelFailed(const QString& path, const QString& error);
    void delta(quint64 id, const QString& thinking, const QString& answer);
    void finished(quint64 id, const GenerationStats& stats);
    void failed(quint64 id, const QString& error);

private:
    struct Loaded;
    std::unique_ptr<Loaded> loaded_;
    std::atomic<bool> stop_{false};
};

Q_DECLARE_METATYPE(GenerationRequest)
Q_DECLARE_METATYPE(ModelInfo)
Q_DECLARE_METATYPE(GenerationStats)
