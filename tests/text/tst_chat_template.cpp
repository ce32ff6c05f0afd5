// ChatTemplate: the model's template from GGUF, the built-in formats used when it is missing,
// unparsable or failing (checked against Python renders of the templates of the same
// family), the reported fallback, and where the model's output starts (thinking or not).
#include "template_fixtures.h"

#include <QFile>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

struct Golden {
    ChatTemplate tmpl;
    QJsonArray cases;
};

std::optional<Golden> golden(const QString& name) {
    const std::optional<QJsonObject> doc =
        read_json_object(template_data_dir() + "/" + name + ".json");
    if (!doc) {
        return std::nullopt;
    }
    std::optional<std::string> source = (*doc)["template"].isString()
                                            ? read_text(templates_dir() + "/" + name + ".jinja")
                                            : to_std((*doc)["template_source"].toString());
    if (!source) {
        return std::nullopt;
    }
    return Golden{ChatTemplate::from_source(*source, to_std((*doc)["bos_token"].toString()),
                                            to_std((*doc)["eos_token"].toString())),
                  (*doc)["cases"].toArray()};
}

QJsonObject case_named(const QJsonArray& cases, const QString& name) {
    for (const QJsonValue& c : cases) {
        if (c["name"].toString() == name) {
            return c.toObject();
        }
    }
    return {};
}

#define REQUIRE_GOLDEN(var, name)                                                                  \
    const std::optional<Golden> var = golden(name);                                                \
    if (!var) {                                                                                    \
        QSKIP("golden or shared template missing: " name);                                         \
    }

QString tiny(const char* file) {
    return QStringLiteral(HEARTH_MODELS_DIR "/tiny/") + file;
}

} // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

private slots:
    // tiny-qwen3 carries Qwen2's default template: used as is, with the vocabulary's
    // <|endoftext|> as BOS/EOS text, and it renders like Python.
    void ggufTemplateIsUsed() {
        if (!QFile::exists(tiny("tiny-qwen3-Q8_0.gguf"))) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        Result<gguf::File> file = gguf::File::open(to_std(tiny("tiny-qwen3-Q8_0.gguf")));
        QVERIFY(file.ok());
        Result<Tokenizer> tokenizer = Tokenizer::load(*file);
        QVERIFY(tokenizer.ok());
        const ChatTemplate t = ChatTemplate::from_gguf(*file, *tokenizer);
        QCOMPARE(t.format(), ChatFormat::Template);
        QVERIFY(t.fallback_reason().empty());
        REQUIRE_GOLDEN(g, "tiny-qwen-default");
        QCOMPARE(t.source(), g->tmpl.source());
        const QJsonObject c = case_named(g->cases, "multi_turn_no_system");
        const RenderedChat chat =
            t.render(messages_from_json(c["messages"].toArray()), options_from_json(c));
        QCOMPARE(chat.format, ChatFormat::Template);
        QCOMPARE(QString::fromStdString(chat.text), c["output"].toString());
    }

    // The tiny llama has no template: ChatML, and the caller is told why.
    void missingTemplateFallsBackToChatMl() {
        if (!QFile::exists(tiny("tiny-llama-Q8_0.gguf"))) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        Result<gguf::File> file = gguf::File::open(to_std(tiny("tiny-llama-Q8_0.gguf")));
        QVERIFY(file.ok());
        Result<Tokenizer> tokenizer = Tokenizer::load(*file);
        QVERIFY(tokenizer.ok());
        const ChatTemplate t = ChatTemplate::from_gguf(*file, *tokenizer);
        QCOMPARE(t.format(), ChatFormat::ChatMl);
        QCOMPARE(t.fallback_reason(), std::string("the model has no chat template"));
        const std::vector<ChatMessage> messages = {{"user", "Hi", ""}};
        const RenderedChat chat = t.render(messages, {});
        QCOMPARE(chat.format, ChatFormat::ChatMl);
        QCOMPARE(chat.fallback_reason, std::string("the model has no chat template"));
        QCOMPARE(chat.text, std::string("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
        QVERIFY(!t.apply(messages, {}).ok());
    }

    // A template that does not parse: the built-in format its markers point to.
    void markersChooseTheFallback_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("qwen") << "Qwen-Qwen2.5-7B-Instruct" << int(ChatFormat::ChatMl);
        QTest::newRow("llama") << "meta-llama-Llama-3.1-8B-Instruct" << int(ChatFormat::Llama3);
        QTest::newRow("gemma") << "google-gemma-2-2b-it" << int(ChatFormat::Gemma);
        QTest::newRow("mistral") << "mistralai-Mistral-Nemo-Instruct-2407"
                                 << int(ChatFormat::Mistral);
        QTest::newRow("deepseek") << "deepseek-ai-DeepSeek-R1-Distill-Llama-8B"
                                  << int(ChatFormat::DeepSeek);
        QTest::newRow("gpt-oss") << "openai-gpt-oss-120b" << int(ChatFormat::Harmony);
        QTest::newRow("none") << "llama-cpp-rwkv-world" << int(ChatFormat::ChatMl);
    }

    void markersChooseTheFallback() {
        QFETCH(QString, file);
        QFETCH(int, format);
        const std::optional<std::string> source =
            read_text(templates_dir() + "/" + file + ".jinja");
        if (!source) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
        QCOMPARE(ChatTemplate::from_source(*source, "", "").format(), ChatFormat::Template);
        const ChatTemplate broken = ChatTemplate::from_source(*source + "{% if %}", "<s>", "</s>");
        QCOMPARE(int(broken.format()), format);
        QVERIFY2(broken.fallback_reason().find("cannot be parsed") != std::string::npos,
                 broken.fallback_reason().c_str());
        const std::vector<ChatMessage> messages = {{"user", "Hi", ""}};
        const RenderedChat chat = broken.render(messages, {});
        QCOMPARE(int(chat.format), format);
        QVERIFY(chat.text.find("Hi") != std::string::npos);
    }

    // Built-in formats against Python renders of a template of their family, for the
    // conversations where the family's templates agree.
    void builtinFormatsMatchTheirFamily_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("conversation");
        QTest::addColumn<QString>("python_case"); // the golden case with the expected text
        QTest::addColumn<int>("format");
        const auto row = [](const char* f, const char* conv, const char* py, ChatFormat fmt) {
            QTest::addRow("%s:%s", f, conv) << f << conv << py << int(fmt);
        };
        for (const char* c : {"system_user", "multi_turn", "ends_with_assistant", "whitespace"}) {
            row("Qwen-Qwen2.5-7B-Instruct", c, c, ChatFormat::ChatMl);
        }
        for (const char* c : {"user_only", "multi_turn_no_system", "ends_with_assistant",
                              "non_ascii", "whitespace"}) {
            row("google-gemma-2-2b-it", c, c, ChatFormat::Gemma);
        }
        row("google-gemma-2-2b-it", "system_user", "system_folded", ChatFormat::Gemma);
        for (const char* c : {"system_user", "user_only", "multi_turn_no_system", "non_ascii"}) {
            row("mistralai-Mistral-Nemo-Instruct-2407", c, c, ChatFormat::Mistral);
        }
        for (const char* c : {"system_user", "user_only", "multi_turn", "ends_with_assistant",
                              "non_ascii", "think_in_history", "think_last_assistant"}) {
            row("deepseek-ai-DeepSeek-R1-Distill-Llama-8B", c, c, ChatFormat::DeepSeek);
        }
        // gpt-oss: every conversation (all efforts, past thinking dropped).
        for (const char* c : {"system_user", "user_only", "multi_turn", "multi_turn_no_system",
                              "past_analysis_dropped", "ends_with_assistant", "non_ascii",
                              "whitespace", "effort_low", "effort_medium", "effort_high"}) {
            row("openai-gpt-oss-120b", c, c, ChatFormat::Harmony);
        }
    }

    void builtinFormatsMatchTheirFamily() {
        QFETCH(QString, file);
        QFETCH(QString, conversation);
        QFETCH(QString, python_case);
        QFETCH(int, format);
        const std::optional<QJsonObject> doc =
            read_json_object(template_data_dir() + "/" + file + ".json");
        QVERIFY(doc.has_value());
        const QJsonArray cases = (*doc)["cases"].toArray();
        const QJsonObject c = case_named(cases, conversation);
        const QJsonObject expected = case_named(cases, python_case);
        QVERIFY(!c.isEmpty() && expected.contains("output"));
        const std::string text = render_builtin_chat(
            ChatFormat(format), messages_from_json(c["messages"].toArray()), options_from_json(c),
            to_std((*doc)["bos_token"].toString()), to_std((*doc)["eos_token"].toString()));
        QCOMPARE(QString::fromStdString(text), expected["output"].toString());
    }

    // Llama 3's format, written out (no template in the folder renders it without the
    // extra date header Llama 3.1 adds).
    void llama3Format() {
        const std::vector<ChatMessage> messages = {
            {"system", " Be brief. ", ""}, {"user", "Hi", ""}, {"assistant", "Hello!\n", ""}};
        const std::string text =
            render_builtin_chat(ChatFormat::Llama3, messages, {}, "<B>", "<E>");
        QCOMPARE(text,
                 std::string("<B><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                             "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                             "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
                             "<|start_header_id|>assistant<|end_header_id|>\n\n"));
    }

    // Gemma 2 refuses a system message: the Gemma format (as Gemma 3 does it) takes over and
    // the template's own message is the reason.
    void renderErrorFallsBack() {
        REQUIRE_GOLDEN(g, "google-gemma-2-2b-it");
        const QJsonObject c = case_named(g->cases, "system_user");
        const RenderedChat chat =
            g->tmpl.render(messages_from_json(c["messages"].toArray()), options_from_json(c));
        QCOMPARE(chat.format, ChatFormat::Gemma);
        QVERIFY2(chat.fallback_reason.find("System role not supported") != std::string::npos,
                 chat.fallback_reason.c_str());
        QCOMPARE(QString::fromStdString(chat.text),
                 case_named(g->cases, "system_folded")["output"].toString());
    }

    void thinkingStart_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("conversation");
        QTest::addColumn<int>("start");
        QTest::newRow("qwen3 on") << "Qwen-Qwen3-0.6B" << "thinking_on"
                                  << int(ThinkingStart::MayOpen);
        QTest::newRow("qwen3 off")
            << "Qwen-Qwen3-0.6B" << "thinking_off" << int(ThinkingStart::Closed);
        QTest::newRow("qwen3 default")
            << "Qwen-Qwen3-0.6B" << "system_user" << int(ThinkingStart::MayOpen);
        QTest::newRow("r1 qwen on") << "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B" << "thinking_on"
                                    << int(ThinkingStart::Inside);
        QTest::newRow("r1 qwen off") << "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B" << "thinking_off"
                                     << int(ThinkingStart::Closed);
        QTest::newRow("r1 llama") << "deepseek-ai-DeepSeek-R1-Distill-Llama-8B" << "system_user"
                                  << int(ThinkingStart::Inside);
        QTest::newRow("r1 llama no prompt") << "deepseek-ai-DeepSeek-R1-Distill-Llama-8B"
                                            << "ends_with_assistant" << int(ThinkingStart::MayOpen);
        QTest::newRow("llama") << "meta-llama-Llama-3.1-8B-Instruct" << "system_user"
                               << int(ThinkingStart::MayOpen);
        // Seed-OSS's budget 0 closes <seed:think> in the prompt; otherwise the model opens it.
        QTest::newRow("seed budget 0")
            << "ByteDance-Seed-OSS" << "budget_zero" << int(ThinkingStart::Closed);
        QTest::newRow("seed budget 512")
            << "ByteDance-Seed-OSS" << "budget_512" << int(ThinkingStart::MayOpen);
        QTest::newRow("smollm3 no_think")
            << "HuggingFaceTB-SmolLM3-3B" << "system_no_think" << int(ThinkingStart::Closed);
        QTest::newRow("smollm3 think")
            << "HuggingFaceTB-SmolLM3-3B" << "thinking_on" << int(ThinkingStart::MayOpen);
        // Hunyuan's template appends its empty <think> block with or without a reply asked
        // for, so the reply itself starts open; an <answer> first is read as the answer.
        QTest::newRow("hunyuan on")
            << "hunyuan-dense-instruct" << "thinking_on" << int(ThinkingStart::MayOpen);
        QTest::newRow("hunyuan off")
            << "hunyuan-dense-instruct" << "thinking_off" << int(ThinkingStart::MayOpen);
        QTest::newRow("hunyuan 7b")
            << "hunyuan-7b-instruct" << "system_user" << int(ThinkingStart::MayOpen);
    }

    void thinkingStart() {
        QFETCH(QString, file);
        QFETCH(QString, conversation);
        QFETCH(int, start);
        const std::optional<Golden> g = golden(file);
        if (!g) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
        const QJsonObject c = case_named(g->cases, conversation);
        QVERIFY(!c.isEmpty());
        const RenderedChat chat =
            g->tmpl.render(messages_from_json(c["messages"].toArray()), options_from_json(c));
        QCOMPARE(chat.format, ChatFormat::Template);
        QCOMPARE(int(chat.thinking), start);
    }

    // The markup of a model's reasoning follows its template; only Seed-OSS's reads a budget.
    void reasoningMarkupFollowsTheTemplate() {
        REQUIRE_GOLDEN(seed, "ByteDance-Seed-OSS");
        QCOMPARE(seed->tmpl.reasoning_tags().open, std::string("<seed:think>"));
        QCOMPARE(seed->tmpl.reasoning_tags().hidden_open, std::string("<seed:cot_budget_reflect>"));
        QVERIFY(seed->tmpl.takes_thinking_budget());
        REQUIRE_GOLDEN(ministral, "mistralai-Ministral-3-14B-Reasoning-2512");
        QCOMPARE(ministral->tmpl.reasoning_tags().open, std::string("[THINK]"));
        QVERIFY(!ministral->tmpl.takes_thinking_budget());
        // Hunyuan (both vocabularies): <think> as usual, the <answer> wrapper dropped.
        REQUIRE_GOLDEN(hy, "hunyuan-dense-instruct");
        REQUIRE_GOLDEN(hy7, "hunyuan-7b-instruct");
        for (const ChatTemplate* t : {&hy->tmpl, &hy7->tmpl}) {
            QCOMPARE(t->reasoning_tags().open, std::string("<think>"));
            QCOMPARE(t->reasoning_tags().answer_open, std::string("<answer>"));
            QCOMPARE(t->reasoning_tags().answer_close, std::string("</answer>"));
            QVERIFY(!t->takes_thinking_budget());
        }
        REQUIRE_GOLDEN(qwen, "Qwen-Qwen3-0.6B");
        QCOMPARE(qwen->tmpl.reasoning_tags().open, std::string("<think>"));
        QVERIFY(qwen->tmpl.reasoning_tags().answer_open.empty());
        QVERIFY(!qwen->tmpl.takes_thinking_budget());
    }

    // A long conversation stays well inside the interpreter's step budget.
    void longConversationRenders() {
        REQUIRE_GOLDEN(g, "Qwen-Qwen3-0.6B");
        std::vector<ChatMessage> messages = {{"system", "S", ""}};
        for (int i = 0; i < 2000; ++i) {
            messages.push_back({i % 2 ? "assistant" : "user", "message " + std::to_string(i), ""});
        }
        const Result<std::string> r = g->tmpl.apply(messages, {});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QVERIFY(r->find("message 1999") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chat_template.moc"
