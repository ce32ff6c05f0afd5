// Sampling and length settings of the loaded model, as the settings page edits them. Each
// value comes from the first of: this model's own setting (QSettings
// models/<file name>/generation/<key>), the user's default for every model
// (generation/<key>), the model's recommended value (its catalog entry's, else its GGUF
// general.sampling.* keys, else the engine's defaults). Keys and ranges of the sampling
// fields: the table in sampling_params.h. Changes are saved at once and used by the next answer;
// the context length by the next load of the model.
#pragma once

#include "sampling/sampler.h"
#include "text/chat_template.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>

class GenerationSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.generation")
    Q_PROPERTY(QString modelFile READ modelFile NOTIFY changed)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY changed)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY changed)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY changed)
    Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY changed)
    Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY changed)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY changed)
    Q_PROPERTY(int contextLength READ contextLength WRITE setContextLength NOTIFY changed)
    // A fixed seed makes answers repeatable; otherwise each answer draws a new one.
    Q_PROPERTY(bool fixedSeed READ fixedSeed WRITE setFixedSeed NOTIFY changed)
    Q_PROPERTY(QString seed READ seedText WRITE setSeedText NOTIFY changed) // 64-bit, as text
    // Seed-OSS: how many tokens the model may think before answering (-1: no limit, 0: answer
    // at once). Only models whose template reads a thinking budget support it.
    Q_PROPERTY(int thinkingBudget READ thinkingBudget WRITE setThinkingBudget NOTIFY changed)
    Q_PROPERTY(bool thinkingBudgetSupported READ thinkingBudgetSupported NOTIFY changed)
    // gpt-oss: how long the model reasons before it answers (its template's reasoning_effort;
    // medium unless set). Only models whose template reads a reasoning effort support it.
    Q_PROPERTY(ReasoningEffort reasoningEffort READ reasoningEffort WRITE setReasoningEffort NOTIFY
                   changed)
    Q_PROPERTY(bool reasoningEffortSupported READ reasoningEffortSupported NOTIFY changed)
    // {temperature: {from, to}, topK: ...}: each sampling field's range, for the controls.
    Q_PROPERTY(QVariantMap ranges READ ranges CONSTANT)
    // Whether this model has settings of its own (what "Reset" clears).
    Q_PROPERTY(bool customized READ customized NOTIFY changed)

public:
    enum class ReasoningEffort { Low, Medium, High };
    Q_ENUM(ReasoningEffort)

    GenerationSettings(QSettings* settings, QObject* parent);

    // Switches to a model: its file name (the settings key), recommended sampling, the
    // context it was trained with (the ceiling for contextLength), and whether its template
    // takes a thinking budget and a reasoning effort.
    void setModel(const QString& fileName, const hearth::SamplingParams& recommended,
                  int trainedContext, bool takesThinkingBudget = false,
                  bool takesReasoningEffort = false);
    QString modelFile() const { return file_; }

    // The catalog's recommended sampling for a model file (none for a file it does not list).
    using CatalogLookup = std::function<hearth::SamplingValues(const QString& fileName)>;
    void setCatalogLookup(CatalogLookup lookup) { catalog_ = std::move(lookup); }

    double temperature() const { return field(hearth::SamplingField::Temperature); }
    int topK() const { return int(field(hearth::SamplingField::TopK)); }
    double topP() const { return field(hearth::SamplingField::TopP); }
    double minP() const { return field(hearth::SamplingField::MinP); }
    double repeatPenalty() const { return field(hearth::SamplingField::RepeatPenalty); }
    int maxTokens() const { return value("maxTokens", 1024).toInt(); }
    int contextLength() const;
    bool fixedSeed() const { return value("fixedSeed", false).toBool(); }
    QString seedText() const { return value("seed", "42").toString(); }
    int thinkingBudget() const { return value("thinkingBudget", -1).toInt(); }
    bool thinkingBudgetSupported() const { return thinkingBudgetSupported_; }
    // Stored as its template value ("low", "medium", "high").
    ReasoningEffort reasoningEffort() const;
    bool reasoningEffortSupported() const { return reasoningEffortSupported_; }
    bool customized() const;
    static QVariantMap ranges();

    void setTemperature(double v) { setField(hearth::SamplingField::Temperature, v); }
    void setTopK(int v) { setField(hearth::SamplingField::TopK, v); }
    void setTopP(double v) { setField(hearth::SamplingField::TopP, v); }
    void setMinP(double v) { setField(hearth::SamplingField::MinP, v); }
    void setRepeatPenalty(double v) { setField(hearth::SamplingField::RepeatPenalty, v); }
    void setMaxTokens(int v) { set("maxTokens", qBound(16, v, 32768)); }
    void setContextLength(int v) { set("contextLength", qBound(256, v, 1 << 20)); }
    void setFixedSeed(bool v) { set("fixedSeed", v); }
    void setSeedText(const QString& v);
    void setThinkingBudget(int v) { set("thinkingBudget", qBound(-1, v, 1 << 20)); }
    void setReasoningEffort(ReasoningEffort v);

    // Forgets this model's own settings: back to the defaults and the model's recommendation.
    Q_INVOKABLE void reset();

    // The sampling for the next answer; a random seed unless a fixed one is set.
    hearth::SamplingParams sampling() const;
    // The thinking budget to give the template: none for a model that takes none.
    std::optional<int> thinkingBudgetForRequest() const;
    // The reasoning effort to give the template: none for a model that takes none.
    std::optional<hearth::ReasoningEffort> reasoningEffortForRequest() const;
    // The context length to load `fileName` with (before it is the current model).
    int contextLengthFor(const QString& fileName) const;

signals:
    void changed();

private:
    QString modelKey(const char* key) const;
    QVariant value(const char* key, const QVariant& fallback) const;
    void set(const char* key, const QVariant& value);
    // A sampling field: the user's value, else the recommended one.
    double field(hearth::SamplingField f) const;
    void setField(hearth::SamplingField f, double v);

    QSettings* settings_;
    QString file_;
    hearth::SamplingParams recommended_;
    CatalogLookup catalog_;
    int trainedContext_ = 0;
    bool thinkingBudgetSupported_ = false;
    bool reasoningEffortSupported_ = false;
};
