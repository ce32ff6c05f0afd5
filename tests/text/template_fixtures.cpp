#include "template_fixtures.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <cmath>

namespace hearth::test {

QString templates_dir() {
    return QStringLiteral(HEARTH_MODELS_DIR "/templates");
}
QString template_data_dir() {
    return QStringLiteral(HEARTH_TEMPLATE_DATA_DIR);
}

std::optional<QJsonObject> read_json_object(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::nullopt;
    }
    return doc.object();
}

std::optional<std::string> read_text(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    return file.readAll().toStdString();
}

QString sha256_hex(const std::string& bytes) {
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Sha256)
            .toHex());
}

std::string to_std(const QString& s) {
    return s.toUtf8().toStdString();
}

jinja::Value value_from_json(const QJsonValue& v) {
    using jinja::Value;
    switch (v.type()) {
    case QJsonValue::Null:
        return Value(jinja::None{});
    case QJsonValue::Bool:
        return Value(v.toBool());
    case QJsonValue::Double:
        return Value(int64_t(std::llround(v.toDouble())));
    case QJsonValue::String:
        return Value(to_std(v.toString()));
    case QJsonValue::Array: {
        std::vector<Value> items;
        for (const QJsonValue& item : v.toArray()) {
            items.push_back(value_from_json(item));
        }
        return Value::make_list(std::move(items));
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (o.contains("__float__")) {
            return Value(o["__float__"].toDouble());
        }
        Value d = Value::make_dict();
        for (const QJsonValue& pair : o["__pairs__"].toArray()) {
            d.dict().set(value_from_json(pair.toArray()[0]), value_from_json(pair.toArray()[1]));
        }
        return d;
    }
    default:
        return Value();
    }
}

std::vector<ChatMessage> messages_from_json(const QJsonArray& messages) {
    std::vector<ChatMessage> out;
    for (const QJsonValue& m : messages) {
        out.push_back({to_std(m["role"].toString()), to_std(m["content"].toString()),
                       to_std(m["reasoning_content"].toString())});
    }
    return out;
}

ChatRenderOptions options_from_json(const QJsonObject& conversation) {
    ChatRenderOptions o;
    o.add_generation_prompt = conversation["add_generation_prompt"].toBool();
    const QJsonObject extra = conversation["options"].toObject();
    if (extra.contains("enable_thinking")) {
        o.enable_thinking = extra["enable_thinking"].toBool();
    }
    if (extra.contains("thinking_budget")) {
        o.thinking_budget = extra["thinking_budget"].toInt();
    }
    if (extra.contains("reasoning_effort")) {
        o.reasoning_effort = parse_reasoning_effort(to_std(extra["reasoning_effort"].toString()));
    }
    o.clock = golden_time;
    return o;
}

std::tm golden_time() {
    std::tm t{};
    t.tm_year = 2024 - 1900;
    t.tm_mon = 8;
    t.tm_mday = 5;
    t.tm_hour = 14;
    t.tm_min = 30;
    t.tm_sec = 7;
    timegm(&t); // fills in the weekday and the day of the year
    return t;
}

} // namespace hearth::test
