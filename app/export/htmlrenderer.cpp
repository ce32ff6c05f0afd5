// HTML export: one file, no external resources (no scripts, fonts, images or links to
// load), every piece of text escaped. Prose keeps its line breaks (white-space: pre-wrap);
// fenced code blocks are highlighted; formulas ($...$, $$...$$, \(...\), \[...\]) become
// MathML with their LaTeX as an annotation, or stay as code when the math renderer does not
// support them. Layout:
//
//   <main>
//     <header><h1>title</h1><p class="meta">dates · models</p></header>
//     <article class="message user"><div class="role">User</div>
//       <div class="body"><p>...</p><details class="attachment">...</details></div></article>
//     <article class="message assistant"><div class="role">Assistant · model</div>
//       <details class="thinking"><summary>Thinking</summary>...</details>
//       <div class="body"><p>...</p><pre class="code" data-language="cpp"><code>...
//       </code></pre><p class="sources">Sources: [1] Lease.pdf, page 3</p></div></article>
//   </main>
//
// With every branch, a message in a nested branch has class "branch" and a left margin by its
// depth, and the first message of a version starts with <div class="version">Answer,
// version 2 of 3</div>.
#include "fencedblocks.h"
#include "htmlcodehighlighter.h"
#include "mathml.h"
#include "mathscan.h"
#include "renderers.h"

#include <KSyntaxHighlighting/Repository>
#include <QRegularExpression>
#include <algorithm>

using namespace hearth::storage;

namespace {

// Page colours: the app's own palette (ui/Theme.qml), light by default, dark when the
// reader's system prefers it.
constexpr const char* kPageCss = R"css(
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f1e1c;--muted:#5e5b55;--bubble:#f1efe9;
--border:#e2dfd8;--accent:#b4460f;}
@media (prefers-color-scheme: dark){:root{--bg:#1c1b1a;--fg:#ecebe8;--muted:#aaa7a1;
--bubble:#2e2c2a;--border:#3a3835;--accent:#f59e5b;}}
*{box-sizing:border-box;}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 "Noto Sans",system-ui,sans-serif;}
main{max-width:760px;margin:0 auto;padding:32px 16px;}
h1{font-size:24px;margin:0 0 4px;}
.meta{color:var(--muted);font-size:13px;margin:0 0 24px;}
.message{margin:0 0 24px;}
.role{color:var(--muted);font-size:13px;font-weight:600;margin-bottom:4px;}
.message.user{display:flex;flex-direction:column;align-items:flex-end;}
.message.user .body{background:var(--bubble);border-radius:14px;padding:8px 12px;max-width:80%;}
.body p{margin:0 0 12px;white-space:pre-wrap;overflow-wrap:anywhere;}
.body p:last-child{margin-bottom:0;}
.note{color:var(--muted);font-style:italic;font-size:13px;}
details.thinking{border-left:3px solid var(--border);padding:0 0 0 12px;margin:0 0 12px;
color:var(--muted);}
details.thinking summary{cursor:pointer;}
details.attachment{border:1px solid var(--border);border-radius:8px;padding:4px 8px;
margin:8px 0 0;}
details.attachment summary{cursor:pointer;font-weight:500;}
details.attachment summary span{color:var(--muted);font-weight:400;font-size:13px;}
details.attachment pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:8px 0 4px;
font:13px/1.45 "Noto Sans Mono",ui-monospace,monospace;}
p.sources{color:var(--muted);font-size:13px;margin:8px 0 0;overflow-wrap:anywhere;}
::selection{background:var(--accent);color:var(--bg);}
.version{color:var(--accent);font-size:13px;font-weight:600;margin:0 0 4px;}
.branch{border-left:2px solid var(--border);padding-left:12px;}
pre.code{border:1px solid var(--border);border-radius:8px;padding:12px;overflow-x:auto;
font:13px/1.45 "Noto Sans Mono",ui-monospace,monospace;margin:0 0 12px;}
math{font-family:"Noto Sans Math",math;}
)css";

// A paragraph's text with its formulas as MathML.
QString withMath(const QString& paragraph) {
    QString html;
    for (const hearth::math::TextSpan& span : hearth::math::splitMath(paragraph)) {
        if (span.kind == hearth::math::TextSpan::Kind::Text) {
            html += htmlEscaped(span.text);
        } else if (const QString ml = hearth::math::toMathML(span.text, span.display);
                   !ml.isEmpty()) {
            html += ml;
        } else {
            html += QStringLiteral("<code class=\"math\">") +
                    htmlEscaped(paragraph.mid(span.start, span.length)) + QStringLiteral("</code>");
        }
    }
    return html;
}

QString proseHtml(const QString& text) {
    static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n"));
    QString html;
    for (const QString& paragraph : text.split(blankLines)) {
        const QString trimmed = paragraph.trimmed();
        if (!trimmed.isEmpty()) {
            html += QStringLiteral("<p>") + withMath(trimmed) + QStringLiteral("</p>\n");
        }
    }
    return html;
}

QString markdownHtml(const QString& text, HtmlCodeHighlighter& highlighter) {
    QString html;
    for (const TextBlock& block : splitCodeFences(text)) {
        if (block.kind == TextBlock::Kind::Prose) {
            html += proseHtml(block.text);
        } else {
            html += QStringLiteral("<pre class=\"code\" data-language=\"") +
                    htmlEscaped(block.language) + QStringLiteral("\"><code>") +
                    highlighter.highlight(block.text, block.language) +
                    QStringLiteral("</code></pre>\n");
        }
    }
    return html;
}

} // namespace

HtmlRenderer::HtmlRenderer()
    : repository_(std::make_unique<KSyntaxHighlighting::Repository>()),
      highlighter_(std::make_unique<HtmlCodeHighlighter>(*repository_)) {}

HtmlRenderer::~HtmlRenderer() = default;

QString HtmlRenderer::render(const ExportDocument& document) {
    highlighter_->reset();
    const Conversation& c = document.conversation;
    QString meta = QStringLiteral("Created ") + utcTime(c.created_at) +
                   QStringLiteral(" · updated ") + utcTime(c.updated_at);
    if (const QStringList models = modelsUsed(document); !models.isEmpty()) {
        meta += QStringLiteral(" · ") + models.join(QStringLiteral(", "));
    }
    QString body = QStringLiteral("<main>\n<header><h1>") + htmlEscaped(displayTitle(document)) +
                   QStringLiteral("</h1><p class=\"meta\">") + htmlEscaped(meta) +
                   QStringLiteral("</p></header>\n");
    for (size_t i = 0; i < document.messages.size(); ++i) {
        const Message& m = document.messages[i];
        const BranchMark mark = branchMark(document, i);
        QString role = roleLabel(m);
        if (const QString model = modelOf(m); !model.isEmpty()) {
            role += QStringLiteral(" · ") + model;
        }
        body += QStringLiteral("<article class=\"message ") + roleLabel(m).toLower() +
                (mark.depth > 0 ? QStringLiteral(" branch\" style=\"margin-left:%1px")
                                      .arg(16 * std::min(mark.depth - 1, 6))
                                : QString()) +
                QStringLiteral("\">");
        if (const QString version = versionLabel(m, mark); !version.isEmpty()) {
            body += QStringLiteral("<div class=\"version\">") + htmlEscaped(version) +
                    QStringLiteral("</div>");
        }
        body +=
            QStringLiteral("<div class=\"role\">") + htmlEscaped(role) + QStringLiteral("</div>\n");
        if (!m.thinking.empty()) {
            body += QStringLiteral("<details class=\"thinking\"><summary>Thinking</summary>\n") +
                    markdownHtml(QString::fromStdString(m.thinking), *highlighter_) +
                    QStringLiteral("</details>\n");
        }
        body += QStringLiteral("<div class=\"body\">\n") +
                markdownHtml(QString::fromStdString(m.content), *highlighter_);
        body += htmlAttachments(document, m);
        if (const SourcesLine sources = sourcesLine(document, m, SourcesStyle::Html);
            !sources.isEmpty()) {
            body += QStringLiteral("<p class=\"sources\">") + htmlEscaped(sources.label) +
                    QLatin1Char(' ') + sources.sources + QStringLiteral("</p>\n");
        }
        if (const QString note = statusNote(m); !note.isEmpty()) {
            body += QStringLiteral("<p class=\"note\">(") + htmlEscaped(note) +
                    QStringLiteral(")</p>\n");
        }
        body += QStringLiteral("</div></article>\n");
    }
    body += QStringLiteral("</main>\n");
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<meta name=\"generator\" content=\"Hearth ") +
           QStringLiteral(HEARTH_VERSION) + QStringLiteral("\">\n<title>") +
           htmlEscaped(displayTitle(document)) + QStringLiteral("</title>\n<style>") +
           QString::fromUtf8(kPageCss) + highlighter_->css() +
           QStringLiteral("</style>\n</head>\n<body>\n") + body +
           QStringLiteral("</body>\n</html>\n");
}
