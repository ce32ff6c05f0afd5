// The text of a cited source for the in-app viewer (SourceText): the file read at click time
// and the passage found at its stored offset, by its text when the file changed since it
// was indexed, or not at all; a missing or unreadable file says so. Expected offsets come
// from how each file is written here (fixed-width filler lines), not from the code.
#include "sourcetext.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

// "Filler line 001.\n": 17 UTF-16 units a line.
constexpr int kLine = 17;

QByteArray filler(int from, int count) {
    QByteArray out;
    for (int i = from; i < from + count; ++i) {
        out += QStringLiteral("Filler line %1.\n").arg(i, 3, 10, QLatin1Char('0')).toUtf8();
    }
    return out;
}

const QString kPassage = QStringLiteral("The piano tuner comes on the second Thursday.\n"
                                        "The keys are under the blue flowerpot.");

} // namespace

class TestSourceText : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString write(const char* name, const QByteArray& bytes) {
        const QString path = dir_.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            return {};
        }
        return path;
    }

private slots:
    void passageAtItsOffset() {
        const QString path =
            write("diary.md", filler(1, 149) + "  " + kPassage.toUtf8() + "\n" + filler(200, 50));
        SourceText text;
        // The index stored the chunk's start, before its leading spaces; the excerpt is trimmed.
        text.load(path, 149 * kLine, kPassage);
        QCOMPARE(text.state(), SourceText::State::Found);
        QCOMPARE(text.passageStart(), 149 * kLine + 2);
        QCOMPARE(text.passageLength(), int(kPassage.size()));
        QCOMPARE(text.text().mid(text.passageStart(), text.passageLength()), kPassage);
        QVERIFY(!text.code());
    }

    void offsetsCountUtf16() {
        // "😀" is two UTF-16 units, "文件" two: the passage starts at 2 + 1 + 2 + 6 + 1 = 12
        // (in UTF-8 bytes it would be 17).
        const QString path =
            write("utf16.txt", QStringLiteral("😀 文件 notes\n").toUtf8() + kPassage.toUtf8());
        SourceText text;
        text.load(path, 12, kPassage);
        QCOMPARE(text.state(), SourceText::State::Found);
        QCOMPARE(text.passageStart(), 12);
    }

    void aChangedFileIsSearchedByText() {
        // 20 lines added above: the passage moved down 20 lines.
        const QString path =
            write("moved.md", filler(1, 169) + kPassage.toUtf8() + "\n" + filler(300, 5));
        SourceText text;
        text.load(path, 149 * kLine, kPassage);
        QCOMPARE(text.state(), SourceText::State::Moved);
        QCOMPARE(text.passageStart(), 169 * kLine);
        QCOMPARE(text.passageLength(), int(kPassage.size()));
    }

    void theNearestCopyIsChosen() {
        const QString copy = kPassage + QStringLiteral("\n");
        const QString path = write("twice.md", filler(1, 10) + copy.toUtf8() + filler(11, 100) +
                                                   copy.toUtf8() + filler(111, 10));
        SourceText text;
        // Stored at line 90; the copies are now at line 10 and at line 110 (plus the first
        // copy's two lines): the second is nearer, and too far to count as in place.
        text.load(path, 90 * kLine, kPassage);
        QCOMPARE(text.state(), SourceText::State::Moved);
        QCOMPARE(text.passageStart(), 110 * kLine + int(copy.size()));
    }

    void anEditedPassageIsFoundByItsFirstLine() {
        const QString edited = QStringLiteral("The piano tuner comes on the second Thursday.\n"
                                              "The keys are with the neighbour now.");
        const QString path = write("edited.md", filler(1, 30) + edited.toUtf8());
        SourceText text;
        text.load(path, 30 * kLine, kPassage);
        QCOMPARE(text.state(), SourceText::State::Moved);
        QCOMPARE(text.passageStart(), 30 * kLine);
        QCOMPARE(text.passageLength(), 45); // "The piano tuner comes on the second Thursday."
    }

    void aRemovedPassageIsNotFound() {
        const QString path = write("gone.md", filler(1, 200));
        SourceText text;
        text.load(path, 149 * kLine, kPassage);
        QCOMPARE(text.state(), SourceText::State::NotFound);
        QCOMPARE(text.passageLength(), 0);
        QCOMPARE(text.text().size(), 200 * kLine); // still shown, from the top
    }

    void aMissingOrUnreadableFileSaysSo() {
        SourceText text;
        text.load(dir_.filePath(QStringLiteral("never.txt")), 0, kPassage);
        QCOMPARE(text.state(), SourceText::State::Missing);
        QVERIFY(text.text().isEmpty());
        // An image where a text file was: not text.
        const QString path = write("photo.txt", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) +
                                                    QByteArray(4000, '\0'));
        text.load(path, 0, kPassage);
        QCOMPARE(text.state(), SourceText::State::Unreadable);
        QVERIFY2(!text.error().isEmpty(), qPrintable(text.error()));
        text.clear();
        QCOMPARE(text.state(), SourceText::State::Empty);
    }

    // Past kMaxShownChars, the lines around the passage: a quarter before it, cut at line
    // starts. 20,000 lines of 19 characters and the passage (two lines): the 256 Ki shown
    // end at the file's end and so start at 380,085 - 262,144 = 117,941, moved back to the
    // start of its line, 6,207 × 19 = 117,933 (line 6,208).
    void aLargeFileShowsThePartAroundThePassage() {
        QByteArray bytes;
        auto lines = [&](int from, int count) {
            for (int i = from; i < from + count; ++i) {
                bytes +=
                    QStringLiteral("Filler line %1.\n").arg(i, 5, 10, QLatin1Char('0')).toUtf8();
            }
        };
        lines(1, 15000);
        bytes += kPassage.toUtf8() + "\n";
        lines(15001, 5000);
        QCOMPARE(bytes.size(), 380085);
        const QString path = write("long.txt", bytes);
        SourceText text;
        text.load(path, 15000 * 19, kPassage);
        QCOMPARE(text.state(), SourceText::State::Found);
        QVERIFY(text.partial());
        QCOMPARE(text.firstLine(), 6208);
        QCOMPARE(text.lastLine(), 20002); // the passage is two lines
        QCOMPARE(text.text().size(), 380085 - 117933);
        QVERIFY(text.text().startsWith(QLatin1String("Filler line 06208.\n")));
        QCOMPARE(text.passageStart(), 15000 * 19 - 117933);
        QCOMPARE(text.text().mid(text.passageStart(), text.passageLength()), kPassage);
        // A small file is shown whole.
        text.load(write("short.txt", "one\ntwo\n"), 0, QStringLiteral("two"));
        QVERIFY(!text.partial());
        QCOMPARE(text.firstLine(), 1);
    }

    void sourceCodeIsMarkedAsCode() {
        const QString path = write("main.cpp", "int main() {\n    return 42; // answer\n}\n");
        SourceText text;
        text.load(path, 13, QStringLiteral("return 42; // answer"));
        QCOMPARE(text.state(), SourceText::State::Found);
        QCOMPARE(text.passageStart(), 17);
        QVERIFY(text.code());
    }
};

QTEST_GUILESS_MAIN(TestSourceText)
#include "tst_source_text.moc"
