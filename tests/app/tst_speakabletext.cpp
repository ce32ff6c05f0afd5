// What read aloud says: Markdown answers turned into plain phrases by hand-written
// expectations (code blocks and hard formulas replaced by a phrase, links read as their text,
// list items and cells as phrases), and the language guessed from the letters.
#include "speakabletext.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const SpeakablePhrases kPhrases{u"Code omitted."_s, u"formula omitted"_s};

} // namespace

class TestSpeakableText : public QObject {
    Q_OBJECT

private slots:
    void speakable_data() {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"Hello there."_s << u"Hello there."_s;
        QTest::newRow("emphasis and heading")
            << u"# Title\n\nThis is **bold** and *slanted* and ~~gone~~."_s
            << u"Title.\nThis is bold and slanted and gone."_s;
        QTest::newRow("fenced code") << u"Run this:\n\n```python\nprint('hi')\n```\n\nThen stop."_s
                                     << u"Run this:\nCode omitted.\nThen stop."_s;
        QTest::newRow("indented code")
            << u"Example\n\n    x = 1\n    y = 2\n\nDone"_s << u"Example.\nCode omitted.\nDone."_s;
        QTest::newRow("unclosed fence while streaming")
            << u"Look:\n```\nint main() {"_s << u"Look:\nCode omitted."_s;
        QTest::newRow("inline code read") << u"Call `len(x)` first."_s << u"Call len(x) first."_s;
        QTest::newRow("links as their text")
            << u"See [the manual](https://example.org/manual) and ![a cat](cat.png)."_s
            << u"See the manual and a cat."_s;
        QTest::newRow("list items as phrases")
            << u"- apples\n- pears!\n1. one"_s << u"apples.\npears!\none."_s;
        QTest::newRow("table cells")
            << u"| Name | Age |\n|---|---|\n| Ann | 3 |"_s << u"Name.\nAge.\nAnn.\n3."_s;
        QTest::newRow("plain formula read")
            << u"So $x + 1 = 2$ holds."_s << u"So x + 1 = 2 holds."_s;
        QTest::newRow("hard formula skipped")
            << u"The ratio $\\frac{a}{b}$ is small."_s << u"The ratio formula omitted is small."_s;
        QTest::newRow("display formula, bracket form")
            << u"Energy:\n\n\\[ E = mc^2 \\]\n\nNice."_s << u"Energy:\nformula omitted.\nNice."_s;
        QTest::newRow("html left out") << u"a <b>bold</b> word"_s << u"a bold word."_s;
        QTest::newRow("entities") << u"Fish &amp; chips &#x41;"_s << u"Fish & chips A."_s;
        QTest::newRow("chinese stop") << u"## 你好\n\n世界"_s << u"你好。\n世界。"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only code") << u"```\ncode\n```"_s << u"Code omitted."_s;
    }

    void speakable() {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(SpeakableText::speakable(markdown, kPhrases), expected);
    }

    void language_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("fallback");
        QTest::addColumn<int>("expected");
        const int en = QLocale::English, de = QLocale::German, zh = QLocale::Chinese;
        QTest::newRow("english") << u"The cat is on the mat and it is happy."_s << de << en;
        QTest::newRow("german") << u"Die Katze ist auf der Matte und sie ist froh."_s << en << de;
        QTest::newRow("german umlaut words") << u"Für dich und für mich."_s << en << de;
        QTest::newRow("chinese") << u"猫在垫子上，它很高兴。"_s << en << zh;
        QTest::newRow("chinese with latin names")
            << u"使用 Python 的 print 函数可以输出文本。"_s << en << zh;
        QTest::newRow("japanese") << u"猫はマットの上にいます。"_s << en << int(QLocale::Japanese);
        QTest::newRow("korean") << u"고양이가 매트 위에 있어요."_s << en << int(QLocale::Korean);
        QTest::newRow("russian") << u"Кошка сидит на коврике."_s << en << int(QLocale::Russian);
        QTest::newRow("no letters: fallback") << u"42 + 7 = 49"_s << zh << zh;
        QTest::newRow("latin, unknown words: latin fallback") << u"Bonjour mon ami"_s << de << de;
        QTest::newRow("latin, unknown words, CJK fallback: english")
            << u"Bonjour mon ami"_s << zh << en;
    }

    void language() {
        QFETCH(QString, text);
        QFETCH(int, fallback);
        QFETCH(int, expected);
        QCOMPARE(int(SpeakableText::language(text, QLocale::Language(fallback))), expected);
    }

    // Long or hostile input ends quickly with some text or none, never a crash.
    void badInput() {
        QString nested;
        for (int i = 0; i < 2000; ++i) {
            nested += u"> - [*`$"_s;
        }
        QElapsedTimer clock;
        clock.start();
        QVERIFY(SpeakableText::speakable(nested, kPhrases).size() <= nested.size() + 1);
        // A run of dollars opens no formula: it is read as it is (then the full stop).
        QCOMPARE(SpeakableText::speakable(QString(100000, u'$'), kPhrases).size(), 100001);
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(SpeakableText::speakable(u"\0\0abc"_s, kPhrases), u"abc."_s);
    }
};

QTEST_GUILESS_MAIN(TestSpeakableText)
#include "tst_speakabletext.moc"
