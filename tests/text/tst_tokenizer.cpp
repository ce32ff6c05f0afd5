// Tokenizers against llama.cpp: every case of every fixture vocabulary must give exactly the
// ids llama.cpp's test-tokenizer-0 recorded (encode without BOS, without parsing special
// tokens), likewise the multilingual cases made with llama.cpp for this project; decoding
// gives the text back; a long text encodes quickly.
#include "vocab_fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

// Speed is checked in optimized builds only (Debug + sanitizers run ~100x slower).
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
constexpr bool kTimingIsMeaningful = true;
#else
constexpr bool kTimingIsMeaningful = false;
#endif

QString data_dir() {
    return QStringLiteral(HEARTH_TOKENIZER_DATA_DIR);
}

// Compares every case; returns how many matched and describes the first mismatches.
int count_matches(const Tokenizer& tokenizer, const std::vector<std::string>& cases,
                  const std::vector<std::vector<Token>>& expected, QStringList& mismatches) {
    int matched = 0;
    for (size_t i = 0; i < cases.size(); ++i) {
        const std::vector<Token> got = tokenizer.encode(cases[i], false, false);
        if (got == expected[i]) {
            ++matched;
        } else if (mismatches.size() < 5) {
            mismatches << QStringLiteral("case %1 '%2'\n    expected %3\n    got      %4")
                              .arg(i)
                              .arg(printable(cases[i]).left(80), describe(expected[i]),
                                   describe(got));
        }
    }
    return matched;
}

const Tokenizer* require_vocab(const QString& name) {
    QString error;
    const Tokenizer* tokenizer = fixture_tokenizer(name, &error);
    if (tokenizer == nullptr) {
        qWarning("%s", qPrintable(error));
    }
    return tokenizer;
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (vocab_names().isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("no tokenizer fixtures: %1 holds no ggml-vocab-*.gguf "
                                            "(set HEARTH_MODELS_DIR to the shared models folder)")
                                 .arg(vocab_dir())));
        }
    }

    void matchesLlamaCpp_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : vocab_names()) {
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    void matchesLlamaCpp() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = require_vocab(name);
        QVERIFY(tokenizer != nullptr);
        const QString base = vocab_path(name);
        const auto cases = read_cases(base + QStringLiteral(".inp"));
        const auto expected = read_expected(base + QStringLiteral(".out"));
        QVERIFY2(cases && expected, "the .inp/.out files are missing");
        QCOMPARE(cases->size(), expected->size());
        QVERIFY(!cases->empty());

        QStringList mismatches;
        const int matched = count_matches(*tokenizer, *cases, *expected, mismatches);
        qInfo("%s: %d/%zu cases match llama.cpp", qPrintable(name), matched, cases->size());
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
    }

    // Loading copies and indexes the whole vocabulary (up to 256k tokens and 253k merges).
    void loadsQuickly_data() { matchesLlamaCpp_data(); }

    void loadsQuickly() {
        QFETCH(QString, name);
        Result<gguf::File> file = gguf::File::open(vocab_path(name).toStdString());
        QVERIFY(file.ok());
        QElapsedTimer timer;
        timer.start();
        Result<Tokenizer> tokenizer = Tokenizer::load(*file);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().message.c_str());
        qInfo("%s: %zu tokens loaded in %.1f ms", qPrintable(name), tokenizer->vocab_size(), ms);
        if (kTimingIsMeaningful) {
            QVERIFY2(ms < 1000, "loading a vocabulary took a second or more");
        }
    }

    // tests/data/tokenizer/multilingual.inp with one <vocab>.multilingual.out per vocabulary.
    void multilingualMatchesLlamaCpp_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("out");
        const QStringList outs =
            QDir(data_dir())
                .entryList({QStringLiteral("*.multilingual.out")}, QDir::Files, QDir::Name);
        for (const QString& out : outs) {
            QString name = out.chopped(int(qstrlen(".multilingual.out")));
            if (name.startsWith(QStringLiteral("ggml-vocab-"))) {
                name = name.mid(11);
            }
            if (name.endsWith(QStringLiteral(".gguf"))) {
                name.chop(5);
            }
            QTest::newRow(qPrintable(name)) << name << data_dir() + u'/' + out;
        }
        if (outs.isEmpty()) {
            QTest::newRow("none") << QString() << QString();
        }
    }

    void multilingualMatchesLlamaCpp() {
        QFETCH(QString, name);
        QFETCH(QString, out);
        if (name.isEmpty()) {
            QSKIP("no tests/data/tokenizer/*.multilingual.out files yet");
        }
        if (!QFileInfo::exists(vocab_path(name))) {
            QSKIP(qPrintable(QStringLiteral("no fixture vocabulary %1").arg(vocab_path(name))));
        }
        const Tokenizer* tokenizer = require_vocab(name);
        QVERIFY(tokenizer != nullptr);
        const auto cases = read_cases(data_dir() + QStringLiteral("/multilingual.inp"));
        const auto expected = read_expected(out);
        QVERIFY2(cases && expected, "multilingual.inp or the .out file is unreadable");
        QCOMPARE(cases->size(), expected->size());

        QStringList mismatches;
        const int matched = count_matches(*tokenizer, *cases, *expected, mismatches);
        qInfo("%s: %d/%zu multilingual cases match llama.cpp", qPrintable(name), matched,
              cases->size());
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
    }

    // Concatenated token texts give the input back (byte fallback and byte-level BPE lose
    // nothing; SPM's space prefix is removed again by decode).
    void decodingRoundTrips_data() { matchesLlamaCpp_data(); }

    void decodingRoundTrips() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = require_vocab(name);
        QVERIFY(tokenizer != nullptr);
        const auto cases = read_cases(vocab_path(name) + QStringLiteral(".inp"));
        QVERIFY(cases.has_value());
        std::vector<std::string> texts = *cases;
        if (const auto more = read_cases(data_dir() + QStringLiteral("/multilingual.inp"))) {
            texts.insert(texts.end(), more->begin(), more->end());
        }
        for (const std::string& text : texts) {
            const std::vector<Token> ids = tokenizer->encode(text, false, false);
            std::string joined;
            for (Token t : ids) {
                joined += tokenizer->token_text(t, true);
            }
            if (tokenizer->kind() == TokenizerKind::Bpe) {
                QCOMPARE(QString::fromStdString(joined), QString::fromStdString(text));
            }
            QCOMPARE(QString::fromStdString(tokenizer->decode(ids, true)),
                     QString::fromStdString(text));
        }
    }

    // A 10 KB mixed text (prose, code, CJK, emoji) encodes well under 50 ms, and so do 10 KB
    // runs that stress one path each (a single huge pre-token, whitespace look-ahead, digits,
    // byte fallback, back-to-back special tokens).
    void encodesLongTextQuickly_data() { matchesLlamaCpp_data(); }

    void encodesLongTextQuickly() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = require_vocab(name);
        QVERIFY(tokenizer != nullptr);
        const auto cases = read_cases(vocab_path(name) + QStringLiteral(".inp"));
        QVERIFY(cases && !cases->empty());
        std::string mixed;
        for (size_t i = 0; mixed.size() < 10 * 1024; ++i) {
            mixed += (*cases)[i % cases->size()];
            mixed += ' ';
        }
        const auto repeat = [](std::string_view unit) {
            std::string out;
            while (out.size() < 10 * 1024) {
                out += unit;
            }
            return out;
        };
        const std::pair<const char*, std::string> texts[] = {
            {"mixed", mixed},
            {"one letter", repeat("a")},
            {"spaces", repeat(" ")},
            {"space runs", repeat("     \n")},
            {"digits", repeat("7")},
            {"emoji", repeat("😶‍🌫️")},
            {"specials", repeat(std::string(tokenizer->raw_token_text(tokenizer->eos())) + "x")},
        };
        for (const auto& [label, text] : texts) {
            qint64 best = std::numeric_limits<qint64>::max();
            size_t count = 0;
            for (int run = 0; run < 3; ++run) {
                QElapsedTimer timer;
                timer.start();
                count = tokenizer->encode(text, true, true).size();
                best = std::min(best, timer.nsecsElapsed());
            }
            qInfo("%s, %s: %zu bytes -> %zu tokens in %.2f ms", qPrintable(name), label,
                  text.size(), count, double(best) / 1e6);
            if (kTimingIsMeaningful) {
                QVERIFY2(best < 50'000'000, label);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
