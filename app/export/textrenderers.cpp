// The Markdown and plain-text exports.
//
// Markdown (YAML front matter, then the messages; content and its code fences as written):
//
//   ---
//   title: "Plans for the trip"
//   id: "0b6c5a3e-..."
//   created: 2025-03-01T09:30:00.000Z
//   updated: 2025-03-01T10:02:11.480Z
//   models: ["Qwen3 1.7B"]
//   ---
//
//   # Plans for the trip
//
//   ## User
//
//   ...content...
//
//   ## Assistant · Qwen3 1.7B
//
//   <details>
//   <summary>Thinking</summary>
//
//   ...thinking...
//
//   </details>
//
//   ...content...
//
// With every branch, a line before the first message of each version names it:
//
//   ---
//
//   **Answer, version 2 of 3**
//
//   ## Assistant · Qwen3 1.7B
//
// Plain text:
//
//   Plans for the trip
//   Created 2025-03-01 09:30 UTC · updated 2025-03-01 10:02 UTC · Qwen3 1.7B
//
//   --- User ---
//   ...content...
//
//   --- Assistant (Qwen3 1.7B) ---
//   [Thinking]
//   ...thinking...
//   [End of thinking]
//   ...content...
//
// and with every branch "=== Answer, version 2 of 3 ===" before a version.
#include "fencedblocks.h"
#include "renderers.h"

using namespace hearth::storage;

namespace {

// A YAML double-quoted scalar: backslash, quote, control and line-separator characters
// escaped, so any title survives a YAML parser unchanged.
QString yamlQuoted(const QString& text) {
    QString out = QStringLiteral("\"");
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += QLatin1Char('\\');
            out += c;
        } else if (u == '\n') {
            out += QStringLiteral("\\n");
        } else if (u == '\t') {
            out += QStringLiteral("\\t");
        } else if (u < 0x20 || u == 0x7F) {
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        } else if (u == 0x85) {
            out += QStringLiteral("\\N");
        } else if (u == 0x2028) {
            out += QStringLiteral("\\L");
        } else if (u == 0x2029) {
            out += QStringLiteral("\\P");
        } else {
            out += c;
        }
    }
    return out + QLatin1Char('"');
}

// The text, with a closing fence added when it ends inside a code block (an answer cut off
// mid-code), so the rest of the document is not read as code.
QString closedMarkdown(const QString& text) {
    const QList<TextBlock> blocks = splitCodeFences(text);
    if (!blocks.isEmpty() && !blocks.last().closed) {
        return text + (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) +
               blocks.last().fence;
    }
    return text;
}

} // namespace

QString renderMarkdown(const ExportDocument& document) {
    const Conversation& c = document.conversation;
    QString md = QStringLiteral("---\n");
    md += QStringLiteral("title: ") + yamlQuoted(displayTitle(document)) + QLatin1Char('\n');
    md += QStringLiteral("id: ") + yamlQuoted(QString::fromStdString(c.uuid)) + QLatin1Char('\n');
    md += QStringLiteral("created: ") + isoTime(c.created_at) + QLatin1Char('\n');
    md += QStringLiteral("updated: ") + isoTime(c.updated_at) + QLatin1Char('\n');
    QStringList models;
    for (const QString& model : modelsUsed(document)) {
        models << yamlQuoted(model);
    }
    md += QStringLiteral("models: [") + models.join(QStringLiteral(", ")) + QStringLiteral("]\n");
    if (c.folder) {
        md += QStringLiteral("folder: ") + yamlQuoted(QString::fromStdString(*c.folder)) +
              QLatin1Char('\n');
    }
    if (c.pinned) {
        md += QStringLiteral("pinned: true\n");
    }
    if (c.archived) {
        md += QStringLiteral("archived: true\n");
    }
    md += QStringLiteral("---\n\n# ") + displayTitle(document).replace(QLatin1Char('\n'), u' ') +
          QStringLiteral("\n");
    for (size_t i = 0; i < document.messages.size(); ++i) {
        const Message& m = document.messages[i];
        if (const QString version = versionLabel(m, branchMark(document, i)); !version.isEmpty()) {
            md += QStringLiteral("\n---\n\n**") + version + QStringLiteral("**\n");
        }
        md += QStringLiteral("\n## ") + roleLabel(m);
        if (const QString model = modelOf(m); !model.isEmpty()) {
            md += QStringLiteral(" · ") + model;
        }
        md += QStringLiteral("\n\n");
        if (!m.thinking.empty()) {
            md += QStringLiteral("<details>\n<summary>Thinking</summary>\n\n") +
                  closedMarkdown(QString::fromStdString(m.thinking)) +
                  QStringLiteral("\n\n</details>\n\n");
        }
        const QString content = closedMarkdown(QString::fromStdString(m.content));
        if (!content.isEmpty()) {
            md += content + QLatin1Char('\n');
        }
        if (!m.attachments.empty()) {
            md += (content.isEmpty() ? QString() : QStringLiteral("\n")) +
                  markdownAttachments(document, m);
        }
        if (const SourcesLine sources = sourcesLine(document, m, SourcesStyle::Markdown);
            !sources.isEmpty()) {
            md += QStringLiteral("\n**") + sources.label + QStringLiteral("** ") + sources.sources +
                  QLatin1Char('\n');
        }
        if (const QString note = statusNote(m); !note.isEmpty()) {
            md += QStringLiteral("\n*(") + note + QStringLiteral(")*\n");
        }
    }
    return md;
}

QString renderPlainText(const ExportDocument& document) {
    const Conversation& c = document.conversation;
    QString text = displayTitle(document) + QLatin1Char('\n');
    text += QStringLiteral("Created ") + utcTime(c.created_at) + QStringLiteral(" · updated ") +
            utcTime(c.updated_at);
    const QStringList models = modelsUsed(document);
    if (!models.isEmpty()) {
        text += QStringLiteral(" · ") + models.join(QStringLiteral(", "));
    }
    text += QLatin1Char('\n');
    for (size_t i = 0; i < document.messages.size(); ++i) {
        const Message& m = document.messages[i];
        if (const QString version = versionLabel(m, branchMark(document, i)); !version.isEmpty()) {
            text += QStringLiteral("\n=== ") + version + QStringLiteral(" ===\n");
        }
        text += QStringLiteral("\n--- ") + roleLabel(m);
        if (const QString model = modelOf(m); !model.isEmpty()) {
            text += QStringLiteral(" (") + model + QLatin1Char(')');
        }
        text += QStringLiteral(" ---\n");
        if (!m.thinking.empty()) {
            text += QStringLiteral("[Thinking]\n") + QString::fromStdString(m.thinking) +
                    QStringLiteral("\n[End of thinking]\n");
        }
        if (!m.content.empty()) {
            text += QString::fromStdString(m.content) + QLatin1Char('\n');
        }
        text += plainTextAttachments(document, m);
        if (const SourcesLine sources = sourcesLine(document, m, SourcesStyle::Plain);
            !sources.isEmpty()) {
            text += sources.label + QLatin1Char(' ') + sources.sources + QLatin1Char('\n');
        }
        if (const QString note = statusNote(m); !note.isEmpty()) {
            text += QStringLiteral("(") + note + QStringLiteral(")\n");
        }
    }
    return text;
}
