// Shared by the chat-template tests: the goldens Python's jinja2 rendered
// (tests/data/templates, see tests/reference/template_goldens.py), the shared templates
// folder, and conversions from their JSON to the engine's types.
#pragma once

#include "jinja_value.h"
#include "text/chat_template.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace hearth::test {

QString templates_dir();     // HEARTH_MODELS_DIR/templates
QString template_data_dir(); // tests/data/templates

// A JSON file's top-level object; nothing when it cannot be read or parsed.
std::optional<QJsonObject> read_json_object(const QString& path);
// A file's bytes as a UTF-8 std::string; nothing when it cannot be read.
std::optional<std::string> read_text(const QString& path);
QString sha256_hex(const std::string& bytes);

// A variable in the goldens' tagged form: {"__pairs__": [[k, v], ...]} is an ordered dict,
// {"__float__": x} a float; other numbers are ints.
jinja::Value value_from_json(const QJsonValue& v);
// Goldens' messages (role, content, optional reasoning_content).
std::vector<ChatMessage> messages_from_json(const QJsonArray& messages);
// A golden conversation's options (add_generation_prompt, options.enable_thinking,
// options.thinking_budget and options.reasoning_effort) with the goldens' fixed strftime_now
// time.
ChatRenderOptions options_from_json(const QJsonObject& conversation);

// The time the goldens give strftime_now: 2024-09-05 14:30:07.
std::tm golden_time();

std::string to_std(const QString& s);

} // namespace hearth::test
