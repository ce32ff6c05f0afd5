// The sampling settings and the one table that defines them: each field's spellings, default
// and range. The engine's Sampler runs on SamplingParams; the catalog, the settings page,
// the provenance shown for an answer, the archive and the CLI read and check the fields
// through this table, so a new field is a new row here plus the places that show it.
//
// Spellings of a field: `name` is snake_case (database column, archive key), `key` is
// camelCase (settings keys, the catalog's JSON, QML), `gguf` the suffix of the model file's
// general.sampling.* key (empty: models carry none), `flag` the hearth-cli option without
// its dashes (empty: the CLI offers none).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth {

enum class SamplingField : uint8_t {
    Temperature,
    TopK,
    TopP,
    MinP,
    RepeatPenalty,
    FrequencyPenalty,
    PresencePenalty,
    PenaltyLastN,
};

struct SamplingFieldInfo {
    SamplingField field;
    std::string_view name;
    std::string_view key;
    std::string_view gguf;
    std::string_view flag;
    double default_value;
    double min;
    double max;
    bool integer;
};

// Ranges: what the sampler can use. Temperature 0 is greedy; top-k 0, top-p 1 and min-p 0
// turn those filters off; repeat penalty 1 is off (above 1 discourages repeats); frequency
// and presence penalties follow OpenAI's -2..2.
inline constexpr std::array<SamplingFieldInfo, 8> kSamplingFields{{
    {SamplingField::Temperature, "temperature", "temperature", "temp", "temp", 0.8, 0, 2, false},
    {SamplingField::TopK, "top_k", "topK", "top_k", "top-k", 40, 0, 1000, true},
    {SamplingField::TopP, "top_p", "topP", "top_p", "top-p", 0.95, 0, 1, false},
    {SamplingField::MinP, "min_p", "minP", "min_p", "min-p", 0.05, 0, 1, false},
    {SamplingField::RepeatPenalty, "repeat_penalty", "repeatPenalty", "penalty_repeat",
     "repeat-penalty", 1.0, 1, 2, false},
    {SamplingField::FrequencyPenalty, "frequency_penalty", "frequencyPenalty", "", "", 0, -2, 2,
     false},
    {SamplingField::PresencePenalty, "presence_penalty", "presencePenalty", "", "", 0, -2, 2,
     false},
    {SamplingField::PenaltyLastN, "penalty_last_n", "penaltyLastN", "penalty_last_n", "", 64, 0,
     32768, true},
}};

constexpr const SamplingFieldInfo& sampling_field(SamplingField field) {
    return kSamplingFields[static_cast<size_t>(field)];
}

// `value` brought into the field's range (whole for integer fields); NaN becomes the default.
constexpr double clamp_sampling(SamplingField field, double value) {
    const SamplingFieldInfo& f = sampling_field(field);
    if (value != value) {
        return f.default_value;
    }
    const double v = std::clamp(value, f.min, f.max);
    return f.integer ? static_cast<double>(static_cast<int64_t>(v)) : v;
}

struct SamplingParams {
    float temperature = float(sampling_field(SamplingField::Temperature).default_value);
    int32_t top_k = int32_t(sampling_field(SamplingField::TopK).default_value);
    float top_p = float(sampling_field(SamplingField::TopP).default_value);
    float min_p = float(sampling_field(SamplingField::MinP).default_value);
    float repeat_penalty = float(sampling_field(SamplingField::RepeatPenalty).default_value);
    float frequency_penalty = float(sampling_field(SamplingField::FrequencyPenalty).default_value);
    float presence_penalty = float(sampling_field(SamplingField::PresencePenalty).default_value);
    // How many recent tokens the penalties look at.
    int32_t penalty_last_n = int32_t(sampling_field(SamplingField::PenaltyLastN).default_value);
    uint64_t seed = 0;

    // A field by the table's order, as a double (integers are exact).
    double get(SamplingField field) const {
        switch (field) {
        case SamplingField::Temperature:
            return temperature;
        case SamplingField::TopK:
            return top_k;
        case SamplingField::TopP:
            return top_p;
        case SamplingField::MinP:
            return min_p;
        case SamplingField::RepeatPenalty:
            return repeat_penalty;
        case SamplingField::FrequencyPenalty:
            return frequency_penalty;
        case SamplingField::PresencePenalty:
            return presence_penalty;
        case SamplingField::PenaltyLastN:
            return penalty_last_n;
        }
        return 0;
    }
    // Sets a field, brought into its range first.
    void set(SamplingField field, double value) {
        const double v = clamp_sampling(field, value);
        switch (field) {
        case SamplingField::Temperature:
            temperature = float(v);
            break;
        case SamplingField::TopK:
            top_k = int32_t(v);
            break;
        case SamplingField::TopP:
            top_p = float(v);
            break;
        case SamplingField::MinP:
            min_p = float(v);
            break;
        case SamplingField::RepeatPenalty:
            repeat_penalty = float(v);
            break;
        case SamplingField::FrequencyPenalty:
            frequency_penalty = float(v);
            break;
        case SamplingField::PresencePenalty:
            presence_penalty = float(v);
            break;
        case SamplingField::PenaltyLastN:
            penalty_last_n = int32_t(v);
            break;
        }
    }
};

// Values for some of the fields, in the table's order (integers exact): what a catalog entry
// recommends, what the command line sets, what an answer was made with.
struct SamplingValues {
    std::array<std::optional<double>, kSamplingFields.size()> values;

    std::optional<double>& operator[](SamplingField f) { return values[static_cast<size_t>(f)]; }
    const std::optional<double>& operator[](SamplingField f) const {
        return values[static_cast<size_t>(f)];
    }
    bool operator==(const SamplingValues&) const = default;
};

// `base` with every value `overrides` has.
inline SamplingParams apply_overrides(SamplingParams base, const SamplingValues& overrides) {
    for (const SamplingFieldInfo& f : kSamplingFields) {
        if (const std::optional<double>& v = overrides[f.field]) {
            base.set(f.field, *v);
        }
    }
    return base;
}

// Every field of `params`.
inline SamplingValues sampling_values(const SamplingParams& params) {
    SamplingValues values;
    for (const SamplingFieldInfo& f : kSamplingFields) {
        values[f.field] = params.get(f.field);
    }
    return values;
}

} // namespace hearth
