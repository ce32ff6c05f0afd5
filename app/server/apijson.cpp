#include "apijson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hearth::server {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonValue orNull(const std::string& s) {
    return s.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(qs(s));
}

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray event(const QJsonObject& o) {
    return "data: " + compact(o) + "\n\n";
}

QJsonObject headJson(const ResponseHead& head, bool chunk) {
    const bool chat = head.endpoint == Endpoint::Chat;
    const char* object =
        chat ? (chunk ? "chat.completion.chunk" : "chat.completion") : "text_completion";
    return QJsonObject{{"id", qs(head.id)},
                       {"object", QLatin1String(object)},
                       {"created", head.created},
                       {"model", qs(head.model)}};
}

} // namespace

QJsonObject usageJson(const Usage& usage) {
    return QJsonObject{{"prompt_tokens", usage.prompt_tokens},
                       {"completion_tokens", usage.completion_tokens},
                       {"total_tokens", usage.prompt_tokens + usage.completion_tokens}};
}

QByteArray errorBody(const ApiError& error) {
    const QJsonObject inner{{"message", qs(error.message)},
                            {"type", qs(error.type)},
                            {"param", orNull(error.param)},
                            {"code", orNull(error.code)}};
    return compact(QJsonObject{{"error", inner}});
}

namespace {
QJsonObject modelJson(const InstalledModel& m) {
    return QJsonObject{{"id", qs(m.id)},
                       {"object", QLatin1String("model")},
                       {"created", m.created},
                       {"owned_by", QLatin1String("local")}};
}
} // namespace

QByteArray modelsBody(const std::vector<InstalledModel>& models) {
    QJsonArray data;
    for (const InstalledModel& m : models) {
        data.append(modelJson(m));
    }
    return compact(QJsonObject{{"object", QLatin1String("list")}, {"data", data}});
}

QByteArray modelBody(const InstalledModel& model) {
    return compact(modelJson(model));
}

QByteArray completionBody(const ResponseHead& head, const std::string& answer,
                          const std::string& reasoning, const std::string& finish,
                          const Usage& usage) {
    QJsonObject choice{{"index", 0}, {"finish_reason", qs(finish)}};
    if (head.endpoint == Endpoint::Chat) {
        QJsonObject message{{"role", QLatin1String("assistant")}, {"content", qs(answer)}};
        if (!reasoning.empty()) {
            message.insert(QLatin1String("reasoning_content"), qs(reasoning));
        }
        choice.insert(QLatin1String("message"), message);
    } else {
        choice.insert(QLatin1String("text"), qs(answer));
        choice.insert(QLatin1String("logprobs"), QJsonValue::Null);
    }
    QJsonObject body = headJson(head, false);
    body.insert(QLatin1String("choices"), QJsonArray{choice});
    body.insert(QLatin1String("usage"), usageJson(usage));
    return compact(body);
}

QByteArray chunkEvent(const ResponseHead& head, const std::optional<std::string>& answer,
                      const std::optional<std::string>& reasoning, bool role,
                      const std::optional<std::string>& finish, bool withUsageNull) {
    QJsonObject choice{{"index", 0},
                       {"finish_reason", finish ? QJsonValue(qs(*finish)) : QJsonValue()}};
    if (head.endpoint == Endpoint::Chat) {
        QJsonObject delta;
        if (role) {
            delta.insert(QLatin1String("role"), QLatin1String("assistant"));
            delta.insert(QLatin1String("content"), QLatin1String(""));
        }
        if (answer) {
            delta.insert(QLatin1String("content"), qs(*answer));
        }
        if (reasoning) {
            delta.insert(QLatin1String("reasoning_content"), qs(*reasoning));
        }
        choice.insert(QLatin1String("delta"), delta);
    } else {
        choice.insert(QLatin1String("text"), qs(answer.value_or(std::string())));
        choice.insert(QLatin1String("logprobs"), QJsonValue::Null);
    }
    QJsonObject body = headJson(head, true);
    body.insert(QLatin1String("choices"), QJsonArray{choice});
    if (withUsageNull) {
        body.insert(QLatin1String("usage"), QJsonValue::Null);
    }
    return event(body);
}

QByteArray usageEvent(const ResponseHead& head, const Usage& usage) {
    QJsonObject body = headJson(head, true);
    body.insert(QLatin1String("choices"), QJsonArray{});
    body.insert(QLatin1String("usage"), usageJson(usage));
    return event(body);
}

QByteArray errorEvent(const ApiError& error) {
    return "data: " + errorBody(error) + "\n\n";
}

QByteArray doneEvent() {
    return QByteArrayLiteral("data: [DONE]\n\n");
}

} // namespace hearth::server
