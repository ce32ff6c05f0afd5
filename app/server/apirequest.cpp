#include "apirequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cmath>
#include <limits>

namespace hearth::server {

SamplingParams SamplingOverrides::over(SamplingParams base) const {
    base.temperature = temperature.value_or(base.temperature);
    base.top_p = top_p.value_or(base.top_p);
    base.min_p = min_p.value_or(base.min_p);
    base.top_k = top_k.value_or(base.top_k);
    base.presence_penalty = presence_penalty.value_or(base.presence_penalty);
    base.frequency_penalty = frequency_penalty.value_or(base.frequency_penalty);
    base.seed = seed.value_or(base.seed);
    return base;
}

namespace {

constexpr int kMaxStops = 4; // as OpenAI

// Thrown inside the parser only and caught in parseRequest: the first problem found ends
// the check (the answer names one field, as OpenAI's does).
struct Invalid {
    ApiError error;
};

[[noreturn]] void fail(const std::string& param, const std::string& message,
                       const std::string& code = "invalid_value") {
    throw Invalid{ApiError{400, message, "invalid_request_error", param, code}};
}

std::string text(const QString& s) {
    return s.toStdString();
}

const char* jsonTypeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "undefined";
}

[[noreturn]] void wrongType(const std::string& param, const char* expected, const QJsonValue& v) {
    fail(param,
         "Invalid type for '" + param + "': expected " + expected + ", but got " + jsonTypeName(v) +
             ".",
         "invalid_type");
}

// Present and not null: OpenAI's clients send null for "not set".
bool given(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return !v.isUndefined() && !v.isNull();
}

std::optional<double> number(const QJsonObject& o, const char* key, double lo, double hi) {
    if (!given(o, key)) {
        return std::nullopt;
    }
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble()) {
        wrongType(key, "a number", v);
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < lo || d > hi) {
        fail(key, "'" + std::string(key) + "' must be between " +
                      QString::number(lo).toStdString() + " and " +
                      QString::number(hi).toStdString() + ".");
    }
    return d;
}

std::optional<qint64> integer(const QJsonObject& o, const char* key, qint64 lo, qint64 hi) {
    if (!given(o, key)) {
        return std::nullopt;
    }
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d)) {
        wrongType(key, "an integer", v);
    }
    // Large integers stay exact through toInteger (Qt keeps JSON integers as qint64); one
    // that does not fit a qint64 gives the bound on its side.
    const qint64 i = v.toInteger(d < 0 ? lo : hi);
    if (!(d >= double(lo) && d <= double(hi)) || i < lo || i > hi) {
        fail(key, "'" + std::string(key) + "' must be between " +
                      QString::number(lo).toStdString() + " and " +
                      QString::number(hi).toStdString() + ".");
    }
    return i;
}

std::optional<bool> boolean(const QJsonObject& o, const char* key) {
    if (!given(o, key)) {
        return std::nullopt;
    }
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isBool()) {
        wrongType(key, "a boolean", v);
    }
    return v.toBool();
}

std::optional<float> asFloat(std::optional<double> d) {
    return d ? std::optional<float>(float(*d)) : std::nullopt;
}

// A message's content: a string, or text parts joined.
std::string content(const QJsonValue& v, const std::string& param, bool nullable) {
    if (v.isString()) {
        return text(v.toString());
    }
    if ((v.isNull() || v.isUndefined()) && nullable) {
        return {};
    }
    if (!v.isArray()) {
        wrongType(param, "a string or an array of text parts", v);
    }
    std::string joined;
    const QJsonArray parts = v.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const std::string where = param + "[" + std::to_string(i) + "]";
        if (!parts[i].isObject()) {
            wrongType(where, "an object", parts[i]);
        }
        const QJsonObject part = parts[i].toObject();
        const QJsonValue type = part.value(QLatin1String("type"));
        if (type.toString() != QLatin1String("text")) {
            fail(where + ".type",
                 "Only text content parts are supported; this model reads no " +
                     text(type.toString()) + ".",
                 "unsupported_content");
        }
        const QJsonValue partText = part.value(QLatin1String("text"));
        if (!partText.isString()) {
            wrongType(where + ".text", "a string", partText);
        }
        joined += text(partText.toString());
    }
    return joined;
}

std::vector<ChatMessage> messages(const QJsonObject& body, const Limits& limits) {
    const QJsonValue v = body.value(QLatin1String("messages"));
    if (v.isUndefined() || v.isNull()) {
        fail("messages", "Missing required parameter: 'messages'.", "missing_required_parameter");
    }
    if (!v.isArray()) {
        wrongType("messages", "an array", v);
    }
    const QJsonArray list = v.toArray();
    if (list.isEmpty()) {
        fail("messages", "'messages' must not be empty.", "empty_array");
    }
    if (list.size() > limits.max_messages) {
        fail("messages", "At most " + std::to_string(limits.max_messages) + " messages.",
             "array_above_max_length");
    }
    std::vector<ChatMessage> out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const std::string where = "messages[" + std::to_string(i) + "]";
        if (!list[i].isObject()) {
            wrongType(where, "an object", list[i]);
        }
        const QJsonObject m = list[i].toObject();
        const QJsonValue role = m.value(QLatin1String("role"));
        if (!role.isString()) {
            wrongType(where + ".role", "a string", role);
        }
        ChatMessage message;
        message.role = text(role.toString());
        if (message.role == "developer") {
            message.role = "system";
        }
        if (message.role != "system" && message.role != "user" && message.role != "assistant") {
            fail(where + ".role",
                 "Unsupported role '" + message.role +
                     "': use system, developer, user or assistant (Hearth runs no tools).");
        }
        const bool assistant = message.role == "assistant";
        message.content = content(m.value(QLatin1String("content")), where + ".content", assistant);
        const QJsonValue reasoning = m.value(QLatin1String("reasoning_content"));
        if (reasoning.isString()) {
            message.reasoning_content = text(reasoning.toString());
        } else if (!reasoning.isUndefined() && !reasoning.isNull()) {
            wrongType(where + ".reasoning_content", "a string", reasoning);
        }
        out.push_back(std::move(message));
    }
    return out;
}

std::string prompt(const QJsonObject& body) {
    const QJsonValue v = body.value(QLatin1String("prompt"));
    if (v.isUndefined() || v.isNull()) {
        fail("prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter");
    }
    if (v.isString()) {
        return text(v.toString());
    }
    if (v.isArray() && v.toArray().size() == 1 && v.toArray().first().isString()) {
        return text(v.toArray().first().toString());
    }
    if (v.isArray()) {
        fail("prompt", "Only one prompt per request is supported (a string, or an array of one "
                       "string).");
    }
    wrongType("prompt", "a string", v);
}

std::vector<std::string> stops(const QJsonObject& body) {
    if (!given(body, "stop")) {
        return {};
    }
    const QJsonValue v = body.value(QLatin1String("stop"));
    if (v.isString()) {
        return {text(v.toString())};
    }
    if (!v.isArray()) {
        wrongType("stop", "a string or an array of strings", v);
    }
    const QJsonArray list = v.toArray();
    if (list.size() > kMaxStops) {
        fail("stop", "At most " + std::to_string(kMaxStops) + " stop strings.",
             "array_above_max_length");
    }
    std::vector<std::string> out;
    for (const QJsonValue& s : list) {
        if (!s.isString()) {
            wrongType("stop", "an array of strings", v);
        }
        out.push_back(text(s.toString()));
    }
    return out;
}

// Fields whose effect Hearth cannot give: refused rather than silently ignored.
void refuseUnsupported(const QJsonObject& body, Endpoint endpoint) {
    if (const auto n = integer(body, "n", 1, 128); n && *n != 1) {
        fail("n", "Only one choice per request is supported ('n' must be 1).", "unsupported_value");
    }
    if (given(body, "tools") && !body.value(QLatin1String("tools")).toArray().isEmpty()) {
        fail("tools", "Hearth runs no tools: 'tools' must be empty.", "unsupported_parameter");
    }
    if (const QJsonValue lp = body.value(QLatin1String("logprobs"));
        (lp.isBool() && lp.toBool()) || lp.isDouble()) {
        fail("logprobs", "Log probabilities are not supported.", "unsupported_parameter");
    }
    if (given(body, "response_format")) {
        const QJsonValue type =
            body.value(QLatin1String("response_format")).toObject().value(QLatin1String("type"));
        if (type.toString() != QLatin1String("text")) {
            fail("response_format", "Only the text response format is supported.",
                 "unsupported_value");
        }
    }
    if (endpoint == Endpoint::Completion) {
        if (boolean(body, "echo").value_or(false)) {
            fail("echo", "'echo' is not supported.", "unsupported_parameter");
        }
        if (integer(body, "best_of", 1, 128).value_or(1) != 1) {
            fail("best_of", "'best_of' must be 1.", "unsupported_value");
        }
        if (given(body, "suffix")) {
            fail("suffix", "'suffix' is not supported.", "unsupported_parameter");
        }
    }
}

ApiRequest parseObject(Endpoint endpoint, const QJsonObject& body, const Limits& limits) {
    ApiRequest r;
    r.endpoint = endpoint;
    if (given(body, "model")) {
        const QJsonValue model = body.value(QLatin1String("model"));
        if (!model.isString()) {
            wrongType("model", "a string", model);
        }
        r.model = text(model.toString());
    }
    refuseUnsupported(body, endpoint);
    if (endpoint == Endpoint::Chat) {
        r.messages = messages(body, limits);
    } else {
        r.prompt = prompt(body);
    }
    r.stream = boolean(body, "stream").value_or(false);
    if (given(body, "stream_options")) {
        const QJsonValue options = body.value(QLatin1String("stream_options"));
        if (!options.isObject()) {
            wrongType("stream_options", "an object", options);
        }
        r.include_usage = boolean(options.toObject(), "include_usage").value_or(false);
    }
    // The ranges are the sampling table's (OpenAI's names are the table's snake_case names).
    auto sampling = [&](hearth::SamplingField field) {
        const hearth::SamplingFieldInfo& f = hearth::sampling_field(field);
        return number(body, std::string(f.name).c_str(), f.min, f.max);
    };
    r.sampling.temperature = asFloat(sampling(hearth::SamplingField::Temperature));
    r.sampling.top_p = asFloat(sampling(hearth::SamplingField::TopP));
    r.sampling.min_p = asFloat(sampling(hearth::SamplingField::MinP));
    r.sampling.presence_penalty = asFloat(sampling(hearth::SamplingField::PresencePenalty));
    r.sampling.frequency_penalty = asFloat(sampling(hearth::SamplingField::FrequencyPenalty));
    const hearth::SamplingFieldInfo& top_k = hearth::sampling_field(hearth::SamplingField::TopK);
    if (const auto k = integer(body, "top_k", qint64(top_k.min), qint64(top_k.max))) {
        r.sampling.top_k = int(*k);
    }
    if (const auto seed = integer(body, "seed", std::numeric_limits<qint64>::min(),
                                  std::numeric_limits<qint64>::max())) {
        r.sampling.seed = uint64_t(*seed);
    }
    // max_completion_tokens is the newer name; it wins when both are given.
    for (const char* key : {"max_tokens", "max_completion_tokens"}) {
        if (const auto n = integer(body, key, 1, limits.max_tokens)) {
            r.max_tokens = int(*n);
        }
    }
    r.stop = stops(body);
    if (given(body, "reasoning_effort")) {
        const QJsonValue effort = body.value(QLatin1String("reasoning_effort"));
        if (!effort.isString()) {
            wrongType("reasoning_effort", "a string", effort);
        }
        const QString name = effort.toString();
        if (name == QLatin1String("low")) {
            r.reasoning_effort = ReasoningEffort::Low;
        } else if (name == QLatin1String("medium")) {
            r.reasoning_effort = ReasoningEffort::Medium;
        } else if (name == QLatin1String("high")) {
            r.reasoning_effort = ReasoningEffort::High;
        } else {
            fail("reasoning_effort", "'reasoning_effort' must be low, medium or high.");
        }
    }
    if (given(body, "chat_template_kwargs")) {
        const QJsonValue kwargs = body.value(QLatin1String("chat_template_kwargs"));
        if (!kwargs.isObject()) {
            wrongType("chat_template_kwargs", "an object", kwargs);
        }
        r.enable_thinking = boolean(kwargs.toObject(), "enable_thinking");
    }
    return r;
}

} // namespace

ParsedRequest parseRequest(Endpoint endpoint, const QByteArray& body, const Limits& limits) {
    if (body.size() > limits.max_body_bytes) {
        return ApiError{413,
                        "The request body is larger than " + std::to_string(limits.max_body_bytes) +
                            " bytes.",
                        "invalid_request_error", "", "request_too_large"};
    }
    QJsonParseError problem{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &problem);
    if (problem.error != QJsonParseError::NoError) {
        return ApiError{
            400,
            "We could not parse the JSON body of your request: " + text(problem.errorString()) +
                " at offset " + std::to_string(problem.offset) + ".",
            "invalid_request_error", "", "invalid_json"};
    }
    if (!document.isObject()) {
        return ApiError{400, "The request body must be a JSON object.", "invalid_request_error", "",
                        "invalid_json"};
    }
    try {
        return parseObject(endpoint, document.object(), limits);
    } catch (const Invalid& invalid) {
        return invalid.error;
    }
}

} // namespace hearth::server
