// Readable exports of one conversation: Markdown, plain text, self-contained HTML and PDF
// (pdfrenderer.h). They show what the user saw, the active path of the message tree, or
// every branch (ExportScope::AllBranches); the lossless JSON export (storage/jsonarchive.h)
// always keeps every branch. Times are written in UTC.
#pragma once

#include "answersources.h"
#include "conversationstore.h"
#include "exportformat.h"
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

// Where a message stands in an all-branches export. Messages sharing a parent are versions
// of one another (an edit, a regenerated answer); each version is followed by everything
// that continues from it before the next version begins (depth first, oldest first).
struct BranchMark {
    int version = 0;  // 1-based among its siblings, on the first message of a version
    int versions = 0; // how many siblings; 0 for a message that has none (not marked)
    int depth = 0;    // how many choices its path makes, its own included: the indent
    QString branch;   // the version taken at each of those choices: "2.1"; "" at depth 0
};

// One conversation as exported: its fields, and its active path or (AllBranches) every
// message in tree order with `marks` alongside (marks is empty for the active path).
struct ExportDocument {
    hearth::storage::Conversation conversation;
    std::vector<hearth::storage::Message> messages;
    std::vector<BranchMark> marks;
    // The text of each file attached on the path, by Attachment::id (pages joined by a
    // blank line).
    QHash<int64_t, QString> attachmentTexts;
    // The document search behind each answer made with one, by Message::id.
    QHash<int64_t, hearth::storage::AnswerSearch> searches;
};

hearth::Result<ExportDocument> loadExportDocument(hearth::storage::ConversationStore& store,
                                                  int64_t conversationId,
                                                  ExportScope scope = Export::ShownBranch);
// The mark of messages[i], or an unmarked one.
BranchMark branchMark(const ExportDocument& document, size_t i);
// "Answer, version 2 of 3" ("Message, ..." for the user's, "System prompt, ..."), with the
// branch it belongs to when it is nested: "Answer, version 2 of 3 (in branch 1.2)"; "" for
// a message that has no other version.
QString versionLabel(const hearth::storage::Message& message, const BranchMark& mark);

// Reads the text of the files attached on `document`'s path (attachmentexport.cpp).
hearth::Result<void> loadAttachmentTexts(hearth::storage::ConversationStore& store,
                                         ExportDocument& document);
// "notes.md (1 page), report.pdf (2 pages)": the files attached to `message`.
QString attachedNames(const hearth::storage::Message& message);
// The files attached to `message` in each format: names, pages and their text.
QString markdownAttachments(const ExportDocument& document,
                            const hearth::storage::Message& message);
QString plainTextAttachments(const ExportDocument& document,
                             const hearth::storage::Message& message);
QString htmlAttachments(const ExportDocument& document, const hearth::storage::Message& message);

// Reads the document searches of the answers on `document`'s path (sourceexport.cpp).
hearth::Result<void> loadAnswerSearches(hearth::storage::ConversationStore& store,
                                        ExportDocument& document);
// The line under an answer made with document search: a label ("Sources:", "Sources given
// to the model:") and the sources ("[1] Lease.pdf, page 3; [2] notes.md", or "none found in
// Home"), escaped for the format; both empty for an answer made without.
enum class SourcesStyle { Markdown, Plain, Html };
struct SourcesLine {
    QString label;
    QString sources;
    bool isEmpty() const { return label.isEmpty(); }
};
SourcesLine sourcesLine(const ExportDocument& document, const hearth::storage::Message& message,
                        SourcesStyle style);

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
