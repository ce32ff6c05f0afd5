// The tokenizers of the models added in issue 15 (Gemma 3, Seed-OSS, Hunyuan dense, Phi-4-mini,
// SmolLM3, Ministral 3, Granite 3) against llama.cpp, on small vocabularies shaped like theirs
// (tests/data/tokenizer/synthetic, made by tests/reference/model_tokenizer_goldens.py): their
// merges join almost every pair of neighbouring characters of the test texts, so each cut a
// pre-tokenizer makes (digits, punctuation runs, line breaks, CJK, emoji, letter case) shows in
// the ids. Also the special tokens llama.cpp derives (BOS, EOS, EOT, the end-of-generation
// set, whether BOS is added) and the prompts with turn markers.
#include "template_fixtures.h"
#include "vocab_fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>
#include <map>
#include <memory>

using namespace hearth;
using namespace hearth::test;

namespace {

QString synthetic_dir() {
    return QStringLiteral(HEARTH_TOKENIZER_DATA_DIR "/synthetic");
}

// Each vocabulary is loaded once; the file only needs to live while loading.
const Tokenizer* load_synthetic(const QString& name) {
    static std::map<QString, std::unique_ptr<Tokenizer>> cache;
    auto& slot = cache[name];
    if (!slot) {
        Result<gguf::File> file = gguf::File::open(
            (synthetic_dir() + u'/' + name + QStringLiteral(".gguf")).toStdString());
        if (!file) {
            qWarning("%s", file.error().message.c_str());
            return nullptr;
        }
        Result<Tokenizer> tokenizer = Tokenizer::load(*file);
        if (!tokenizer) {
            qWarning("%s", tokenizer.error().message.c_str());
            return nullptr;
        }
        slot = std::make_unique<Tokenizer>(std::move(*tokenizer));
    }
    return slot.get();
}

QStringList synthetic_names() {
    QStringList names;
    for (const QString& f :
         QDir(synthetic_dir()).entryList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name)) {
        names << f.chopped(5);
    }
    return names;
}

// A reply streamed as the app streams it: token by token through the detokenizer (the tokens
// in `shown` printed as text) into the splitter, stopping at the first end-of-generation token.
ReasoningDelta stream_reply(const Tokenizer& tokenizer, const std::vector<Token>& ids,
                            const std::vector<Token>& shown, ReplySplitter splitter) {
    StreamingDetokenizer detokenizer(tokenizer);
    detokenizer.show_tokens(shown);
    ReasoningDelta all;
    const auto add = [&](const ReasoningDelta& d) {
        all.thinking += d.thinking;
        all.answer += d.answer;
    };
    for (Token t : ids) {
        if (tokenizer.is_end_of_generation(t)) {
            break;
        }
        add(splitter.push(detokenizer.push(t)));
    }
    add(splitter.push(detokenizer.flush()));
    add(splitter.finish());
    return all;
}

// Compares encode(case, add_bos, parse_special) with llama.cpp's ids for every case.
void compare_cases(const Tokenizer& tokenizer, const QString& inp, const QString& out, bool add_bos,
                   bool parse_special) {
    const auto cases = read_cases(inp);
    const auto expected = read_expected(out);
    QVERIFY2(cases && expected, qPrintable(inp + " or " + out + " is unreadable"));
    QCOMPARE(cases->size(), expected->size());
    QVERIFY(!cases->empty());
    QStringList mismatches;
    for (size_t i = 0; i < cases->size(); ++i) {
        const std::vector<Token> got = tokenizer.encode((*cases)[i], add_bos, parse_special);
        if (got != (*expected)[i]) {
            mismatches << QStringLiteral("case %1 '%2'\n    expected %3\n    got      %4")
                              .arg(i)
                              .arg(printable((*cases)[i]).left(80), describe((*expected)[i]),
                                   describe(got));
        }
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
}

} // namespace

class TestTokenizerModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(synthetic_names().size() >= 8, qPrintable(synthetic_dir())); }

    void rows_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : synthetic_names()) {
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    // User text: no BOS, special-token texts stay plain text; only the pre-tokenizer and the
    // merges decide.
    void hostileTextMatchesLlamaCpp_data() { rows_data(); }
    void hostileTextMatchesLlamaCpp() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = load_synthetic(name);
        QVERIFY(tokenizer != nullptr);
        compare_cases(*tokenizer, QStringLiteral(HEARTH_TOKENIZER_DATA_DIR "/hostile.inp"),
                      synthetic_dir() + u'/' + name + QStringLiteral(".gguf.hostile.out"), false,
                      false);
    }

    // A rendered prompt: BOS as the vocabulary asks, the turn markers parsed as tokens.
    void promptsMatchLlamaCpp_data() { rows_data(); }
    void promptsMatchLlamaCpp() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = load_synthetic(name);
        QVERIFY(tokenizer != nullptr);
        const QString base = synthetic_dir() + u'/' + name + QStringLiteral(".gguf.chat");
        compare_cases(*tokenizer, base + QStringLiteral(".inp"), base + QStringLiteral(".out"),
                      tokenizer->add_bos_by_default(), true);
    }

    // BOS, EOS, EOT, whether BOS/EOS are added, and exactly the tokens that end generation.
    void specialTokensMatchLlamaCpp_data() { rows_data(); }
    void specialTokensMatchLlamaCpp() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = load_synthetic(name);
        QVERIFY(tokenizer != nullptr);
        const std::optional<QJsonObject> facts =
            read_json_object(synthetic_dir() + u'/' + name + QStringLiteral(".gguf.special.json"));
        QVERIFY(facts.has_value());
        const auto id = [&](const char* key) {
            const QJsonValue v = (*facts)[QLatin1String(key)];
            return v.isNull() ? Token(-1) : Token(v.toInt());
        };
        QCOMPARE(tokenizer->bos(), id("bos"));
        QCOMPARE(tokenizer->eos(), id("eos"));
        QCOMPARE(tokenizer->add_bos_by_default(), (*facts)["adds_bos"].toBool());
        QCOMPARE(tokenizer->add_eos_by_default(), (*facts)["adds_eos"].toBool());
        QList<int> expected, got;
        for (const QJsonValue& v : (*facts)["eog"].toArray()) {
            expected << v.toInt();
        }
        for (size_t t = 0; t < tokenizer->vocab_size(); ++t) {
            if (tokenizer->is_end_of_generation(Token(t))) {
                got << int(t);
            }
        }
        QCOMPARE(got, expected);
        // llama.cpp takes EOT from tokenizer.ggml.eot_token_id; without that key, from the
        // first token in its hash map's iteration order whose text is an end-of-turn marker,
        // an order no reimplementation can follow. Then EOT must be found exactly when
        // llama.cpp finds one, and end generation.
        Result<gguf::File> file = gguf::File::open(
            (synthetic_dir() + u'/' + name + QStringLiteral(".gguf")).toStdString());
        QVERIFY(file.ok());
        if (file->find("tokenizer.ggml.eot_token_id") != nullptr) {
            QCOMPARE(tokenizer->eot(), id("eot"));
        } else {
            QCOMPARE(tokenizer->eot() >= 0, id("eot") >= 0);
            // (Harmony's <|end|> is the exception: it closes a message, not the turn.)
            QVERIFY(tokenizer->eot() < 0 || expected.contains(tokenizer->eot()) ||
                    tokenizer->eot() == id("eot"));
        }
    }

    // Byte-level BPE loses nothing: the token texts give the input back.
    void decodingRoundTrips_data() { rows_data(); }
    void decodingRoundTrips() {
        QFETCH(QString, name);
        const Tokenizer* tokenizer = load_synthetic(name);
        QVERIFY(tokenizer != nullptr);
        const auto cases = read_cases(QStringLiteral(HEARTH_TOKENIZER_DATA_DIR "/hostile.inp"));
        QVERIFY(cases.has_value());
        for (const std::string& text : *cases) {
            QCOMPARE(QString::fromStdString(
                         tokenizer->decode(tokenizer->encode(text, false, false), true)),
                     QString::fromStdString(text));
        }
    }

    // Without a chat template the vocabulary still tells which markup the model writes, and
    // a reasoning tag the vocabulary marks as a control token is printed all the same.
    void reasoningMarkupFromTheVocabulary_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("open");
        QTest::addColumn<QString>("answer_open");
        QTest::newRow("seed-oss") << "seed-oss" << "<seed:think>" << "";
        QTest::newRow("hunyuan-dense") << "hunyuan-dense" << "<think>" << "<answer>";
        QTest::newRow("ministral3") << "ministral3" << "[THINK]" << "";
        QTest::newRow("phi4-mini") << "phi4-mini" << "<think>" << "";
    }

    void reasoningMarkupFromTheVocabulary() {
        QFETCH(QString, name);
        QFETCH(QString, open);
        QFETCH(QString, answer_open);
        const Tokenizer* tokenizer = load_synthetic(name);
        QVERIFY(tokenizer != nullptr);
        Result<gguf::File> file = gguf::File::open(
            (synthetic_dir() + u'/' + name + QStringLiteral(".gguf")).toStdString());
        QVERIFY(file.ok());
        const ChatTemplate tmpl = ChatTemplate::from_gguf(*file, *tokenizer);
        QCOMPARE(QString::fromStdString(tmpl.reasoning_tags().open), open);
        QCOMPARE(QString::fromStdString(tmpl.reasoning_tags().answer_open), answer_open);

        const std::optional<Token> tag = tokenizer->find_token(open.toStdString());
        if (!tag) {
            return; // the vocabulary has no such token: the model writes it as text
        }
        StreamingDetokenizer plain(*tokenizer);
        StreamingDetokenizer shown(*tokenizer);
        shown.show_tokens(tmpl.marker_tokens(*tokenizer));
        QCOMPARE(QString::fromStdString(shown.push(*tag)), open);
        if (tokenizer->is_control(*tag)) {
            QCOMPARE(plain.push(*tag), std::string());
        }
    }

    // gpt-oss end to end on its vocabulary's shape: the vocabulary selects harmony, the
    // official template's prompt parses into the harmony tokens, and a recorded reply streamed
    // token by token (stopping where generation stops) gives thinking and answer. <|end|>
    // separates messages and does not stop; the control tokens reach the parser as text.
    void harmonyEndToEnd() {
        const Tokenizer* tokenizer = load_synthetic(QStringLiteral("gpt-oss"));
        QVERIFY(tokenizer != nullptr);
        Result<gguf::File> file =
            gguf::File::open((synthetic_dir() + QStringLiteral("/gpt-oss.gguf")).toStdString());
        QVERIFY(file.ok());
        QVERIFY(ChatTemplate::from_gguf(*file, *tokenizer).reply_format() == ReplyFormat::Harmony);
        const std::optional<std::string> source =
            read_text(templates_dir() + QStringLiteral("/openai-gpt-oss-120b.jinja"));
        if (!source) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
        const ChatTemplate tmpl = ChatTemplate::from_source(
            *source, std::string(tokenizer->raw_token_text(tokenizer->bos())),
            std::string(tokenizer->raw_token_text(tokenizer->eos())));
        QVERIFY(tmpl.reply_format() == ReplyFormat::Harmony);
        const auto id = [&](const char* text) { return *tokenizer->find_token(text); };
        const Token end = id("<|end|>"), ret = id("<|return|>"), call = id("<|call|>");
        QVERIFY(!tokenizer->is_end_of_generation(end));
        QVERIFY(tokenizer->is_end_of_generation(ret));
        QVERIFY(tokenizer->is_end_of_generation(call));
        QVERIFY(tokenizer->is_end_of_generation(id("<|endoftext|>")));

        const std::vector<ChatMessage> messages = {{"system", "Be brief.", {}},
                                                   {"user", "2+2?", {}}};
        ChatRenderOptions options;
        options.reasoning_effort = ReasoningEffort::High;
        options.clock = golden_time;
        const RenderedChat chat = tmpl.render(messages, options);
        QVERIFY(chat.format == ChatFormat::Template);
        QVERIFY(chat.text.find("Reasoning: high") != std::string::npos);
        const std::vector<Token> prompt =
            tokenizer->encode(chat.text, tokenizer->add_bos_by_default(), true);
        QCOMPARE(prompt.front(), id("<|start|>"));
        QCOMPARE(std::count(prompt.begin(), prompt.end(), end), 3); // system, developer, user

        const auto stream = [&](const std::string& reply, bool show) {
            return stream_reply(*tokenizer, tokenizer->encode(reply, false, true),
                                show ? tmpl.marker_tokens(*tokenizer) : std::vector<Token>(),
                                tmpl.reply_splitter(chat.thinking, [](std::string_view tool) {
                                    return "[" + std::string(tool) + "]";
                                }));
        };
        ReasoningDelta d = stream("<|channel|>analysis<|message|>Sum of two numbers.<|end|>"
                                  "<|start|>assistant<|channel|>final<|message|>4<|return|>"
                                  "<|start|>assistant<|channel|>final<|message|>never",
                                  true);
        QCOMPARE(d.thinking, std::string("Sum of two numbers."));
        QCOMPARE(d.answer, std::string("4"));
        d = stream("<|channel|>analysis<|message|>Need a tool.<|end|><|start|>assistant"
                   "<|channel|>commentary to=functions.add <|constrain|>json<|message|>"
                   "{\"a\":2}<|call|>",
                   true);
        QCOMPARE(d.thinking, std::string("Need a tool."));
        QCOMPARE(d.answer, std::string("[add]"));
        // Without the markers shown, the control tokens vanish and nothing can be parsed.
        d = stream("<|channel|>analysis<|message|>x<|end|>", false);
        QCOMPARE(d.thinking, std::string());
    }

    // Gemma's template prints <bos> itself and its vocabulary asks for BOS too: the prompt
    // must start with one BOS, not two (llama.cpp adds a second one and warns about it).
    void gemmaPromptHasOneBos() {
        const Tokenizer* tokenizer = load_synthetic(QStringLiteral("gemma3"));
        QVERIFY(tokenizer != nullptr);
        QVERIFY(tokenizer->add_bos_by_default());
        const std::optional<std::string> source =
            read_text(templates_dir() + QStringLiteral("/google-gemma-2-2b-it.jinja"));
        if (!source) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
        const ChatTemplate tmpl = ChatTemplate::from_source(
            *source, std::string(tokenizer->raw_token_text(tokenizer->bos())),
            std::string(tokenizer->raw_token_text(tokenizer->eos())));
        const std::vector<ChatMessage> messages = {{"user", "Hi", {}}};
        const RenderedChat chat = tmpl.render(messages, {});
        QCOMPARE(chat.format, ChatFormat::Template);
        QVERIFY(chat.text.starts_with("<bos><start_of_turn>user\n"));
        const std::vector<Token> ids = tokenizer->encode(chat.text, true, true);
        QVERIFY(ids.size() > 2);
        QCOMPARE(ids[0], tokenizer->bos());
        QCOMPARE(ids[1], *tokenizer->find_token("<start_of_turn>"));
        QCOMPARE(std::count(ids.begin(), ids.end(), tokenizer->bos()), 1);
        // The turn ends with <end_of_turn>, which stops generation.
        QVERIFY(tokenizer->is_end_of_generation(*tokenizer->find_token("<end_of_turn>")));
    }

    // Hunyuan dense end to end on its vocabulary's shape with its official template (the
    // golden's template_source): the prompt's markers are single tokens, the reply streamed
    // token by token up to the end of its turn gives the thinking, and the answer without its
    // <answer> wrapper, with thinking on and off.
    void hunyuanEndToEnd() {
        const Tokenizer* tokenizer = load_synthetic(QStringLiteral("hunyuan-dense"));
        QVERIFY(tokenizer != nullptr);
        const std::optional<QJsonObject> doc =
            read_json_object(template_data_dir() + QStringLiteral("/hunyuan-dense-instruct.json"));
        QVERIFY(doc.has_value());
        const ChatTemplate tmpl =
            ChatTemplate::from_source(to_std((*doc)["template_source"].toString()),
                                      std::string(tokenizer->raw_token_text(tokenizer->bos())),
                                      std::string(tokenizer->raw_token_text(tokenizer->eos())));
        const auto id = [&](const char* text) { return tokenizer->find_token(text).value_or(-1); };
        const std::vector<ChatMessage> messages = {{"system", "Be brief.", {}},
                                                   {"user", "2+2?", {}}};
        for (const bool thinking : {true, false}) {
            ChatRenderOptions options;
            options.enable_thinking = thinking;
            const RenderedChat chat = tmpl.render(messages, options);
            QCOMPARE(chat.format, ChatFormat::Template);
            const std::vector<Token> prompt = tokenizer->encode(chat.text, false, true);
            QCOMPARE(prompt.front(), tokenizer->bos());
            QCOMPARE(std::count(prompt.begin(), prompt.end(), id("<｜hy_place▁holder▁no▁3｜>")), 1);
            QCOMPARE(std::count(prompt.begin(), prompt.end(), id("<｜hy_User｜>")), 1);
            QCOMPARE(std::count(prompt.begin(), prompt.end(), id("<｜hy_Assistant｜>")), 1);
            QCOMPARE(prompt.back() == id("<｜hy_Assistant｜>"), thinking);

            const std::string reply = thinking ? "<think>\nAdd.\n</think>\n<answer>\n4\n</answer>"
                                               : "<answer>\n4\n</answer>";
            std::vector<Token> ids = tokenizer->encode(reply, false, true);
            ids.push_back(id("<｜hy_place▁holder▁no▁2｜>")); // end of turn: nothing after it
            for (Token t : tokenizer->encode("never", false, true)) {
                ids.push_back(t);
            }
            const ReasoningDelta all = stream_reply(*tokenizer, ids, tmpl.marker_tokens(*tokenizer),
                                                    tmpl.reply_splitter(chat.thinking));
            QCOMPARE(all.thinking, std::string(thinking ? "Add." : ""));
            QCOMPARE(all.answer, std::string("4"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenizerModels)
#include "tst_tokenizer_models.moc"
