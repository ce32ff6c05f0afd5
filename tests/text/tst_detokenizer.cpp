// Streaming detokenization: characters split across tokens (byte fallback, byte-level BPE)
// are held back until complete, so every emitted piece is valid UTF-8; impossible bytes
// become U+FFFD.
#include "synthetic_vocab.h"
#include "text/utf8.h"
#include "vocab_fixtures.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";

// CJK, emoji with ZWJ sequences and modifiers, Hangul, Devanagari, combining marks.
const char* const kTexts[] = {
    "我们今天去公园散步。",
    "Emoji: 😀 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇩🇪",
    "日本語のテキストと한국어 텍스트",
    "नमस्ते दुनिया, é (e\xCC\x81)",
    "🚀 (normal) 😶‍🌫️ (multiple emojis concatenated) ✅",
};

} // namespace

class TestDetokenizer : public QObject {
    Q_OBJECT

private slots:
    void holdsIncompleteCharacters() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10}, {"a", -10}, {"▁a", -1}}));
        QVERIFY(t.ok());
        StreamingDetokenizer stream(*t);
        QCOMPARE(stream.push(spm_byte(0xE6)), std::string());
        QCOMPARE(stream.push(spm_byte(0x88)), std::string());
        QCOMPARE(stream.push(spm_byte(0x91)), std::string("我"));
        QCOMPARE(stream.push(kSpmFirstPiece + 2), std::string(" a"));
        QCOMPARE(stream.push(spm_byte(0xF0)), std::string());
        QCOMPARE(stream.push(spm_byte(0x9F)), std::string());
        QCOMPARE(stream.push(spm_byte(0x9A)), std::string());
        QCOMPARE(stream.push(spm_byte(0x80)), std::string("🚀"));
        QCOMPARE(stream.push(1), std::string()); // control tokens print nothing
        QCOMPARE(stream.flush(), std::string());
    }

    void replacesImpossibleBytes() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10}, {"a", -10}, {"▁a", -1}}));
        QVERIFY(t.ok());
        StreamingDetokenizer stream(*t);
        QCOMPARE(stream.push(spm_byte(0xFF)), kFffd);            // never valid
        QCOMPARE(stream.push(spm_byte(0x80)), kFffd);            // continuation without lead
        QCOMPARE(stream.push(spm_byte(0xE6)), std::string());    // could still complete...
        QCOMPARE(stream.push(kSpmFirstPiece + 2), kFffd + " a"); // ...but did not
        QCOMPARE(stream.push(spm_byte(0xED)), std::string());
        QCOMPARE(stream.push(spm_byte(0xA0)), kFffd + kFffd); // a surrogate: invalid
        QCOMPARE(stream.push(spm_byte(0xF0)), std::string());
        QCOMPARE(stream.push(spm_byte(0x9F)), std::string());
        QCOMPARE(stream.flush(), kFffd); // an unfinished sequence at the end
        QCOMPARE(stream.flush(), std::string());
        QCOMPARE(stream.push(spm_byte(0x41)), std::string("A")); // a fresh start
    }

    void showsControlTokensWhenAsked() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10}}));
        QVERIFY(t.ok());
        StreamingDetokenizer stream(*t, true);
        QCOMPARE(stream.push(2), std::string("</s>"));
    }

    // Real vocabularies split these texts mid-character; the stream never shows a broken one.
    void realVocabulariesStreamValidUtf8_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : vocab_names()) {
            QTest::newRow(qPrintable(name)) << name;
        }
        if (vocab_names().isEmpty()) {
            QTest::newRow("none") << QString();
        }
    }

    void realVocabulariesStreamValidUtf8() {
        QFETCH(QString, name);
        if (name.isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("no fixture vocabularies in %1").arg(vocab_dir())));
        }
        QString error;
        const Tokenizer* t = fixture_tokenizer(name, &error);
        QVERIFY2(t != nullptr, qPrintable(error));
        int split_characters = 0;
        for (const char* text : kTexts) {
            const std::vector<Token> ids = t->encode(text, false, false);
            StreamingDetokenizer stream(*t);
            std::string streamed;
            for (Token id : ids) {
                split_characters += text::is_valid_utf8(t->token_text(id)) ? 0 : 1;
                const std::string piece = stream.push(id);
                QVERIFY2(text::is_valid_utf8(piece),
                         qPrintable(QStringLiteral("token %1").arg(id)));
                streamed += piece;
            }
            streamed += stream.flush();
            QCOMPARE(QString::fromStdString(streamed),
                     QString::fromStdString(t->kind() == TokenizerKind::Spm
                                                ? " " + std::string(text)
                                                : std::string(text)));
        }
        QVERIFY2(split_characters > 0, "no token split a character: the test proves nothing");
    }
};

QTEST_GUILESS_MAIN(TestDetokenizer)
#include "tst_detokenizer.moc"
