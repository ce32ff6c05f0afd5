#include "pdftext.h"

#include "textdecoding.h"

#include <QIODevice>
#include <QPdfDocument>
#include <QPdfSelection>

namespace {

DocumentError pdfError(DocumentError::Kind kind, const QString& fileName) {
    DocumentError error;
    error.kind = kind;
    error.fileName = fileName;
    return error;
}

} // namespace

DocumentResult extractPdf(QIODevice* device, const QString& fileName,
                          const DocumentProgress& progress) {
    // PDFium reads the file through the device as pages are asked for: a 2,000-page PDF is
    // never in memory at once, and only one page's text is held beyond what is returned.
    QPdfDocument pdf;
    pdf.load(device);
    switch (pdf.error()) {
    case QPdfDocument::Error::None:
        break;
    case QPdfDocument::Error::IncorrectPassword:
    case QPdfDocument::Error::UnsupportedSecurityScheme:
        return pdfError(DocumentError::Kind::PdfLocked, fileName);
    default:
        return pdfError(DocumentError::Kind::PdfDamaged, fileName);
    }
    if (pdf.status() != QPdfDocument::Status::Ready || pdf.pageCount() <= 0) {
        return pdfError(DocumentError::Kind::PdfDamaged, fileName);
    }
    DocumentText doc;
    doc.kind = DocumentKind::Pdf;
    doc.title = pdf.metaData(QPdfDocument::MetaDataField::Title).toString().simplified();
    if (doc.title.isEmpty()) {
        doc.title = fileName;
    }
    const int pages = pdf.pageCount();
    doc.pages.reserve(pages);
    qint64 characters = 0;
    bool anyText = false;
    for (int page = 0; page < pages; ++page) {
        QString text = pdf.getAllText(page).text();
        cleanText(text);
        anyText = anyText || !text.trimmed().isEmpty();
        characters += text.size();
        if (characters > kMaxDocumentCharacters) {
            DocumentError error = pdfError(DocumentError::Kind::TooLarge, fileName);
            error.size = characters;
            error.limit = kMaxDocumentCharacters;
            error.characters = true;
            return error;
        }
        doc.pages.append({page + 1, std::move(text)});
        if (progress && !progress(page + 1, pages)) {
            return pdfError(DocumentError::Kind::Cancelled, fileName);
        }
    }
    if (!anyText) {
        return pdfError(DocumentError::Kind::PdfNoText, fileName);
    }
    return doc;
}
