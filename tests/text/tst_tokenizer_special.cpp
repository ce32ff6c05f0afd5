// Special tokens, BOS handling, end of generation and token texts: on hand-made vocabularies
// (always) and on the real fixture vocabularies (skipped when the shared folder is absent).
#include "synthetic_vocab.h"
#include "vocab_fixtures.h"

#include <QTest>
#include <algorithm>

using namespace hearth;
using namespace hearth::test;

namespace {

bool contains(const std::vector<Token>& ids, Token t) {
    return std::find(ids.begin(), ids.end(), t) != ids.end();
}

#define REQUIRE_VOCAB(var, name)                                                                   \
    QString var##_error;                                                                           \
    const Tokenizer* var = fixture_tokenizer(QStringLiteral(name), &var##_error);                  \
    if (var == nullptr) {                                                                          \
        QSKIP(qPrintable(QStringLiteral("fixture vocabulary %1 unavailable: %2")                   \
                             .arg(QStringLiteral(name), var##_error)));                            \
    }

} // namespace

class TestTokenizerSpecial : public QObject {
    Q_OBJECT

private slots:
    // The pair with the best score merges first, wherever it is: "ab" (-1) beats "▁a" (-3)
    // although "▁a" is further left; equal scores merge leftmost first.
    void spmMergesByScore() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10},
                                              {"a", -10},
                                              {"b", -10},
                                              {"c", -10},
                                              {"▁a", -3},
                                              {"ab", -1},
                                              {"bc", -2},
                                              {"abc", -4}}));
        QVERIFY(t.ok());
        const Token space = kSpmFirstPiece, a = space + 1, b = a + 1, c = b + 1;
        const Token space_a = c + 1, ab = c + 2, bc = c + 3, abc = c + 4;
        QCOMPARE(t->encode("abc", false, false), (std::vector<Token>{space, abc}));
        QCOMPARE(t->encode("bca", false, false), (std::vector<Token>{space, bc, a}));
        QCOMPARE(t->encode(" a", false, false), (std::vector<Token>{space, space_a}));
        QCOMPARE(t->encode("abab", false, false), (std::vector<Token>{space, ab, ab}));
        QCOMPARE(t->encode("cb", false, false), (std::vector<Token>{space, c, b}));
        QCOMPARE(t->encode("", false, false), std::vector<Token>{});
        QCOMPARE(t->encode("", true, false), (std::vector<Token>{1}));
    }

    // Characters without a piece fall back to their UTF-8 bytes; text that looks like a byte
    // or control token never becomes one.
    void spmByteFallback() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10}, {"a", -10}, {"▁a", -1}}));
        QVERIFY(t.ok());
        const Token space = kSpmFirstPiece, a = space + 1, space_a = space + 2;
        QCOMPARE(t->encode("aé", false, false),
                 (std::vector<Token>{space_a, spm_byte(0xC3), spm_byte(0xA9)}));
        QCOMPARE(t->token_text(spm_byte(0x0A)), std::string("\n"));
        QCOMPARE(t->token_text(space_a), std::string(" a"));
        QCOMPARE(t->token_text(1), std::string());
        QCOMPARE(t->token_text(1, true), std::string("<s>"));
        const std::vector<Token> literal = t->encode("<s>", false, false);
        QVERIFY(!contains(literal, 1));
        QCOMPARE(t->decode(literal), std::string("<s>"));
        QCOMPARE(t->encode("<s>a", true, true), (std::vector<Token>{1, space_a}));
        QCOMPARE(t->encode("a", false, false), (std::vector<Token>{space_a}));
        QVERIFY(!contains(t->encode("a", false, false), a));
    }

    void bosHandling() {
        Result<Tokenizer> t = load(spm_vocab({{"▁", -10}, {"a", -10}, {"▁a", -1}}));
        QVERIFY(t.ok());
        QVERIFY(t->add_bos_by_default());
        QCOMPARE(t->encode("a", true, false).front(), 1);
        // A template that prints {{ bos_token }}: one BOS, not two.
        const std::vector<Token> once = t->encode("<s>a", true, true);
        QCOMPARE(std::count(once.begin(), once.end(), 1), 1);
        QCOMPARE(once.front(), 1);
        // The text of a BOS in user text stays text.
        const std::vector<Token> user = t->encode("<s>a", true, false);
        QCOMPARE(std::count(user.begin(), user.end(), 1), 1);
    }

    void bosDefaultsOfRealVocabularies_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("add_bos");
        QTest::addColumn<int>("bos");
        QTest::newRow("llama-spm") << "llama-spm" << true << 1;
        QTest::newRow("phi-3") << "phi-3" << true << 1;
        QTest::newRow("llama-bpe") << "llama-bpe" << true << 128000;
        QTest::newRow("qwen2") << "qwen2" << false << 151643;
        QTest::newRow("gpt-2") << "gpt-2" << false << 50256;
        QTest::newRow("deepseek-llm") << "deepseek-llm" << true << 100000;
        QTest::newRow("command-r") << "command-r" << true << 5;
    }

    void bosDefaultsOfRealVocabularies() {
        QFETCH(QString, name);
        QFETCH(bool, add_bos);
        QFETCH(int, bos);
        QString error;
        const Tokenizer* t = fixture_tokenizer(name, &error);
        if (t == nullptr) {
            QSKIP(qPrintable(error));
        }
        QCOMPARE(t->add_bos_by_default(), add_bos);
        QCOMPARE(t->bos(), bos);
        const std::vector<Token> ids = t->encode("Hello", true, false);
        QCOMPARE(ids.front(), bos);
        QCOMPARE(std::count(ids.begin(), ids.end(), bos), 1);
        // The BOS text at the start of trusted text is not doubled by add_bos.
        const std::string with_bos = std::string(t->raw_token_text(bos)) + "Hello";
        const std::vector<Token> once = t->encode(with_bos, true, true);
        QCOMPARE(once.front(), bos);
        QCOMPARE(std::count(once.begin(), once.end(), bos), 1);
    }

    // The core security property: a user typing a control token's text gets plain text.
    void controlTokensOnlyFromTrustedText() {
        REQUIRE_VOCAB(qwen, "qwen2");
        const Token im_start = 151644, im_end = 151645;
        QVERIFY(qwen->is_control(im_end));
        const std::vector<Token> user = qwen->encode("Hi<|im_end|>", false, false);
        QVERIFY(!contains(user, im_end));
        QCOMPARE(qwen->decode(user), std::string("Hi<|im_end|>"));
        QCOMPARE(qwen->encode("<|im_end|>", false, true), (std::vector<Token>{im_end}));

        const std::string rendered = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";
        const std::vector<Token> ids = qwen->encode(rendered, false, true);
        QCOMPARE(ids.front(), im_start);
        QCOMPARE(std::count(ids.begin(), ids.end(), im_start), 2);
        QCOMPARE(std::count(ids.begin(), ids.end(), im_end), 1);
        QCOMPARE(qwen->decode(ids, true), rendered);
        QCOMPARE(qwen->decode(ids), std::string("user\nHi\nassistant\n"));

        REQUIRE_VOCAB(llama3, "llama-bpe");
        QVERIFY(!contains(llama3->encode("<|eot_id|>", false, false), 128009));
        QCOMPARE(llama3->encode("<|eot_id|>", false, true), (std::vector<Token>{128009}));
    }

    // User-defined (non-special added) tokens split out of any text, as in llama.cpp and
    // Hugging Face: DeepSeek's 'ö', Command-R's turn markers.
    void userDefinedTokensAlwaysSplit() {
        REQUIRE_VOCAB(deepseek, "deepseek-llm");
        QVERIFY(contains(deepseek->encode("schön", false, false), 100003));
        REQUIRE_VOCAB(command, "command-r");
        QCOMPARE(command->encode("<|START_OF_TURN_TOKEN|>", false, false),
                 (std::vector<Token>{255000}));
        // <|END_OF_TURN_TOKEN|> is a control token: plain text unless trusted.
        QVERIFY(!contains(command->encode("<|END_OF_TURN_TOKEN|>", false, false), 255001));
        QCOMPARE(command->encode("<|END_OF_TURN_TOKEN|>", false, true),
                 (std::vector<Token>{255001}));
    }

    // Phi-3: control tokens swallow the whitespace after them; "</s>" (user-defined in the
    // file) is an end marker and therefore treated as control, as llama.cpp does.
    void phi3Specials() {
        REQUIRE_VOCAB(phi, "phi-3");
        const std::vector<Token> ids = phi->encode("<|user|>\nHi<|end|>\n", false, true);
        QCOMPARE(ids.front(), 32010);
        QCOMPARE(ids[1], *phi->find_token("▁Hi"));
        QCOMPARE(ids.back(), 32007);
        QVERIFY(phi->is_control(2));
        QVERIFY(phi->is_end_of_generation(2));
        QVERIFY(!contains(phi->encode("a </s> b", false, false), 2));
    }

    void endOfGeneration() {
        REQUIRE_VOCAB(qwen, "qwen2");
        QVERIFY(qwen->is_end_of_generation(151645)); // <|im_end|>
        QVERIFY(qwen->is_end_of_generation(151643)); // <|endoftext|> (EOS)
        QVERIFY(!qwen->is_end_of_generation(151644));
        QVERIFY(!qwen->is_end_of_generation(*qwen->find_token("Hello")));
        QCOMPARE(qwen->eot(), 151645);

        REQUIRE_VOCAB(llama3, "llama-bpe");
        QCOMPARE(llama3->eos(), 128001);
        QCOMPARE(llama3->eot(), 128009);
        QVERIFY(llama3->is_end_of_generation(128009));
        QVERIFY(llama3->is_end_of_generation(128001));
        QVERIFY(!llama3->is_end_of_generation(128000));

        REQUIRE_VOCAB(phi, "phi-3");
        QVERIFY(phi->is_end_of_generation(32007)); // <|end|>
        QVERIFY(phi->is_end_of_generation(32000)); // <|endoftext|>

        REQUIRE_VOCAB(deepseek, "deepseek-llm");
        QVERIFY(deepseek->is_end_of_generation(100001)); // <｜end▁of▁sentence｜>
        QVERIFY(!deepseek->is_end_of_generation(-1));
        QVERIFY(!deepseek->is_end_of_generation(1 << 30));
    }

    void tokenTexts() {
        REQUIRE_VOCAB(spm, "llama-spm");
        QCOMPARE(spm->token_text(*spm->find_token("▁Hello")), std::string(" Hello"));
        QCOMPARE(spm->token_text(*spm->find_token("<0x0A>")), std::string("\n"));
        QCOMPARE(spm->token_text(2), std::string());
        QCOMPARE(spm->token_text(2, true), std::string("</s>"));
        QCOMPARE(spm->token_text(-5), std::string());
        QCOMPARE(spm->token_text(32000), std::string());
        QCOMPARE(spm->raw_token_text(29871), std::string_view("▁"));

        REQUIRE_VOCAB(qwen, "qwen2");
        QCOMPARE(qwen->token_text(*qwen->find_token("Ġworld")), std::string(" world"));
        QCOMPARE(qwen->token_text(*qwen->find_token("Ċ")), std::string("\n"));
        QCOMPARE(qwen->token_text(151645), std::string());
        QCOMPARE(qwen->token_text(151645, true), std::string("<|im_end|>"));
        QCOMPARE(qwen->vocab_size(), size_t(151936));
        QCOMPARE(qwen->kind(), TokenizerKind::Bpe);
        QVERIFY(!qwen->find_token("no such token"));
    }

    // Copies of a tokenizer share the tables and outlive the file they came from.
    void handlesAreCheapAndIndependent() {
        std::optional<Tokenizer> copy;
        {
            Result<Tokenizer> t = load(spm_vocab({{"▁", -10}, {"a", -10}, {"▁a", -1}}));
            QVERIFY(t.ok());
            copy = *t;
        }
        QCOMPARE(copy->encode("a", false, false), (std::vector<Token>{kSpmFirstPiece + 2}));
    }
};

QTEST_GUILESS_MAIN(TestTokenizerSpecial)
#include "tst_tokenizer_special.moc"
