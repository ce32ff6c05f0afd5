// Edits of an exported JSON archive for tst_json_archive's bad-file rows: a mutation, and
// setters of a conversation's, a message's or the first answer's provenance field.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <functional>

using Mutation = std::function<void(QJsonObject&)>;

inline QJsonObject message_at(QJsonObject& root, int c, int m) {
    return root["conversations"].toArray()[c].toObject()["messages"].toArray()[m].toObject();
}

inline void set_message(QJsonObject& root, int c, int m, const QJsonObject& message) {
    QJsonArray conversations = root["conversations"].toArray();
    QJsonObject conversation = conversations[c].toObject();
    QJsonArray messages = conversation["messages"].toArray();
    messages[m] = message;
    conversation["messages"] = messages;
    conversations[c] = conversation;
    root["conversations"] = conversations;
}

inline void set_conversation_field(QJsonObject& root, int c, const QString& key,
                                   const QJsonValue& v) {
    QJsonArray conversations = root["conversations"].toArray();
    QJsonObject conversation = conversations[c].toObject();
    conversation[key] = v;
    conversations[c] = conversation;
    root["conversations"] = conversations;
}

inline void set_message_field(QJsonObject& root, int c, int m, const QString& key,
                              const QJsonValue& v) {
    QJsonObject message = message_at(root, c, m);
    message[key] = v;
    set_message(root, c, m, message);
}

inline void set_provenance_field(QJsonObject& root, const QString& key, const QJsonValue& v) {
    QJsonObject message = message_at(root, 0, 2);
    QJsonObject provenance = message["provenance"].toObject();
    provenance[key] = v;
    message["provenance"] = provenance;
    set_message(root, 0, 2, message);
}
