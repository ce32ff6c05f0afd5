// The index's reader of documents: hearth_documents' extractDocument, its pages placed by
// their numbers (a page without text stays, empty, so that page numbers match the file).
#include "documenttext.h"
#include "folderindexer.h"

namespace hearth::collections {

Extractor documentExtractor() {
    return [](const QString& path, const std::atomic<bool>& cancel) -> Result<ExtractedDocument> {
        DocumentResult text = extractDocument(path, [&cancel](int, int) { return !cancel.load(); });
        if (!text) {
            return Error{text.error().message().toStdString()};
        }
        ExtractedDocument doc;
        doc.title = text->title;
        for (const DocumentPage& page : text->pages) {
            const int at = std::max(1, page.number);
            while (doc.pages.size() < at) {
                doc.pages.append(QString());
            }
            doc.pages[at - 1] = page.text;
        }
        return doc;
    };
}

} // namespace hearth::collections
