// The request checks of the local server (app/server/apirequest.h) and the shapes of its
// JSON answers, without a model or a socket. The expected shapes are OpenAI's API reference
// (platform.openai.com/docs/api-reference/chat), not this code's output.
#include "apijson.h"
#include "apirequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hearth;
using namespace hearth::server;

namespace {

ParsedRequest chat(const QByteArray& body, Limits limits = {}) {
    return parseRequest(Endpoint::Chat, body, limits);
}

ApiError errorOf(const ParsedRequest& parsed) {
    if (const ApiError* e = std::get_if<ApiError>(&parsed)) {
        return *e;
    }
    return ApiError{0, "(no error)"};
}

const QByteArray kHello = R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})";

} // namespace

class TestServerRequest : public QObject {
    Q_OBJECT

private slots:
    void minimalChat() {
        const ParsedRequest parsed = chat(kHello);
        QVERIFY(std::holds_alternative<ApiRequest>(parsed));
        const ApiRequest& r = std::get<ApiRequest>(parsed);
        QCOMPARE(r.model, std::string("m"));
        QCOMPARE(r.messages.size(), size_t(1));
        QCOMPARE(r.messages[0].role, std::string("user"));
        QCOMPARE(r.messages[0].content, std::string("Hi"));
        QVERIFY(!r.stream);
        QVERIFY(!r.max_tokens);
        QVERIFY(!r.sampling.temperature && !r.sampling.seed);
    }

    void everyParameter() {
        const QByteArray body = R"({"model":"m","stream":true,
            "stream_options":{"include_usage":true},
            "messages":[{"role":"developer","content":"Be brief."},
                        {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
                        {"role":"assistant","content":null,"reasoning_content":"hm"},
                        {"role":"user","content":"c"}],
            "temperature":0.5,"top_p":0.9,"top_k":20,"min_p":0.1,"seed":12345678901234,
            "presence_penalty":0.5,"frequency_penalty":-0.5,"max_completion_tokens":7,
            "stop":["x","yy"],"reasoning_effort":"high",
            "chat_template_kwargs":{"enable_thinking":false},"n":1,"tools":[],
            "response_format":{"type":"text"},"user":"ignored"})";
        const ParsedRequest parsed = chat(body);
        QCOMPARE(errorOf(parsed).message, std::string("(no error)"));
        const ApiRequest& r = std::get<ApiRequest>(parsed);
        QVERIFY(r.stream && r.include_usage);
        QCOMPARE(r.messages[0].role, std::string("system"));
        QCOMPARE(r.messages[1].content, std::string("ab"));
        QCOMPARE(r.messages[2].content, std::string());
        QCOMPARE(r.messages[2].reasoning_content, std::string("hm"));
        QCOMPARE(*r.sampling.temperature, 0.5f);
        QCOMPARE(*r.sampling.top_k, 20);
        QCOMPARE(*r.sampling.seed, uint64_t(12345678901234));
        QCOMPARE(*r.sampling.frequency_penalty, -0.5f);
        QCOMPARE(*r.max_tokens, 7);
        QCOMPARE(r.stop, (std::vector<std::string>{"x", "yy"}));
        QVERIFY(r.reasoning_effort == ReasoningEffort::High);
        QCOMPARE(r.enable_thinking, std::optional<bool>(false));

        const SamplingParams applied = r.sampling.over(SamplingParams{});
        QCOMPARE(applied.top_p, 0.9f);
        QCOMPARE(applied.min_p, 0.1f);
        QCOMPARE(applied.repeat_penalty, SamplingParams{}.repeat_penalty); // not an API field
    }

    void completion() {
        auto r = parseRequest(Endpoint::Completion, R"({"prompt":["Once"],"stop":"."})", {});
        QVERIFY(std::holds_alternative<ApiRequest>(r));
        QCOMPARE(std::get<ApiRequest>(r).prompt, std::string("Once"));
        QCOMPARE(std::get<ApiRequest>(r).stop, std::vector<std::string>{"."});
        r = parseRequest(Endpoint::Completion, R"({"prompt":["a","b"]})", {});
        QCOMPARE(errorOf(r).param, std::string("prompt"));
        r = parseRequest(Endpoint::Completion, R"({"prompt":"a","echo":true})", {});
        QCOMPARE(errorOf(r).param, std::string("echo"));
        r = parseRequest(Endpoint::Completion, R"({"messages":[]})", {});
        QCOMPARE(errorOf(r).code, std::string("missing_required_parameter"));
    }

    void refusals_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QByteArray("{\"messages\": [") << 400 << "" << "invalid_json";
        QTest::newRow("not an object") << QByteArray("[1,2]") << 400 << "" << "invalid_json";
        QTest::newRow("empty body") << QByteArray() << 400 << "" << "invalid_json";
        QTest::newRow("bad utf-8") << QByteArray("{\"model\":\"\xff\xfe\"}") << 400 << ""
                                   << "invalid_json";
        QTest::newRow("no messages") << QByteArray("{}") << 400 << "messages"
                                     << "missing_required_parameter";
        QTest::newRow("messages string")
            << QByteArray(R"({"messages":"hi"})") << 400 << "messages" << "invalid_type";
        QTest::newRow("empty messages") << QByteArray(R"({"messages":[]})") << 400 << "messages"
                                        << "empty_array";
        QTest::newRow("message number")
            << QByteArray(R"({"messages":[3]})") << 400 << "messages[0]" << "invalid_type";
        QTest::newRow("role missing") << QByteArray(R"({"messages":[{"content":"x"}]})") << 400
                                      << "messages[0].role" << "invalid_type";
        QTest::newRow("tool role") << QByteArray(R"({"messages":[{"role":"tool","content":"x"}]})")
                                   << 400 << "messages[0].role" << "invalid_value";
        QTest::newRow("user null content")
            << QByteArray(R"({"messages":[{"role":"user","content":null}]})") << 400
            << "messages[0].content" << "invalid_type";
        QTest::newRow("image part")
            << QByteArray(R"({"messages":[{"role":"user","content":[{"type":"image_url"}]}]})")
            << 400 << "messages[0].content[0].type" << "unsupported_content";
        QTest::newRow("model number")
            << QByteArray(R"({"model":3,"messages":[]})") << 400 << "model" << "invalid_type";
        QTest::newRow("temperature string")
            << QByteArray(R"({"temperature":"hot","messages":[{"role":"user","content":"x"}]})")
            << 400 << "temperature" << "invalid_type";
        QTest::newRow("temperature high")
            << QByteArray(R"({"temperature":2.5,"messages":[{"role":"user","content":"x"}]})")
            << 400 << "temperature" << "invalid_value";
        QTest::newRow("top_k fraction")
            << QByteArray(R"({"top_k":1.5,"messages":[{"role":"user","content":"x"}]})") << 400
            << "top_k" << "invalid_type";
        QTest::newRow("max_tokens zero")
            << QByteArray(R"({"max_tokens":0,"messages":[{"role":"user","content":"x"}]})") << 400
            << "max_tokens" << "invalid_value";
        QTest::newRow("max_tokens over limit")
            << QByteArray(R"({"max_tokens":5000,"messages":[{"role":"user","content":"x"}]})")
            << 400 << "max_tokens" << "invalid_value";
        QTest::newRow("seed huge")
            << QByteArray(R"({"seed":1e300,"messages":[{"role":"user","content":"x"}]})") << 400
            << "seed" << "invalid_value";
        QTest::newRow("stop five")
            << QByteArray(
                   R"({"stop":["a","b","c","d","e"],"messages":[{"role":"user","content":"x"}]})")
            << 400 << "stop" << "array_above_max_length";
        QTest::newRow("stop number")
            << QByteArray(R"({"stop":[1],"messages":[{"role":"user","content":"x"}]})") << 400
            << "stop" << "invalid_type";
        QTest::newRow("stream string")
            << QByteArray(R"({"stream":"yes","messages":[{"role":"user","content":"x"}]})") << 400
            << "stream" << "invalid_type";
        QTest::newRow("n two") << QByteArray(
                                      R"({"n":2,"messages":[{"role":"user","content":"x"}]})")
                               << 400 << "n"
                               << "unsupported_value";
        QTest::newRow("tools")
            << QByteArray(
                   R"({"tools":[{"type":"function"}],"messages":[{"role":"user","content":"x"}]})")
            << 400 << "tools" << "unsupported_parameter";
        QTest::newRow("logprobs")
            << QByteArray(R"({"logprobs":true,"messages":[{"role":"user","content":"x"}]})") << 400
            << "logprobs" << "unsupported_parameter";
        QTest::newRow("json mode")
            << QByteArray(
                   R"({"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"x"}]})")
            << 400 << "response_format" << "unsupported_value";
        QTest::newRow("effort")
            << QByteArray(
                   R"({"reasoning_effort":"max","messages":[{"role":"user","content":"x"}]})")
            << 400 << "reasoning_effort" << "invalid_value";
    }

    void refusals() {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, param);
        QFETCH(QString, code);
        const ApiError e = errorOf(chat(body));
        QCOMPARE(e.status, status);
        QCOMPARE(QString::fromStdString(e.param), param);
        QCOMPARE(QString::fromStdString(e.code), code);
        QVERIFY(!e.message.empty());
        QCOMPARE(e.type, std::string("invalid_request_error"));
    }

    void bodyLimit() {
        Limits limits;
        limits.max_body_bytes = 100;
        const ApiError e = errorOf(chat(QByteArray(101, ' '), limits));
        QCOMPARE(e.status, 413);
        QCOMPARE(e.code, std::string("request_too_large"));
        const QByteArray two =
            R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]})";
        QCOMPARE(errorOf(chat(two)).status, 0); // the default limit takes two
        QCOMPARE(errorOf(chat(two, Limits{1 << 20, 10, 1})).code,
                 std::string("array_above_max_length"));
    }

    void errorShape() {
        const QJsonObject o =
            QJsonDocument::fromJson(errorBody(ApiError{404, "gone", "invalid_request_error",
                                                       "model", "model_not_found"}))
                .object();
        const QJsonObject e = o.value("error").toObject();
        QCOMPARE(e.value("message").toString(), QString("gone"));
        QCOMPARE(e.value("type").toString(), QString("invalid_request_error"));
        QCOMPARE(e.value("param").toString(), QString("model"));
        QCOMPARE(e.value("code").toString(), QString("model_not_found"));
        const QJsonObject nulls = QJsonDocument::fromJson(errorBody(ApiError{400, "x"}))
                                      .object()
                                      .value("error")
                                      .toObject();
        QVERIFY(nulls.value("param").isNull() && nulls.value("code").isNull());
    }

    void chunkShapes() {
        const ResponseHead head{Endpoint::Chat, "chatcmpl-1", 1700000000, "tiny"};
        QByteArray first = chunkEvent(head, std::nullopt, std::nullopt, true, std::nullopt, true);
        QVERIFY(first.startsWith("data: ") && first.endsWith("\n\n"));
        QJsonObject o = QJsonDocument::fromJson(first.mid(6)).object();
        QCOMPARE(o.value("object").toString(), QString("chat.completion.chunk"));
        QVERIFY(o.contains("usage") && o.value("usage").isNull());
        QJsonObject choice = o.value("choices").toArray().first().toObject();
        QCOMPARE(choice.value("delta").toObject().value("role").toString(), QString("assistant"));
        QVERIFY(choice.value("finish_reason").isNull());

        const QByteArray thought =
            chunkEvent(head, std::nullopt, std::string("hmm"), false, std::nullopt, false);
        o = QJsonDocument::fromJson(thought.mid(6)).object();
        QVERIFY(!o.contains("usage"));
        choice = o.value("choices").toArray().first().toObject();
        QCOMPARE(choice.value("delta").toObject().value("reasoning_content").toString(),
                 QString("hmm"));
        QVERIFY(!choice.value("delta").toObject().contains("content"));

        o = QJsonDocument::fromJson(usageEvent(head, Usage{3, 4}).mid(6)).object();
        QVERIFY(o.value("choices").toArray().isEmpty());
        QCOMPARE(o.value("usage").toObject().value("total_tokens").toInt(), 7);
        QCOMPARE(doneEvent(), QByteArray("data: [DONE]\n\n"));
    }

    void wholeShapes() {
        const ResponseHead chatHead{Endpoint::Chat, "chatcmpl-2", 1700000000, "tiny"};
        QJsonObject o =
            QJsonDocument::fromJson(completionBody(chatHead, "Hi!", "think", "length", Usage{5, 2}))
                .object();
        QCOMPARE(o.value("object").toString(), QString("chat.completion"));
        const QJsonObject choice = o.value("choices").toArray().first().toObject();
        QCOMPARE(choice.value("finish_reason").toString(), QString("length"));
        QCOMPARE(choice.value("message").toObject().value("content").toString(), QString("Hi!"));
        QCOMPARE(choice.value("message").toObject().value("reasoning_content").toString(),
                 QString("think"));
        QCOMPARE(o.value("usage").toObject().value("prompt_tokens").toInt(), 5);

        const ResponseHead textHead{Endpoint::Completion, "cmpl-3", 1700000000, "tiny"};
        o = QJsonDocument::fromJson(completionBody(textHead, "so", "", "stop", Usage{1, 1}))
                .object();
        QCOMPARE(o.value("object").toString(), QString("text_completion"));
        QCOMPARE(o.value("choices").toArray().first().toObject().value("text").toString(),
                 QString("so"));

        o = QJsonDocument::fromJson(modelsBody({InstalledModel{"tiny", "/m/tiny.gguf", 5}}))
                .object();
        QCOMPARE(o.value("object").toString(), QString("list"));
        const QJsonObject model = o.value("data").toArray().first().toObject();
        QCOMPARE(model.value("id").toString(), QString("tiny"));
        QCOMPARE(model.value("object").toString(), QString("model"));
        QVERIFY(!model.contains("path")); // where files are stays private
    }
};

QTEST_GUILESS_MAIN(TestServerRequest)
#include "tst_server_request.moc"
