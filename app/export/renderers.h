// Readable exports of one conversation: Markdown, plain text and self-contained HTML. They
// show what the user saw, the active path of the message tree; the lossless JSON export
// (storage/jsonarchive.h) keeps every branch. Times are written in UTC.
#pragma once

#include "conversationstore.h"
#include "result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace KSyntaxHighlighting {
class Repository;
}
class HtmlCodeHighlighter;

// One conversation as exported: its fields and its active path.
struct ExportDocument {
    hearth::storage::Conversation conversation;
    std::vector<hearth::storage::Message> messages;
    // The text of each file attached on the path, by Attachment::id (pages joined by a
    // blank line).
    QHash<int64_t, QString> attachmentTexts;
};

hearth::Result<ExportDocument> loadExportDocument(hearth::storage::ConversationStore& store,
                                                  int64_t conversationId);

// Reads the text of the files attached on `document`'s path (attachmentexport.cpp).
hearth::Result<void> loadAttachmentTexts(hearth::storage::ConversationStore& store,
                                         ExportDocument& document);
// The files attached to `message` in each format: names, pages and their text.
QString markdownAttachments(const ExportDocument& document,
                            const hearth::storage::Message& message);
QString plainTextAttachments(const ExportDocument& document,
                             const hearth::storage::Message& message);
QString htmlAttachments(const ExportDocument& document, const hearth::storage::Message& message);

// Shared wording of the renderers.
QString displayTitle(const ExportDocument& document);       // "Untitled conversation" when empty
QString roleLabel(const hearth::storage::Message& message); // "User", "Assistant", "System"
QString modelOf(const hearth::storage::Message& message);   // "" when unknown
QStringList modelsUsed(const ExportDocument& document);     // in order of first use
QString utcTime(int64_t msSinceEpoch);                      // "2025-03-01 09:30 UTC"
QString isoTime(int64_t msSinceEpoch);                      // "2025-03-01T09:30:00.000Z"
// "" for a finished answer, else a short note: "stopped", "interrupted", "error: ...".
QString statusNote(const hearth::storage::Message& message);

// Markdown with YAML front matter (title, id, dates, models); messages under "## Role"
// headings, thinking in <details>, content (and its code fences) as written.
QString renderMarkdown(const ExportDocument& document);
QString renderPlainText(const ExportDocument& document);

// One HTML file with nothing external: inline CSS with light and dark palettes chosen by
// prefers-color-scheme, every text escaped, code blocks highlighted by KSyntaxHighlighting.
class HtmlRenderer {
public:
    HtmlRenderer();
    ~HtmlRenderer();
    QString render(const ExportDocument& document);

private:
    std::unique_ptr<KSyntaxHighlighting::Repository> repository_;
    std::unique_ptr<HtmlCodeHighlighter> highlighter_;
};
