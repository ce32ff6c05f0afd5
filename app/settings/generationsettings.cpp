#include "generationsettings.h"

#include <QRandomGenerator>

namespace {
constexpr int kDefaultContext = 4096;

hearth::ReasoningEffort toEngine(GenerationSettings::ReasoningEffort e) {
    switch (e) {
    case GenerationSettings::ReasoningEffort::Low:
        return hearth::ReasoningEffort::Low;
    case GenerationSettings::ReasoningEffort::Medium:
        return hearth::ReasoningEffort::Medium;
    case GenerationSettings::ReasoningEffort::High:
        return hearth::ReasoningEffort::High;
    }
    return hearth::ReasoningEffort::Medium;
}

GenerationSettings::ReasoningEffort fromEngine(hearth::ReasoningEffort e) {
    switch (e) {
    case hearth::ReasoningEffort::Low:
        return GenerationSettings::ReasoningEffort::Low;
    case hearth::ReasoningEffort::Medium:
        return GenerationSettings::ReasoningEffort::Medium;
    case hearth::ReasoningEffort::High:
        return GenerationSettings::ReasoningEffort::High;
    }
    return GenerationSettings::ReasoningEffort::Medium;
}
} // namespace

GenerationSettings::GenerationSettings(QSettings* settings, QObject* parent)
    : QObject(parent), settings_(settings) {}

void GenerationSettings::setModel(const QString& fileName,
                                  const hearth::SamplingParams& recommended, int trainedContext,
                                  bool takesThinkingBudget, bool takesReasoningEffort) {
    file_ = fileName;
    recommended_ =
        catalog_ ? hearth::apply_overrides(recommended, catalog_(fileName)) : recommended;
    trainedContext_ = trainedContext;
    thinkingBudgetSupported_ = takesThinkingBudget;
    reasoningEffortSupported_ = takesReasoningEffort;
    emit changed();
}

QString GenerationSettings::modelKey(const char* key) const {
    return QStringLiteral("models/%1/generation/%2").arg(file_, QLatin1String(key));
}

QVariant GenerationSettings::value(const char* key, const QVariant& fallback) const {
    if (!file_.isEmpty() && settings_->contains(modelKey(key))) {
        return settings_->value(modelKey(key));
    }
    return settings_->value(QStringLiteral("generation/") + QLatin1String(key), fallback);
}

void GenerationSettings::set(const char* key, const QVariant& value) {
    if (file_.isEmpty() || this->value(key, {}) == value) {
        return;
    }
    settings_->setValue(modelKey(key), value);
    emit changed();
}

double GenerationSettings::field(hearth::SamplingField f) const {
    const hearth::SamplingFieldInfo& info = hearth::sampling_field(f);
    // The table's keys are string literals, so data() ends in a NUL.
    return value(info.key.data(), recommended_.get(f)).toDouble();
}

void GenerationSettings::setField(hearth::SamplingField f, double v) {
    const hearth::SamplingFieldInfo& info = hearth::sampling_field(f);
    const double clamped = hearth::clamp_sampling(f, v);
    set(info.key.data(), info.integer ? QVariant(int(clamped)) : QVariant(clamped));
}

QVariantMap GenerationSettings::ranges() {
    QVariantMap map;
    for (const hearth::SamplingFieldInfo& f : hearth::kSamplingFields) {
        map.insert(QString::fromLatin1(f.key.data(), qsizetype(f.key.size())),
                   QVariantMap{{QStringLiteral("from"), f.min}, {QStringLiteral("to"), f.max}});
    }
    return map;
}

int GenerationSettings::contextLength() const {
    const int wanted = value("contextLength", kDefaultContext).toInt();
    return trainedContext_ > 0 ? std::min(wanted, trainedContext_) : wanted;
}

int GenerationSettings::contextLengthFor(const QString& fileName) const {
    const QString key = QStringLiteral("models/%1/generation/contextLength").arg(fileName);
    return settings_->value(key, settings_->value("generation/contextLength", kDefaultContext))
        .toInt();
}

void GenerationSettings::setSeedText(const QString& v) {
    bool ok = false;
    v.trimmed().toULongLong(&ok);
    if (ok) {
        set("seed", v.trimmed());
    }
}

bool GenerationSettings::customized() const {
    if (file_.isEmpty()) {
        return false;
    }
    settings_->beginGroup(QStringLiteral("models/%1/generation").arg(file_));
    const bool any = !settings_->childKeys().isEmpty();
    settings_->endGroup();
    return any;
}

void GenerationSettings::reset() {
    if (!file_.isEmpty()) {
        settings_->remove(QStringLiteral("models/%1/generation").arg(file_));
        emit changed();
    }
}

std::optional<int> GenerationSettings::thinkingBudgetForRequest() const {
    return thinkingBudgetSupported_ ? std::optional<int>(thinkingBudget()) : std::nullopt;
}

GenerationSettings::ReasoningEffort GenerationSettings::reasoningEffort() const {
    const QString name = value("reasoningEffort", QStringLiteral("medium")).toString();
    const std::optional<hearth::ReasoningEffort> e =
        hearth::parse_reasoning_effort(name.toStdString());
    return fromEngine(e.value_or(hearth::ReasoningEffort::Medium));
}

void GenerationSettings::setReasoningEffort(ReasoningEffort v) {
    set("reasoningEffort", QString::fromUtf8(hearth::reasoning_effort_name(toEngine(v))));
}

std::optional<hearth::ReasoningEffort> GenerationSettings::reasoningEffortForRequest() const {
    return reasoningEffortSupported_ ? std::optional(toEngine(reasoningEffort())) : std::nullopt;
}

hearth::SamplingParams GenerationSettings::sampling() const {
    hearth::SamplingParams p = recommended_;
    for (const hearth::SamplingFieldInfo& f : hearth::kSamplingFields) {
        p.set(f.field, field(f.field));
    }
    p.seed = fixedSeed() ? seedText().toULongLong() : QRandomGenerator::global()->generate64();
    return p;
}
