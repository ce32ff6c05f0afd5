// A vocabulary inside a GGUF file is untrusted input: every defect must come back as an Error
// naming it (never a crash), and unknown tokenizer or pre-tokenizer names must list what is
// supported.
#include "synthetic_vocab.h"
#include "text/utf8.h"
#include "vocab_fixtures.h"

#include <QRandomGenerator>
#include <QTest>
#include <cstdio>

using namespace hearth;
using namespace hearth::test;

namespace {

// A tiny valid byte-level vocabulary: "a", "b", "ab" and the merge "a b".
GgufWriter tiny_bpe(const std::string& pre = "gpt-2") {
    return bpe_vocab({"a", "b", "ab", "Ġ"}, {"a b"}, pre);
}

std::string load_error(const GgufWriter& writer) {
    Result<Tokenizer> tokenizer = load(writer);
    return tokenizer ? std::string("(loaded)") : tokenizer.error().message;
}

void expect_error(const GgufWriter& writer, std::initializer_list<const char*> fragments) {
    const QString message = QString::fromStdString(load_error(writer));
    for (const char* fragment : fragments) {
        QVERIFY2(message.contains(QLatin1String(fragment)),
                 qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(message, fragment)));
    }
}

} // namespace

class TestTokenizerErrors : public QObject {
    Q_OBJECT

private slots:
    void validVocabulariesLoad() {
        QCOMPARE(load_error(tiny_bpe()), std::string("(loaded)"));
        QCOMPARE(load_error(spm_vocab({{"▁a", -1}})), std::string("(loaded)"));
        Result<Tokenizer> t = load(tiny_bpe());
        QVERIFY(t.ok());
        QCOMPARE(t->encode("ab", false, false), (std::vector<Token>{2}));
        QCOMPARE(t->bos(), -1); // BPE without bos_token_id: none, not llama.cpp's id 11
    }

    void unknownPreTokenizerIsNamed() {
        expect_error(tiny_bpe("frobnicate"),
                     {"frobnicate", "tokenizer.ggml.pre", "llama-bpe", "qwen2", "qwen35",
                      "deepseek-llm", "deepseek-coder", "deepseek-v3", "hunyuan-dense", "gpt-2",
                      "command-r", "tekken", "default"});
    }

    void missingPreTokenizerUsesDefault() {
        GgufWriter without;
        without.set_string("tokenizer.ggml.model", "gpt2");
        without.set_strings("tokenizer.ggml.tokens", {"a", "b", "ab"});
        without.set_strings("tokenizer.ggml.merges", {"a b"});
        Result<Tokenizer> t = load(without);
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
        QCOMPARE(t->pre_tokenizer(), std::string_view("default"));
    }

    void unknownModelIsNamed() {
        GgufWriter w = tiny_bpe();
        w.set_string("tokenizer.ggml.model", "wordpiece");
        expect_error(w, {"wordpiece", "llama", "gpt2"});
    }

    void missingVocabulary() {
        GgufWriter none;
        none.set_string("general.architecture", "llama");
        expect_error(none, {"tokenizer.ggml.model"});

        GgufWriter no_tokens;
        no_tokens.set_string("tokenizer.ggml.model", "llama");
        expect_error(no_tokens, {"tokenizer.ggml.tokens"});

        GgufWriter empty = spm_vocab({});
        empty.set_strings("tokenizer.ggml.tokens", {});
        expect_error(empty, {"tokenizer.ggml.tokens", "0 tokens"});

        GgufWriter wrong_type = tiny_bpe();
        wrong_type.set_u32("tokenizer.ggml.tokens", 7);
        expect_error(wrong_type, {"tokenizer.ggml.tokens"});
    }

    void scoreCountMustMatch() {
        GgufWriter w = spm_vocab({{"▁a", -1}});
        w.set_f32s("tokenizer.ggml.scores", {0.0f, 1.0f});
        expect_error(w, {"tokenizer.ggml.scores", "2 numbers", "260 tokens"});

        GgufWriter strings = spm_vocab({{"▁a", -1}});
        strings.set_strings("tokenizer.ggml.scores", std::vector<std::string>(260, "x"));
        expect_error(strings, {"tokenizer.ggml.scores"});
    }

    void tokenTypesMustMatch() {
        GgufWriter count = tiny_bpe();
        count.set_i32s("tokenizer.ggml.token_type", {1, 1});
        expect_error(count, {"tokenizer.ggml.token_type", "2 integers", "4 tokens"});

        GgufWriter value = tiny_bpe();
        value.set_i32s("tokenizer.ggml.token_type", {1, 9, 1, 1});
        expect_error(value, {"tokenizer.ggml.token_type[1]", "9"});
    }

    void byteTokensMustBeSpelledAsBytes() {
        GgufWriter w = spm_vocab({{"▁a", -1}});
        std::vector<std::string> tokens = {"<unk>", "<s>", "</s>"};
        for (unsigned b = 0; b < 256; ++b) {
            char name[8];
            std::snprintf(name, sizeof(name), "<0x%02X>", b);
            tokens.push_back(b == 0x41 ? std::string("<0xZZ>") : std::string(name));
        }
        tokens.push_back("▁a");
        w.set_strings("tokenizer.ggml.tokens", tokens);
        expect_error(w, {"token 68", "byte token", "<0xZZ>"});
    }

    void mergesMustReferToTokens() {
        expect_error(bpe_vocab({"a", "b", "ab"}, {"a b", "a q"}),
                     {"tokenizer.ggml.merges[1]", "'a q'", "not in the vocabulary"});
        expect_error(bpe_vocab({"a", "b"}, {"a b"}), {"tokenizer.ggml.merges[0]", "produces"});
        expect_error(bpe_vocab({"a", "b", "ab"}, {"ab"}), {"merges[0]", "separated by a space"});
        expect_error(bpe_vocab({"a", "b", "ab"}, {"a "}), {"merges[0]", "separated by a space"});

        GgufWriter no_merges;
        no_merges.set_string("tokenizer.ggml.model", "gpt2");
        no_merges.set_string("tokenizer.ggml.pre", "gpt-2");
        no_merges.set_strings("tokenizer.ggml.tokens", {"a"});
        expect_error(no_merges, {"tokenizer.ggml.merges"});
    }

    void malformedKeysAreErrors() {
        GgufWriter id = tiny_bpe();
        id.set_string("tokenizer.ggml.bos_token_id", "one");
        expect_error(id, {"tokenizer.ggml.bos_token_id", "integer"});

        GgufWriter flag = tiny_bpe();
        flag.set_string("tokenizer.ggml.add_bos_token", "yes");
        expect_error(flag, {"tokenizer.ggml.add_bos_token", "boolean"});

        GgufWriter pre = tiny_bpe();
        pre.set_u32("tokenizer.ggml.pre", 3);
        expect_error(pre, {"tokenizer.ggml.pre", "string"});
    }

    // Published files sometimes name an id one past the vocabulary (e.g. a padding token):
    // ignored as llama.cpp ignores it, not a reason to refuse the model.
    void outOfRangeIdsAreIgnored() {
        GgufWriter w = tiny_bpe();
        w.set_u32("tokenizer.ggml.padding_token_id", 4);
        w.set_u32("tokenizer.ggml.bos_token_id", 1);
        Result<Tokenizer> t = load(w);
        QVERIFY(t.ok());
        QCOMPARE(t->pad(), -1);
        QCOMPARE(t->bos(), 1);
    }

    // Whatever bytes come in, encoding returns tokens (never crashes); invalid UTF-8 becomes
    // U+FFFD for byte-level BPE and byte tokens for SPM.
    void invalidUtf8Input() {
        Result<Tokenizer> spm = load(spm_vocab({{"▁a", -1}}));
        QVERIFY(spm.ok());
        const std::string bad = "a\xFF\xE4\xB8";
        const std::vector<Token> ids = spm->encode(bad, false, false);
        QCOMPARE(ids, (std::vector<Token>{kSpmFirstPiece, spm_byte(0xFF), spm_byte(0xE4),
                                          spm_byte(0xB8)}));
        QCOMPARE(spm->decode(ids), bad);

        Result<Tokenizer> bpe = load(tiny_bpe());
        QVERIFY(bpe.ok());
        QCOMPARE(bpe->encode("ab\xFF", false, false), (std::vector<Token>{2})); // no U+FFFD token
    }

    // Random bytes (biased towards UTF-8 lead bytes, spaces and '<|') through every fixture
    // vocabulary: encode, decode and stream must never crash, and streamed text is valid.
    void randomBytesNeverCrash() {
        const QStringList names = vocab_names();
        if (names.isEmpty()) {
            QSKIP("no fixture vocabularies");
        }
        QRandomGenerator random(20261129);
        const char alphabet[] = {' ',    '\n',   '<',    '|',    '>',    'a',
                                 '1',    '\'',   '\xC3', '\xA9', '\xE4', '\xB8',
                                 '\x80', '\xF0', '\x9F', '\xFF', '\t',   's'};
        for (const QString& name : names) {
            QString error;
            const Tokenizer* t = fixture_tokenizer(name, &error);
            QVERIFY2(t != nullptr, qPrintable(error));
            for (int round = 0; round < 300; ++round) {
                std::string text;
                const int length = random.bounded(48);
                for (int i = 0; i < length; ++i) {
                    text += random.bounded(4) == 0
                                ? char(random.bounded(256))
                                : alphabet[random.bounded(int(sizeof(alphabet)))];
                }
                const std::vector<Token> ids = t->encode(text, true, round % 2 == 0);
                StreamingDetokenizer stream(*t);
                std::string streamed;
                for (Token id : ids) {
                    QVERIFY(id >= 0 && size_t(id) < t->vocab_size());
                    streamed += stream.push(id);
                }
                streamed += stream.flush();
                QVERIFY(text::is_valid_utf8(streamed));
                (void)t->decode(ids, true);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenizerErrors)
#include "tst_tokenizer_errors.moc"
