// The files attached to a message in the readable exports: their names and pages, then
// their whole stored text (what the model read), after the message's own text.
//
// Markdown:                                Plain text:
//
//   **Attached:** notes.md (1 page)          [Attached file: notes.md, 1 page]
//                                            ...text...
//   <details>                                [End of notes.md]
//   <summary>notes.md</summary>
//
//   ````text                                HTML:
//   ...text...
//   ````                                      <details class="attachment"><summary>notes.md
//                                             <span>1 page</span></summary><pre>...text...
//   </details>                                </pre></details>
//
// The Markdown fence is one backtick longer than the longest run of backticks in the text,
// so no line of the file can close it.
#include "renderers.h"

#include <algorithm>

using namespace hearth::storage;

namespace {

QString pagesLabel(const Attachment& a) {
    return a.pages == 1 ? QStringLiteral("1 page") : QStringLiteral("%1 pages").arg(a.pages);
}

QString fenceFor(const QString& text) {
    qsizetype longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), QLatin1Char('`'));
}

QString htmlEscapedText(const QString& text) {
    return text.toHtmlEscaped();
}

} // namespace

hearth::Result<void> loadAttachmentTexts(ConversationStore& store, ExportDocument& document) {
    for (const Message& m : document.messages) {
        for (const Attachment& a : m.attachments) {
            if (document.attachmentTexts.contains(a.id)) {
                continue;
            }
            hearth::Result<std::vector<std::string>> pages = store.attachment_pages(a.id);
            if (!pages) {
                return pages.error();
            }
            QStringList texts;
            for (const std::string& page : *pages) {
                texts << QString::fromStdString(page);
            }
            document.attachmentTexts.insert(a.id, texts.join(QStringLiteral("\n\n")));
        }
    }
    return {};
}

QString markdownAttachments(const ExportDocument& document, const Message& m) {
    if (m.attachments.empty()) {
        return {};
    }
    QStringList names;
    for (const Attachment& a : m.attachments) {
        names << QString::fromStdString(a.file_name) + QStringLiteral(" (") + pagesLabel(a) +
                     QLatin1Char(')');
    }
    QString md =
        QStringLiteral("**Attached:** ") + names.join(QStringLiteral(", ")) + QStringLiteral("\n");
    for (const Attachment& a : m.attachments) {
        const QString text = document.attachmentTexts.value(a.id);
        const QString fence = fenceFor(text);
        md += QStringLiteral("\n<details>\n<summary>") +
              QString::fromStdString(a.file_name).toHtmlEscaped() +
              QStringLiteral("</summary>\n\n") + fence + QStringLiteral("text\n") + text +
              (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) + fence +
              QStringLiteral("\n\n</details>\n");
    }
    return md;
}

QString plainTextAttachments(const ExportDocument& document, const Message& m) {
    QString out;
    for (const Attachment& a : m.attachments) {
        const QString name = QString::fromStdString(a.file_name);
        const QString text = document.attachmentTexts.value(a.id);
        out += QStringLiteral("[Attached file: ") + name + QStringLiteral(", ") + pagesLabel(a) +
               QStringLiteral("]\n") + text +
               (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) +
               QStringLiteral("[End of ") + name + QStringLiteral("]\n");
    }
    return out;
}

QString htmlAttachments(const ExportDocument& document, const Message& m) {
    QString html;
    for (const Attachment& a : m.attachments) {
        html += QStringLiteral("<details class=\"attachment\"><summary>") +
                htmlEscapedText(QString::fromStdString(a.file_name)) + QStringLiteral(" <span>") +
                pagesLabel(a) + QStringLiteral("</span></summary><pre>") +
                htmlEscapedText(document.attachmentTexts.value(a.id)) +
                QStringLiteral("</pre></details>\n");
    }
    return html;
}
