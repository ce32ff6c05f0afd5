// PDF export: one conversation as a paginated A4 document with page numbers, laid out by
// QTextDocument and written by QPdfWriter. Fonts are Noto Sans / Noto Sans Mono with Noto
// Sans CJK as the fallback for Chinese, Japanese and Korean; QPdfWriter embeds the subset of
// every font it uses. Code blocks are highlighted (KSyntaxHighlighting, light theme) in a
// shaded frame, reasoning is set apart in a marked, smaller grey frame, long lines and
// words wrap, and formulas go through insertPdfFormula() (pdfformula.h). Nothing is loaded
// from outside: the document is built with a QTextCursor, never from HTML.
//
// Needs a QGuiApplication (fonts); works on any thread.
#pragma once

#include "renderers.h"

#include <QString>
#include <memory>

class QTextDocument;

class PdfRenderer {
public:
    PdfRenderer();
    ~PdfRenderer();

    // The document as it will be printed (tests look at its text and formats).
    std::unique_ptr<QTextDocument> layout(const ExportDocument& document);
    // Writes the PDF to `path`, replacing it atomically.
    hearth::Result<void> write(const ExportDocument& document, const QString& path);

private:
    std::unique_ptr<KSyntaxHighlighting::Repository> repository_;
};
