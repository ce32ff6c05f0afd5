// The text of documents (app/documents): plain text in UTF-8 and UTF-16/32 with byte order
// marks, Markdown, source code, HTML (text only) and PDF through Qt PDF, from fixtures made
// here; and the refusals: binary files, unknown encodings, PDFs without a text layer,
// damaged PDFs, PDFs that need a password (encrypted by qpdf), files too large, folders and
// devices. PDF text is checked against poppler's pdftotext (an independent reader) where it
// is installed.
#include "documenttext.h"
#include "htmltext.h"
#include "pdffixtures.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = DocumentError::Kind;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        return {};
    }
    return path;
}

QStringList words(const QString& text) {
    return text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
}

// Peak resident memory of this process in KiB (Linux), or -1.
qint64 peakResidentKiB() {
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

} // namespace

class TestDocumentText : public QObject {
    Q_OBJECT

private slots:
    void plainTextEncodings_data() {
        QTest::addColumn<QByteArray>("bytes");
        const QString text = u"Grüße aus Köln — 你好\nzweite Zeile\n"_s;
        QTest::newRow("utf-8") << text.toUtf8();
        QTest::newRow("utf-8 bom") << "\xEF\xBB\xBF"_ba + text.toUtf8();
        QStringEncoder le(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        QTest::newRow("utf-16 le") << QByteArray(le.encode(text));
        QStringEncoder be(QStringConverter::Utf16BE, QStringConverter::Flag::WriteBom);
        QTest::newRow("utf-16 be") << QByteArray(be.encode(text));
        QStringEncoder le32(QStringConverter::Utf32LE, QStringConverter::Flag::WriteBom);
        QTest::newRow("utf-32 le") << QByteArray(le32.encode(text));
        QTest::newRow("crlf") << u"Grüße aus Köln — 你好\r\nzweite Zeile\r\n"_s.toUtf8();
    }
    void plainTextEncodings() {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const DocumentResult doc = extractDocument(writeFile(dir, u"notes.txt"_s, bytes));
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error().message()));
        QCOMPARE(doc->kind, DocumentKind::PlainText);
        QCOMPARE(doc->title, u"notes.txt"_s);
        QCOMPARE(doc->pages.size(), 1);
        QCOMPARE(doc->pages[0].number, 1);
        QCOMPARE(doc->pages[0].text, u"Grüße aus Köln — 你好\nzweite Zeile\n"_s);
    }

    void markdownAndCode() {
        QTemporaryDir dir;
        const QByteArray md = "Some intro\n\n# Travel plans\n\n- Kyoto\n- Seoul\n";
        const DocumentResult doc = extractDocument(writeFile(dir, u"plans.md"_s, md));
        QVERIFY(doc.ok());
        QCOMPARE(doc->kind, DocumentKind::Markdown);
        QCOMPARE(doc->title, u"Travel plans"_s);
        QCOMPARE(doc->pages[0].text, QString::fromUtf8(md));

        const QByteArray cpp = "int main() {\n\treturn 0; // done\n}\n";
        const DocumentResult code = extractDocument(writeFile(dir, u"main.cpp"_s, cpp));
        QVERIFY(code.ok());
        QCOMPARE(code->kind, DocumentKind::SourceCode);
        QCOMPARE(code->pages[0].text, QString::fromUtf8(cpp)); // tabs kept
        QCOMPARE(documentKindForName(u"CMakeLists.txt"_s), DocumentKind::SourceCode);
        QCOMPARE(documentKindForName(u"notes.TXT"_s), DocumentKind::PlainText);
        QCOMPARE(documentKindForName(u"page.HTM"_s), DocumentKind::Html);
        // Any other text file is plain text.
        const DocumentResult log = extractDocument(writeFile(dir, u"server.log"_s, "ok\n"));
        QVERIFY(log.ok());
        QCOMPARE(log->kind, DocumentKind::PlainText);
    }

    void html() {
        // Expected text written by hand from what a browser shows.
        // (No raw string literal: moc cannot read past one holding quotes.)
        const QByteArray page =
            "<!DOCTYPE html>\n"
            "<html><head><title>  Fish &amp; Chips </title>\n"
            "<style>body { color: red; } p::after { content: \"hidden\"; }</style>\n"
            "<script>document.write(\"<p>not shown</p>\"); if (a < b) {}</script>\n"
            "<link rel=\"stylesheet\" href=\"http://127.0.0.1:1/style.css\"></head>\n"
            "<body><h1>Menu</h1><!-- a comment <p>gone</p> -->\n"
            "<p>Cod   and\n"
            "   chips &euro;9&#46;50 &#x2014; caf&eacute; &unknown; &amp</p>\n"
            "<ul><li>Peas</li><li>Vinegar</li></ul>\n"
            "<table><tr><th>Size</th><th>Price</th></tr><tr><td>Large</td><td>12</td></tr></"
            "table>\n"
            "<pre>  keep\n"
            "    this</pre><img src=\"http://127.0.0.1:1/a.png\" alt=\"x\">\n"
            "<noscript>enable scripts</noscript><p>1 &lt; 2 &gt; 0</p>\n"
            "</body></html>";
        QTcpServer server; // an image or style fetched from it would show up as a connection
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QByteArray withPort = page;
        withPort.replace("127.0.0.1:1", "127.0.0.1:" + QByteArray::number(server.serverPort()));
        const DocumentResult doc = extractDocumentBytes(withPort, u"menu.html"_s);
        QVERIFY(doc.ok());
        QCOMPARE(doc->kind, DocumentKind::Html);
        QCOMPARE(doc->title, u"Fish & Chips"_s);
        QCOMPARE(doc->pages[0].text, u"Menu\n\n"
                                     "Cod and chips €9.50 — café &unknown; &amp\n\n"
                                     "- Peas\n"
                                     "- Vinegar\n\n"
                                     "Size\tPrice\n"
                                     "Large\t12\n\n"
                                     "  keep\n"
                                     "    this\n\n"
                                     "1 < 2 > 0"_s);
        QCOMPARE(htmlToText(u"one<br>two<br><br>three<div>four</div>five"_s).text,
                 u"one\ntwo\n\nthree\nfour\nfive"_s);
        QVERIFY(!server.waitForNewConnection(50));
    }

    void hostileHtmlEnds() {
        // Unclosed script, quote and comment; deep nesting; stray '<': linear, no crash.
        const QByteArray deep = QByteArray("<div>").repeated(200000) + "deep";
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(htmlToText(QString::fromUtf8(deep)).text, u"deep"_s);
        QCOMPARE(htmlToText(u"a<script>never closed"_s).text, u"a"_s);
        QCOMPARE(htmlToText(u"x <a href=\"never closed>text"_s).text, u"x"_s);
        QCOMPARE(htmlToText(u"y<!-- open"_s).text, u"y"_s);
        QCOMPARE(htmlToText(u"3 < 4 and <5"_s).text, u"3 < 4 and <5"_s);
        QCOMPARE(htmlToText(u"<scripts>kept</scripts>"_s).text, u"kept"_s);
        QCOMPARE(decodeCharacterReferences(u"&#0;&#xD800;&#1114112;&#65;"_s),
                 u"\uFFFD\uFFFD\uFFFDA"_s);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void refusals_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("nul") << u"data.txt"_s << "abc\0def"_ba << int(Kind::Binary)
                             << u"not a text"_s;
        QTest::newRow("png") << u"photo.png"_s << "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"_ba
                             << int(Kind::Binary) << u"PNG"_s;
        QTest::newRow("jpeg no nul")
            << u"a.jpg"_s << "\xFF\xD8\xFF\xE0 JFIF"_ba << int(Kind::Binary) << u"JPEG"_s;
        QTest::newRow("latin-1") << u"old.txt"_s
                                 << "Gr\xFC\xDF"
                                    "e"_ba
                                 << int(Kind::Encoding) << u"UTF-8"_s;
        QTest::newRow("control") << u"c.txt"_s << QByteArray(100, '\x01') << int(Kind::Binary)
                                 << u"c.txt"_s;
        QTest::newRow("empty") << u"e.txt"_s << " \n\t\n"_ba << int(Kind::Empty) << u"no text"_s;
        QTest::newRow("pdf without header")
            << u"fake.pdf"_s << "hello"_ba << int(Kind::PdfDamaged) << u"damaged"_s;
        QTest::newRow("pdf garbage") << u"g.pdf"_s << "%PDF-1.7\n1 0 obj <<>> garbage"_ba
                                     << int(Kind::PdfDamaged) << u"damaged"_s;
    }
    void refusals() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QFETCH(QString, inMessage);
        QTemporaryDir dir;
        for (const DocumentResult& doc :
             {extractDocument(writeFile(dir, name, bytes)), extractDocumentBytes(bytes, name)}) {
            QVERIFY(!doc.ok());
            QCOMPARE(int(doc.error().kind), kind);
            QVERIFY2(doc.error().message().contains(inMessage), qPrintable(doc.error().message()));
            QVERIFY(doc.error().message().contains(name));
        }
    }

    void unreadablePaths() {
        QTemporaryDir dir;
        const DocumentResult missing = extractDocument(dir.filePath(u"missing.txt"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, Kind::Unreadable);
        const DocumentResult folder = extractDocument(dir.path());
        QVERIFY(!folder.ok());
        QCOMPARE(folder.error().kind, Kind::Unreadable);
        if (QFile::exists(u"/dev/zero"_s)) { // never ends: refused, not read
            const DocumentResult device = extractDocument(u"/dev/zero"_s);
            QVERIFY(!device.ok());
            QCOMPARE(device.error().kind, Kind::Unreadable);
        }
    }

    void tooLarge() {
        // A sparse file: the size is refused before a byte is read.
        QTemporaryDir dir;
        QFile big(dir.filePath(u"huge.txt"_s));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(kMaxDocumentBytes + 1));
        big.close();
        const DocumentResult doc = extractDocument(big.fileName());
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().kind, Kind::TooLarge);
        QCOMPARE(doc.error().size, kMaxDocumentBytes + 1);
        QVERIFY2(doc.error().message().contains(u"huge.txt"_s), qPrintable(doc.error().message()));
        // Text beyond the character limit (small in bytes for a file, but not for a model).
        const QByteArray text(kMaxDocumentCharacters + 1, 'a');
        const DocumentResult chars = extractDocumentBytes(text, u"a.txt"_s);
        QVERIFY(!chars.ok());
        QCOMPARE(chars.error().kind, Kind::TooLarge);
        QVERIFY(chars.error().characters);
    }

    void pdfPages() {
        const QStringList pages = {u"First page: the harbour opens at nine."_s,
                                   u"Zweite Seite mit Umlauten: Größe, Übung."_s,
                                   u"Third page closes the document."_s};
        const QByteArray bytes = pdfWithPages(pages, u"Harbour guide"_s);
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"guide.pdf"_s, bytes);
        const DocumentResult doc = extractDocument(path);
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error().message()));
        QCOMPARE(doc->kind, DocumentKind::Pdf);
        QCOMPARE(doc->title, u"Harbour guide"_s);
        QCOMPARE(doc->pages.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(doc->pages[i].number, i + 1);
            QCOMPARE(words(doc->pages[i].text), words(pages[i]));
        }
        // The same from bytes (a dropped or pasted PDF).
        const DocumentResult fromBytes = extractDocumentBytes(bytes, u"guide.pdf"_s);
        QVERIFY(fromBytes.ok());
        QCOMPARE(fromBytes->pages.size(), 3);
        QCOMPARE(fromBytes->pages[1].text, doc->pages[1].text);

        // Poppler, an independent reader, finds the same words on each page.
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty()) {
            qWarning("pdftotext not installed: the comparison with poppler is skipped");
            return;
        }
        for (int i = 0; i < 3; ++i) {
            QProcess poppler;
            const QString n = QString::number(i + 1);
            poppler.start(pdftotext, {u"-f"_s, n, u"-l"_s, n, u"-enc"_s, u"UTF-8"_s, path, u"-"_s});
            QVERIFY(poppler.waitForFinished(30000));
            QCOMPARE(words(doc->pages[i].text), words(QString::fromUtf8(poppler.readAll())));
        }
    }

    void pdfWithoutTextLayer() {
        const QByteArray bytes = pdfWithoutText(2);
        const DocumentResult doc = extractDocumentBytes(bytes, u"scan.pdf"_s);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().kind, Kind::PdfNoText);
        QVERIFY2(doc.error().message().startsWith(u"This PDF has no text layer (scanned pages?)"_s),
                 qPrintable(doc.error().message()));
    }

    void passwordProtectedPdf_data() {
        QTest::addColumn<int>("cipher");
        QTest::newRow("rc4 40-bit") << int(PdfCipher::Rc4Bits40);
        QTest::newRow("aes-128") << int(PdfCipher::Aes128);
        QTest::newRow("aes-256") << int(PdfCipher::Aes256);
    }
    void passwordProtectedPdf() {
        QFETCH(int, cipher);
        const QStringList pages = {u"The safe opens with the harbour master's key."_s,
                                   u"Zweite Seite: nur für Befugte."_s};
        const QByteArray plain = pdfWithPages(pages);
        QString why;
        const QByteArray locked = encryptedPdf(plain, u"secret"_s, PdfCipher(cipher), &why);
        if (locked.isEmpty()) {
            QSKIP(qPrintable(u"no password-protected PDF to test: "_s + why));
        }
        QCOMPARE(qpdfRequiresPassword(locked), 0); // qpdf: it needs the password
        // Refused with the reason, at once (Hearth never asks for a password), from a file
        // and from bytes.
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"locked.pdf"_s, locked);
        QElapsedTimer timer;
        timer.start();
        for (const DocumentResult& doc :
             {extractDocument(path), extractDocumentBytes(locked, u"locked.pdf"_s)}) {
            QVERIFY(!doc.ok());
            QCOMPARE(doc.error().kind, Kind::PdfLocked);
            QCOMPARE(doc.error().message(),
                     u"This PDF is protected by a password: locked.pdf. Save a copy without the "
                     "password and try again."_s);
        }
        QVERIFY2(timer.elapsed() < 10000, "refusing a locked PDF took over 10 s");
        // Encrypted with an empty user password (it only restricts printing or copying):
        // opens without asking, and its words are read as poppler reads them.
        const QByteArray open = encryptedPdf(plain, QString(), PdfCipher(cipher), &why);
        QVERIFY2(!open.isEmpty(), qPrintable(why));
        QCOMPARE(qpdfRequiresPassword(open), 3); // qpdf: encrypted, no password needed
        const QString openPath = writeFile(dir, u"restricted.pdf"_s, open);
        const DocumentResult doc = extractDocument(openPath);
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error().message()));
        QCOMPARE(doc->pages.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(words(doc->pages[i].text), words(pages[i]));
        }
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty()) {
            qWarning("pdftotext not installed: the comparison with poppler is skipped");
            return;
        }
        QProcess poppler;
        poppler.start(pdftotext,
                      {u"-f"_s, u"2"_s, u"-l"_s, u"2"_s, u"-enc"_s, u"UTF-8"_s, openPath, u"-"_s});
        QVERIFY(poppler.waitForFinished(30000));
        QCOMPARE(words(doc->pages[1].text), words(QString::fromUtf8(poppler.readAll())));
    }

    void damagedPdf() {
        const QByteArray good = pdfWithPages({u"Some words on a page"_s});
        // Cut off inside the header, and zeroed inside: each refused or read, never a crash.
        const DocumentResult cut = extractDocumentBytes(good.left(40), u"cut.pdf"_s);
        QVERIFY(!cut.ok());
        QCOMPARE(cut.error().kind, Kind::PdfDamaged);
        for (qsizetype at = 0; at < good.size(); at += good.size() / 16) {
            QByteArray broken = good;
            for (qsizetype i = at; i < std::min(at + 64, broken.size()); ++i) {
                broken[i] = '\0';
            }
            const DocumentResult doc = extractDocumentBytes(broken, u"broken.pdf"_s);
            if (!doc.ok()) {
                QVERIFY(doc.error().kind == Kind::PdfDamaged ||
                        doc.error().kind == Kind::PdfNoText || doc.error().kind == Kind::Binary);
            }
        }
    }

    void longPdf() {
        // 2,000 pages: read page by page from the file in bounded time and memory.
        constexpr int kPages = 2000;
        const QByteArray bytes = pdfWithNumberedPages(kPages);
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"long.pdf"_s, bytes);
        int progressCalls = 0;
        QElapsedTimer timer;
        timer.start();
        const DocumentResult doc = extractDocument(path, [&](int done, int total) {
            ++progressCalls;
            return done <= total && total == kPages;
        });
        const qint64 ms = timer.elapsed();
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error().message()));
        QCOMPARE(doc->pages.size(), kPages);
        QCOMPARE(progressCalls, kPages);
        for (int page : {1, 777, 1234, kPages}) {
            QCOMPARE(doc->pages[page - 1].number, page);
            QCOMPARE(words(doc->pages[page - 1].text),
                     words(u"Page %1 of the long document"_s.arg(page)));
        }
        const qint64 peakAfter = peakResidentKiB();
        qInfo("2,000-page PDF (%lld KiB): %lld ms, peak memory of the test %lld KiB",
              qint64(bytes.size() / 1024), ms, peakAfter);
        QVERIFY2(ms < 120000, "reading 2,000 pages took over two minutes");
        // The whole test, writing the PDF included, stays small.
        if (peakAfter > 0) {
            QVERIFY2(peakAfter < 512 * 1024, "the test's memory grew past 512 MiB");
        }
        // Cancelled from the progress callback: stops at once.
        int calls = 0;
        const DocumentResult cancelled =
            extractDocument(path, [&](int done, int) { return ++calls, done < 10; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().kind, Kind::Cancelled);
        QCOMPARE(calls, 10);
    }
};

QTEST_MAIN(TestDocumentText)
#include "tst_document_text.moc"
