// The text of a document a user attaches or indexes: plain text, Markdown, source code, PDF
// (through Qt PDF) and HTML (text only). One entry point for a file on disk and one for
// bytes pasted or dropped; both return the text by page or a typed error with a message a
// user can act on. Never reads anything but the given file or bytes (no remote fetch, no
// linked resources), and bad input gives an error, never a crash or a hang.
//
// Pages: a PDF has its own (1-based, as the viewer numbers them); every other kind is one
// page, however long (a reader that needs smaller pieces, like document search, cuts them).
// Line ends are "\n"; control characters other than tab and line feed are removed.
//
// Safe on any thread (Qt PDF serializes its use of PDFium itself); needs no QGuiApplication.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <functional>
#include <variant>

enum class DocumentKind { PlainText, Markdown, SourceCode, Pdf, Html };

struct DocumentPage {
    int number = 1; // 1-based
    QString text;
};

struct DocumentText {
    QString title; // the PDF's or HTML's own title, a Markdown file's first heading, else
                   // the file name
    DocumentKind kind = DocumentKind::PlainText;
    QList<DocumentPage> pages;

    // The pages joined by blank lines (what a model is shown of a whole document).
    QString joinedText() const;
    qsizetype characterCount() const;
};

// What went wrong, for code to act on; message() says it in the user's language.
struct DocumentError {
    enum class Kind {
        Unreadable, // missing, a folder, no permission, read error
        TooLarge,   // over kMaxDocumentBytes or kMaxDocumentCharacters
        Binary,     // not text and not a format Hearth reads (image, archive, program)
        Encoding,   // text, but neither UTF-8 nor UTF-16/32 with a byte order mark
        Empty,      // no text at all
        PdfDamaged, // not a readable PDF
        PdfLocked,  // needs a password
        PdfNoText,  // pages without a text layer (scanned)
        Cancelled,  // the progress callback said stop
    };
    Kind kind = Kind::Unreadable;
    QString fileName;        // shown in the message
    qint64 size = 0;         // TooLarge: the file's bytes, or characters of text
    qint64 limit = 0;        // TooLarge: the limit of the same unit
    bool characters = false; // TooLarge: size and limit count characters, not bytes
    QString detail;          // Unreadable: the system's reason; Binary: the format found, if known

    QString message() const; // translated when called

    Q_DECLARE_TR_FUNCTIONS(DocumentError)
};

// Either the document's text or why there is none (the shape of hearth::Result, with a
// typed error).
class [[nodiscard]] DocumentResult {
public:
    DocumentResult(DocumentText text) : state_(std::move(text)) {}
    DocumentResult(DocumentError error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }
    DocumentText& value() & { return std::get<0>(state_); }
    const DocumentText& value() const& { return std::get<0>(state_); }
    DocumentText&& value() && { return std::get<0>(std::move(state_)); }
    const DocumentText* operator->() const { return &value(); }
    const DocumentError& error() const { return std::get<1>(state_); }

private:
    std::variant<DocumentText, DocumentError> state_;
};

// Files larger than this are refused before they are read (a PDF of 2,000 pages with
// images is well under it).
inline constexpr qint64 kMaxDocumentBytes = 512ll * 1024 * 1024;
// Text larger than this (about 30 MB of UTF-16, some 8 million tokens) is refused.
inline constexpr qint64 kMaxDocumentCharacters = 16ll * 1024 * 1024;

// Called after each PDF page with (pages done, pages in all); returning false stops the
// extraction with Kind::Cancelled. For a document search that indexes on a worker thread.
using DocumentProgress = std::function<bool(int done, int total)>;

DocumentResult extractDocument(const QString& path, const DocumentProgress& progress = {});
// `fileName` names the data (its extension picks the kind when the bytes don't say) and is
// used in messages and as the fallback title.
DocumentResult extractDocumentBytes(const QByteArray& data, const QString& fileName,
                                    const DocumentProgress& progress = {});

// The kind a file name suggests, before its bytes are read (a PDF is also recognized by
// its first bytes).
DocumentKind documentKindForName(const QString& fileName);
