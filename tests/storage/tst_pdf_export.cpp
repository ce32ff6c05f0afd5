// The export of one conversation in all four formats (Markdown, HTML, PDF, JSON), with
// branches, code and Chinese text, read back with independent tools: poppler's pdfinfo (page
// count), pdffonts (every font embedded), pdftotext (the text, Chinese included, and the
// words' boxes inside the page) and pdftoppm (coloured pixels where code is highlighted).
// "All branches" must hold every version. Runs with a QGuiApplication (offscreen): the PDF
// needs fonts.
#include "answersources.h"
#include "exporter.h"
#include "pdfformula.h"
#include "renderers.h"
#include "storetest.h"
#include "streamingmessage.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;

namespace {

const QString kChinese = QStringLiteral("你好，世界。今天我们学习排序算法。");
const QString kLongWord = QString(300, u'x') + QStringLiteral("END");

// Runs a poppler tool; its standard output.
QString run(const QString& tool, const QStringList& arguments) {
    QProcess process;
    process.start(tool, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << tool << arguments << process.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

int pageCount(const QString& pdf) {
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(run("pdfinfo", {pdf}));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// Extracted text, compatibility-normalised: a CJK glyph shared with a Kangxi radical may
// come back as the radical (文 as ⽂), which NFKC maps back.
QString pdfText(const QString& pdf, const QStringList& options = {}) {
    return run("pdftotext", options + QStringList{pdf, "-"})
        .normalized(QString::NormalizationForm_KC);
}

} // namespace

class TestPdfExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<ConversationStore> store_;
    int64_t chat_ = 0;
    int64_t long_ = 0;

    QString exportOne(int64_t id, ExportFormat format, ExportScope scope, const QString& name) {
        const QString folder = dir_.filePath(name);
        auto outcome = exportConversations(*store_, format, folder, id, {}, scope);
        if (!outcome || outcome->files.size() != 1) {
            qWarning() << (outcome ? "files" : outcome.error().message.c_str());
            return {};
        }
        return outcome->files.front();
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"pdfinfo", "pdffonts", "pdftotext", "pdftoppm"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
                QSKIP("poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm) are not installed");
            }
        }
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_)));
        store_.emplace(std::move(store).value());
        store_->set_clock(storetest::SteppingClock{});
        STORE_OK(c, store_->create_conversation({"排序 and sorting", {}, {}, {}}));
        chat_ = c->id;
        STORE_OK(q, store_->add_message(c->id, std::nullopt, Role::User,
                                        "Sort in C++, please. " + kChinese.toStdString()));
        STORE_OK(old, store_->add_message(c->id, q->id, Role::Assistant, "FIRST-VERSION answer"));
        STORE_OK(mid, store_->add_message(c->id, q->id, Role::Assistant, "SECOND-VERSION answer"));
        STORE_OK(a, store_->begin_answer(c->id, q->id, storetest::sample_provenance()));
        CHECK_OK(a->append("THIRD-VERSION: " + kChinese.toStdString() +
                               "\n\n```cpp\nint main() { return 42; } // sorted\n```\n\n"
                               "Euler: $e^{i\\pi} + 1 = 0$ and " +
                               "PRICES $5 and $10, \\$3 " + kLongWord.toStdString(),
                           "THINKING-TEXT about the sort"));
        CHECK_OK(a->finish(MessageStatus::Done, FinishReason::Eos));
        STORE_OK(q2, store_->add_message(c->id, old->id, Role::User, "FOLLOW-UP on the first"));
        (void)q2;
        CHECK_OK(store_->set_active_child(a->id()));

        // A long conversation, for pagination.
        STORE_OK(l, store_->create_conversation({"long", {}, {}, {}}));
        long_ = l->id;
        std::optional<int64_t> parent;
        for (int i = 0; i < 120; ++i) {
            STORE_OK(m, store_->add_message(l->id, parent, i % 2 ? Role::Assistant : Role::User,
                                            "Message number " + std::to_string(i) +
                                                " with some words to fill a line or two."));
            parent = m->id;
        }
    }

    void allFourFormats() {
        for (ExportFormat f : {Export::Markdown, Export::Html, Export::Pdf, Export::Json}) {
            const QString file = exportOne(chat_, f, Export::ShownBranch,
                                           QStringLiteral("four-") + fileExtension(f));
            QVERIFY2(QFileInfo(file).size() > 0, qPrintable(fileExtension(f)));
            if (f == Export::Pdf) {
                continue;
            }
            QFile in(file);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(in.readAll());
            // JSON escapes nothing of this text; every format keeps the Chinese as written.
            QVERIFY2(text.contains(kChinese), qPrintable(file));
            QVERIFY(text.contains(QStringLiteral("THIRD-VERSION")));
            QVERIFY(text.contains(QStringLiteral("42")) && text.contains(QStringLiteral("main")));
        }
    }

    void pdfOfTheShownBranch() {
        const QString pdf = exportOne(chat_, Export::Pdf, Export::ShownBranch, "shown");
        QVERIFY(pdf.endsWith(QStringLiteral(".pdf")));
        QCOMPARE(pageCount(pdf), 1);
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("THIRD-VERSION")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("FIRST-VERSION")));
        QVERIFY(text.contains(QStringLiteral("int main() { return 42; } // sorted")));
        QVERIFY(text.contains(QStringLiteral("Reasoning")));
        QVERIFY(text.contains(QStringLiteral("THINKING-TEXT")));
        // The formula is drawn (its glyphs are in the PDF), not printed as its source.
        QVERIFY(!text.contains(QStringLiteral("e^{i\\pi}")));
        QVERIFY(text.contains(QStringLiteral("Euler:")) && text.contains(QStringLiteral("π")));
        // Prices stay text, and the escaped dollar is printed as a dollar.
        QVERIFY2(text.simplified().contains(QStringLiteral("PRICES $5 and $10, $3")),
                 qPrintable(text));
        // Chinese round-trips, in the title and in the messages.
        QVERIFY2(text.contains(QStringLiteral("排序 and sorting")), qPrintable(text));
        QVERIFY(text.contains(kChinese.normalized(QString::NormalizationForm_KC)));
        // The long word is wrapped, not cut: all of it is there, and every word's box lies
        // inside the page.
        QString joined = text;
        joined.remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY(joined.contains(kLongWord));
        const QString boxes = run("pdftotext", {"-bbox", pdf, "-"});
        const QRegularExpression page(QStringLiteral("<page width=\"([\\d.]+)\""));
        const double width = page.match(boxes).captured(1).toDouble();
        QVERIFY(width > 500 && width < 700); // A4: 595 points
        const QRegularExpression word(QStringLiteral("xMax=\"([\\d.]+)\""));
        int words = 0;
        for (auto it = word.globalMatch(boxes); it.hasNext(); ++words) {
            QVERIFY(it.next().captured(1).toDouble() <= width);
        }
        QVERIFY(words > 20);
    }

    void everyFontIsEmbedded() {
        const QString pdf = exportOne(chat_, Export::Pdf, Export::AllBranches, "fonts");
        const QStringList lines = run("pdffonts", {pdf}).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 4, qPrintable(lines.join(u'\n'))); // header, rule, 2+ fonts
        bool cjk = false;
        for (const QString& line : lines.mid(2)) {
            // name type [type] encoding emb sub uni object generation: "emb" is the 5th from
            // the end.
            const QStringList columns = line.split(u' ', Qt::SkipEmptyParts);
            QVERIFY2(columns.size() >= 7 && columns[columns.size() - 5] == QStringLiteral("yes"),
                     qPrintable(line));
            cjk = cjk || line.contains(QStringLiteral("CJK"));
        }
        QVERIFY2(cjk, "no CJK font: Chinese was drawn with a font without its glyphs");
    }

    void codeIsHighlighted() {
        const QString pdf = exportOne(chat_, Export::Pdf, Export::ShownBranch, "colour");
        const QString prefix = dir_.filePath(QStringLiteral("colour/page"));
        run("pdftoppm", {"-r", "60", "-png", "-f", "1", "-l", "1", pdf, prefix});
        const QStringList pngs =
            QDir(dir_.filePath(QStringLiteral("colour"))).entryList({"page*.png"});
        QCOMPARE(pngs.size(), 1);
        const QImage image(dir_.filePath(QStringLiteral("colour/") + pngs.front()));
        QVERIFY(!image.isNull());
        // Saturated pixels: the theme's colours for the type and the number. Everything else
        // on the page (text, reasoning, frames) is black or grey.
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                const int spread = std::max({c.red(), c.green(), c.blue()}) -
                                   std::min({c.red(), c.green(), c.blue()});
                coloured += spread > 80 ? 1 : 0;
            }
        }
        QVERIFY2(coloured > 10, qPrintable(QString::number(coloured)));
    }

    void allBranchesHoldEveryVersion() {
        for (ExportFormat f : {Export::Markdown, Export::Html, Export::Pdf}) {
            const QString file =
                exportOne(chat_, f, Export::AllBranches, QStringLiteral("all-") + fileExtension(f));
            QString text;
            if (f == Export::Pdf) {
                // Kept for a look: build/<preset>/test-output/export-all-branches.pdf.
                const QString keep =
                    QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/export-all-branches.pdf");
                QFile::remove(keep);
                QFile::copy(file, keep);
                text = pdfText(file);
                text.replace(u'\n', u' ');
            } else {
                QFile in(file);
                QVERIFY(in.open(QIODevice::ReadOnly));
                text = QString::fromUtf8(in.readAll());
            }
            const qsizetype first = text.indexOf(QStringLiteral("FIRST-VERSION"));
            const qsizetype follow = text.indexOf(QStringLiteral("FOLLOW-UP on the first"));
            const qsizetype second = text.indexOf(QStringLiteral("SECOND-VERSION"));
            const qsizetype third = text.indexOf(QStringLiteral("THIRD-VERSION"));
            // Tree order: a version, what follows it, then the next version.
            QVERIFY2(first >= 0 && first < follow && follow < second && second < third,
                     qPrintable(fileExtension(f)));
            for (int v = 1; v <= 3; ++v) {
                QVERIFY2(text.contains(QStringLiteral("Answer, version %1 of 3").arg(v)),
                         qPrintable(fileExtension(f)));
            }
            QVERIFY(!text.contains(QStringLiteral("Message, version")));
        }
    }

    void longConversationsArePaginatedAndNumbered() {
        const QString pdf = exportOne(long_, Export::Pdf, Export::ShownBranch, "long");
        const int pages = pageCount(pdf);
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
        for (int p = 1; p <= pages; ++p) {
            QStringList lines =
                pdfText(pdf, {"-f", QString::number(p), "-l", QString::number(p)}).split(u'\n');
            lines.removeIf([](const QString& l) { return l.trimmed().isEmpty(); }); // and \f
            QVERIFY(!lines.isEmpty());
            QCOMPARE(lines.last().trimmed(), QString::number(p)); // the number at its foot
        }
        QVERIFY(pdfText(pdf).contains(QStringLiteral("Message number 119 ")));
    }

    void cancellingStopsTheExport() {
        auto r = exportConversations(
            *store_, Export::Pdf, dir_.filePath("cancel"), std::nullopt,
            [](int64_t, int64_t) { return false; }, Export::AllBranches);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("cancelled") != std::string::npos);
    }

    // The sources under an answer, as in the text export: file names and pages.
    void sourcesUnderAnAnswer() {
        STORE_OK(c, store_->create_conversation({"sources", {}, {}, {}}));
        STORE_OK(q, store_->add_message(c->id, std::nullopt, Role::User, "notice?"));
        STORE_OK(a, store_->add_message(c->id, q->id, Role::Assistant, "Three months [2]."));
        AnswerSearch search{{"Home"},
                            {{1, "u", "/docs/notes.md", "notes.md", 1, 1, 0, "x"},
                             {2, "u", "/docs/Lease.pdf", "Lease", 3, 12, 0, "y"}}};
        CHECK_OK(save_answer_search(store_->database(), a->id, search));
        const QString text = pdfText(exportOne(c->id, Export::Pdf, Export::ShownBranch, "src"));
        QVERIFY2(text.contains(QStringLiteral("Three months [2].\nSources: [2] Lease.pdf, page 3")),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("notes.md")));
    }

    void cleanupTestCase() { store_.reset(); }
};

QTEST_MAIN(TestPdfExport)
#include "tst_pdf_export.moc"
