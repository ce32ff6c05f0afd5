// The PDF's layout, top to bottom:
//
//   Title (bold, large)
//   Created … · updated … · models (grey)
//   [Answer, version 2 of 3]            accent colour, all-branches exports only
//   Assistant · model                    bold grey
//   ┃ Reasoning                          framed, grey, smaller: marked as the model's thinking
//   ┃ …
//   prose paragraphs (formulas through insertPdfFormula)
//   ┌ code, highlighted ┐               shaded frame, monospace, wrapped
//   Attached: notes.md (1 page)          grey, the files of a question (names only)
//   Sources: [1] Lease.pdf, page 3       grey, under an answer made with document search
//   (stopped)                            italic note
//
// Messages of a nested branch are indented by their depth (BranchMark::depth, at most 6).
#include "pdfrenderer.h"

#include "fencedblocks.h"
#include "mathscan.h"
#include "pdfcodehighlighter.h"
#include "pdfformula.h"

#include <KSyntaxHighlighting/Repository>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <algorithm>

using namespace hearth::storage;

namespace {

constexpr qreal kBodyPoints = 10;
constexpr qreal kIndentPoints = 14;
constexpr int kMaxIndent = 6;
const QColor kMuted(0x5e, 0x5b, 0x55);  // ui/Theme.qml's secondary text
const QColor kAccent(0xb4, 0x46, 0x0f); // and its accent
const QColor kBorder(0xe2, 0xdf, 0xd8);

// The families in order of preference: a glyph missing from the first (Chinese in Noto
// Sans) is taken from the next.
QStringList sansFamilies() {
    return {QStringLiteral("Noto Sans"), QStringLiteral("Noto Sans CJK SC")};
}
QStringList monoFamilies() {
    return {QStringLiteral("Noto Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC")};
}

QTextCharFormat textFormat(qreal points, const QColor& colour, bool bold = false) {
    QTextCharFormat format;
    format.setFontFamilies(sansFamilies());
    format.setFontPointSize(points);
    format.setForeground(colour);
    format.setFontWeight(bold ? QFont::DemiBold : QFont::Normal);
    return format;
}

class Builder {
public:
    Builder(QTextDocument& document, PdfCodeHighlighter& highlighter)
        : cursor_(&document), highlighter_(highlighter) {}

    void heading(const QString& text, qreal points, const QColor& colour, qreal spaceBefore) {
        block(spaceBefore);
        cursor_.insertText(text, textFormat(points, colour, true));
    }

    void line(const QString& text, const QTextCharFormat& format, qreal spaceBefore) {
        block(spaceBefore);
        cursor_.insertText(text, format);
    }

    // Prose and code blocks of a message's content or reasoning.
    void markdown(const QString& text, const QTextCharFormat& prose) {
        for (const TextBlock& part : splitCodeFences(text)) {
            if (part.kind == TextBlock::Kind::Code) {
                code(part.text, part.language);
            } else {
                paragraphs(part.text, prose);
            }
        }
    }

    // The reasoning, in a frame with a rule on its left, headed "Reasoning".
    void reasoning(const QString& text) {
        QTextFrameFormat frame;
        frame.setBorder(0);
        frame.setLeftMargin(indentPoints());
        frame.setPadding(6);
        frame.setTopMargin(4);
        frame.setBackground(QColor(0xf6, 0xf5, 0xf1));
        frame.setBorderBrush(kBorder);
        QTextFrame* box = cursor_.insertFrame(frame);
        const int savedIndent = indent_;
        indent_ = 0;
        cursor_.insertText(QStringLiteral("Reasoning"), textFormat(kBodyPoints - 1, kMuted, true));
        QTextCharFormat prose = textFormat(kBodyPoints - 1, kMuted);
        prose.setFontItalic(true);
        markdown(text, prose);
        indent_ = savedIndent;
        cursor_ = box->lastCursorPosition();
        cursor_.movePosition(QTextCursor::NextBlock);
    }

    void setIndent(int depth) { indent_ = std::clamp(depth, 0, kMaxIndent); }

private:
    qreal indentPoints() const { return indent_ * kIndentPoints; }

    // A new paragraph (the document's first block is used as it is).
    void block(qreal spaceBefore) {
        QTextBlockFormat format;
        format.setTopMargin(spaceBefore);
        format.setLeftMargin(indentPoints());
        if (first_) {
            cursor_.setBlockFormat(format);
            first_ = false;
        } else {
            cursor_.insertBlock(format);
        }
    }

    void paragraphs(const QString& text, const QTextCharFormat& prose) {
        static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n"));
        for (const QString& paragraph : text.split(blankLines)) {
            const QString trimmed = paragraph.trimmed();
            if (trimmed.isEmpty()) {
                continue;
            }
            block(4);
            // The chat's rules for where formulas are (hearth::math::splitMath); the text
            // between them is printed as written, but for "\$", the escaped dollar sign.
            for (const hearth::math::TextSpan& span : hearth::math::splitMath(trimmed)) {
                if (span.kind == hearth::math::TextSpan::Kind::Text) {
                    QString lines = span.text;
                    lines.replace(QStringLiteral("\\$"), QStringLiteral("$"));
                    cursor_.insertText(lines.replace(QLatin1Char('\n'), QChar::LineSeparator),
                                       prose);
                } else {
                    cursor_.setCharFormat(prose);
                    insertPdfFormula(cursor_, span.text, span.display);
                }
            }
        }
    }

    void code(const QString& text, const QString& language) {
        QTextFrameFormat frame;
        frame.setBackground(highlighter_.background());
        frame.setBorder(0.5);
        frame.setBorderBrush(kBorder);
        frame.setPadding(6);
        frame.setTopMargin(6);
        frame.setLeftMargin(indentPoints());
        QTextFrame* box = cursor_.insertFrame(frame);
        QTextCharFormat mono;
        mono.setFontFamilies(monoFamilies());
        mono.setFontFixedPitch(true);
        mono.setFontPointSize(kBodyPoints - 1.5);
        highlighter_.insert(cursor_, text, language, mono);
        cursor_ = box->lastCursorPosition();
        cursor_.movePosition(QTextCursor::NextBlock);
    }

    QTextCursor cursor_;
    PdfCodeHighlighter& highlighter_;
    int indent_ = 0;
    bool first_ = true;
};

} // namespace

PdfRenderer::PdfRenderer() : repository_(std::make_unique<KSyntaxHighlighting::Repository>()) {}

PdfRenderer::~PdfRenderer() = default;

std::unique_ptr<QTextDocument> PdfRenderer::layout(const ExportDocument& document) {
    auto text = std::make_unique<QTextDocument>();
    QFont body(sansFamilies(), -1);
    body.setPointSizeF(kBodyPoints);
    text->setDefaultFont(body);
    QTextOption wrap = text->defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // URLs, long code lines
    text->setDefaultTextOption(wrap);
    text->setMetaInformation(QTextDocument::DocumentTitle, displayTitle(document));
    PdfCodeHighlighter highlighter(*repository_);
    Builder out(*text, highlighter);

    const Conversation& c = document.conversation;
    out.heading(displayTitle(document), 18, Qt::black, 0);
    QString meta = QStringLiteral("Created ") + utcTime(c.created_at) +
                   QStringLiteral(" · updated ") + utcTime(c.updated_at);
    if (const QStringList models = modelsUsed(document); !models.isEmpty()) {
        meta += QStringLiteral(" · ") + models.join(QStringLiteral(", "));
    }
    out.line(meta, textFormat(kBodyPoints - 1, kMuted), 2);
    for (size_t i = 0; i < document.messages.size(); ++i) {
        const Message& m = document.messages[i];
        const BranchMark mark = branchMark(document, i);
        out.setIndent(mark.depth > 0 ? mark.depth - 1 : 0);
        qreal space = 16;
        if (const QString version = versionLabel(m, mark); !version.isEmpty()) {
            out.heading(version, kBodyPoints - 1, kAccent, space);
            space = 2;
        }
        QString role = roleLabel(m);
        if (const QString model = modelOf(m); !model.isEmpty()) {
            role += QStringLiteral(" · ") + model;
        }
        out.heading(role, kBodyPoints - 1, kMuted, space);
        if (!m.thinking.empty()) {
            out.reasoning(QString::fromStdString(m.thinking));
        }
        out.markdown(QString::fromStdString(m.content), textFormat(kBodyPoints, Qt::black));
        if (!m.attachments.empty()) {
            out.line(QStringLiteral("Attached: ") + attachedNames(m),
                     textFormat(kBodyPoints - 1, kMuted), 4);
        }
        if (const SourcesLine sources = sourcesLine(document, m, SourcesStyle::Plain);
            !sources.isEmpty()) {
            out.line(sources.label + QLatin1Char(' ') + sources.sources,
                     textFormat(kBodyPoints - 1, kMuted), 4);
        }
        if (const QString note = statusNote(m); !note.isEmpty()) {
            QTextCharFormat italic = textFormat(kBodyPoints - 1, kMuted);
            italic.setFontItalic(true);
            out.line(QLatin1Char('(') + note + QLatin1Char(')'), italic, 4);
        }
    }
    return text;
}

hearth::Result<void> PdfRenderer::write(const ExportDocument& document, const QString& path) {
    const std::unique_ptr<QTextDocument> text = layout(document);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return hearth::Error{"cannot write " + path.toStdString() + ": " +
                             file.errorString().toStdString()};
    }
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(displayTitle(document));
        pdf.setCreator(QStringLiteral("Hearth ") + QStringLiteral(HEARTH_VERSION));
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                      QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter));
        // print() paginates for the writer's page and numbers the pages at their foot.
        text->print(&pdf);
    } // the writer finishes the file when it is destroyed
    if (!file.commit()) {
        return hearth::Error{"cannot write " + path.toStdString() + ": " +
                             file.errorString().toStdString()};
    }
    return {};
}
