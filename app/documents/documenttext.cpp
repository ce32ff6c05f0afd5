#include "documenttext.h"

#include "htmltext.h"
#include "pdftext.h"
#include "textdecoding.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringDecoder>

namespace {

// Extensions of source code and other text formats a programmer attaches; any other file
// that decodes as text is PlainText.
const QStringList kSourceSuffixes = {
    "c",     "cc",        "cpp",    "cxx",  "h",     "hh",     "hpp",  "hxx",   "m",       "mm",
    "cs",    "java",      "kt",     "kts",  "scala", "go",     "rs",   "swift", "py",      "pyi",
    "rb",    "pl",        "pm",     "php",  "lua",   "r",      "jl",   "dart",  "js",      "mjs",
    "cjs",   "ts",        "tsx",    "jsx",  "vue",   "svelte", "css",  "scss",  "sass",    "less",
    "sh",    "bash",      "zsh",    "fish", "ps1",   "bat",    "cmd",  "sql",   "json",    "jsonc",
    "yaml",  "yml",       "toml",   "ini",  "cfg",   "conf",   "xml",  "xsd",   "qml",     "cmake",
    "mk",    "make",      "gradle", "tex",  "hs",    "ml",     "mli",  "fs",    "fsx",     "ex",
    "exs",   "erl",       "clj",    "lisp", "el",    "scm",    "zig",  "nim",   "v",       "vhd",
    "sv",    "asm",       "s",      "glsl", "comp",  "vert",   "frag", "proto", "graphql", "diff",
    "patch", "dockerfile"};

const QStringList kSourceNames = {"makefile",     "cmakelists.txt", "dockerfile", "meson.build",
                                  "build.gradle", "gemfile",        "rakefile"};

QString fileNameOf(const QString& path) {
    return QFileInfo(path).fileName();
}

// A Markdown file's first ATX heading ("# Title"), else empty.
QString markdownTitle(const QString& text) {
    qsizetype start = 0;
    for (int line = 0; line < 50 && start < text.size(); ++line) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0) {
            end = text.size();
        }
        const QStringView row = QStringView(text).sliced(start, end - start).trimmed();
        if (row.startsWith(u"# ")) {
            return row.sliced(2).trimmed().toString();
        }
        start = end + 1;
    }
    return {};
}

DocumentError error(DocumentError::Kind kind, const QString& fileName) {
    DocumentError e;
    e.kind = kind;
    e.fileName = fileName;
    return e;
}

DocumentError tooLarge(const QString& fileName, qint64 size, qint64 limit) {
    DocumentError e = error(DocumentError::Kind::TooLarge, fileName);
    e.size = size;
    e.limit = limit;
    return e;
}

DocumentResult extractText(const QByteArray& data, const QString& fileName, DocumentKind kind) {
    DecodedText decoded = decodeText(data);
    if (!decoded.ok && kind == DocumentKind::Html &&
        decoded.failure == DocumentError::Kind::Encoding) {
        // A page may name its encoding (<meta charset="windows-1252">) instead of a BOM.
        QStringDecoder decoder = QStringDecoder::decoderForHtml(data);
        if (decoder.isValid()) {
            decoded.text = decoder.decode(data);
            decoded.ok = !decoder.hasError();
            cleanText(decoded.text);
        }
    }
    if (!decoded.ok) {
        DocumentError e = error(decoded.failure, fileName);
        e.detail = decoded.format;
        return e;
    }
    DocumentText doc;
    doc.kind = kind;
    QString text = std::move(decoded.text);
    if (kind == DocumentKind::Html) {
        HtmlText html = htmlToText(text);
        doc.title = std::move(html.title);
        text = std::move(html.text);
    } else if (kind == DocumentKind::Markdown) {
        doc.title = markdownTitle(text);
    }
    if (text.size() > kMaxDocumentCharacters) {
        DocumentError e = tooLarge(fileName, text.size(), kMaxDocumentCharacters);
        e.characters = true;
        return e;
    }
    if (text.trimmed().isEmpty()) {
        return error(DocumentError::Kind::Empty, fileName);
    }
    if (doc.title.isEmpty()) {
        doc.title = fileName;
    }
    doc.pages.append({1, std::move(text)});
    return doc;
}

bool looksLikePdf(const QByteArray& head) {
    // The header may follow some junk; PDF readers look in the first KiB.
    return head.left(1024).contains("%PDF-");
}

} // namespace

QString DocumentText::joinedText() const {
    QStringList texts;
    texts.reserve(pages.size());
    for (const DocumentPage& page : pages) {
        texts.append(page.text);
    }
    return texts.join(QStringLiteral("\n\n"));
}

qsizetype DocumentText::characterCount() const {
    qsizetype n = 0;
    for (const DocumentPage& page : pages) {
        n += page.text.size();
    }
    return n;
}

QString DocumentError::message() const {
    const QLocale locale;
    switch (kind) {
    case Kind::Unreadable:
        return tr("Cannot read %1: %2").arg(fileName, detail);
    case Kind::TooLarge:
        return !characters
                   ? tr("%1 is too large: %2, and Hearth reads documents up to %3.")
                         .arg(fileName, locale.formattedDataSize(size),
                              locale.formattedDataSize(limit))
                   : tr("%1 is too large: %2 characters of text, and Hearth reads up to %3.")
                         .arg(fileName, locale.toString(size), locale.toString(limit));
    case Kind::Binary:
        return detail.isEmpty()
                   ? tr("%1 is not a text file. Hearth reads text, Markdown, source code, PDF "
                        "and HTML.")
                         .arg(fileName)
                   : tr("%1 is a %2 file, not text. Hearth reads text, Markdown, source code, "
                        "PDF and HTML.")
                         .arg(fileName, detail);
    case Kind::Encoding:
        return tr("Cannot read the text of %1: it is not UTF-8 or UTF-16. Save it as UTF-8 "
                  "and try again.")
            .arg(fileName);
    case Kind::Empty:
        return tr("%1 contains no text.").arg(fileName);
    case Kind::PdfDamaged:
        return tr("%1 is damaged or not a PDF, and Hearth cannot read it.").arg(fileName);
    case Kind::PdfLocked:
        return tr("This PDF is protected by a password: %1. Save a copy without the password "
                  "and try again.")
            .arg(fileName);
    case Kind::PdfNoText:
        return tr("This PDF has no text layer (scanned pages?): %1. Run text recognition "
                  "(OCR) on it first.")
            .arg(fileName);
    case Kind::Cancelled:
        return tr("Reading %1 was cancelled.").arg(fileName);
    }
    return {};
}

DocumentKind documentKindForName(const QString& fileName) {
    const QFileInfo info(fileName);
    const QString suffix = info.suffix().toLower();
    if (suffix == u"pdf") {
        return DocumentKind::Pdf;
    }
    if (suffix == u"html" || suffix == u"htm" || suffix == u"xhtml") {
        return DocumentKind::Html;
    }
    if (suffix == u"md" || suffix == u"markdown" || suffix == u"mdown" || suffix == u"mkd") {
        return DocumentKind::Markdown;
    }
    if (kSourceSuffixes.contains(suffix) || kSourceNames.contains(info.fileName().toLower())) {
        return DocumentKind::SourceCode;
    }
    return DocumentKind::PlainText;
}

DocumentResult extractDocumentBytes(const QByteArray& data, const QString& fileName,
                                    const DocumentProgress& progress) {
    if (data.size() > kMaxDocumentBytes) {
        return tooLarge(fileName, data.size(), kMaxDocumentBytes);
    }
    if (looksLikePdf(data)) {
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        return extractPdf(&buffer, fileName, progress);
    }
    const DocumentKind kind = documentKindForName(fileName);
    if (kind == DocumentKind::Pdf) { // named .pdf, but no PDF header
        return error(DocumentError::Kind::PdfDamaged, fileName);
    }
    return extractText(data, fileName, kind);
}

DocumentResult extractDocument(const QString& path, const DocumentProgress& progress) {
    const QString fileName = fileNameOf(path);
    QFile file(path);
    const QFileInfo info(path);
    if (info.isDir()) {
        DocumentError e = error(DocumentError::Kind::Unreadable, fileName);
        e.detail = DocumentError::tr("it is a folder");
        return e;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        DocumentError e = error(DocumentError::Kind::Unreadable, fileName);
        e.detail = file.errorString();
        return e;
    }
    // Devices and pipes (/dev/zero) report size 0 and never end: only regular files.
    if (!info.isFile() || file.isSequential()) {
        DocumentError e = error(DocumentError::Kind::Unreadable, fileName);
        e.detail = DocumentError::tr("it is not a regular file");
        return e;
    }
    if (file.size() > kMaxDocumentBytes) {
        return tooLarge(fileName, file.size(), kMaxDocumentBytes);
    }
    const QByteArray head = file.peek(1024);
    if (looksLikePdf(head)) {
        // Read by PDFium page by page from the file, not copied into memory.
        return extractPdf(&file, fileName, progress);
    }
    const DocumentKind kind = documentKindForName(fileName);
    if (kind == DocumentKind::Pdf) {
        return error(DocumentError::Kind::PdfDamaged, fileName);
    }
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        DocumentError e = error(DocumentError::Kind::Unreadable, fileName);
        e.detail = file.errorString();
        return e;
    }
    return extractText(data, fileName, kind);
}
