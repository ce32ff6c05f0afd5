// The chat templates Hearth must render byte for byte like transformers' apply_chat_template
// (Python's jinja2): Llama 3.1/3.2, Qwen2.5, Qwen3 (thinking on/off), the DeepSeek-R1 distills,
// Gemma 2 and Gemma 3, Mistral Nemo, Mistral Small 3.2 and Ministral 3, Seed-OSS (thinking
// budgets), SmolLM3 (/think, /no_think), Granite 3.3, Phi-3.5 and Phi-4-mini, gpt-oss (harmony,
// each reasoning effort), Hunyuan 0.5B–4B and 7B Instruct (past answers cut to their <answer>),
// each for the conversations in tests/reference/template_cases.py, and the template the tiny
// test models carry. Goldens: tests/data/templates/<name>.json.
#include "template_fixtures.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class TestChatTemplateGoldens : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(templates_dir())) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
    }

    void rendersLikePython_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        const QStringList files =
            QDir(template_data_dir()).entryList({"*.json"}, QDir::Files, QDir::Name);
        int templates = 0;
        for (const QString& f : files) {
            if (f == "all-templates.json" || f == "features.json") {
                continue;
            }
            ++templates;
            const std::optional<QJsonObject> doc = read_json_object(template_data_dir() + "/" + f);
            QVERIFY(doc.has_value());
            const QJsonArray cases = (*doc)["cases"].toArray();
            for (int i = 0; i < cases.size(); ++i) {
                const QString row = f.chopped(5) + ":" + cases[i].toObject()["name"].toString();
                QTest::newRow(qPrintable(row)) << f << i;
            }
        }
        QCOMPARE(templates, 20);
    }

    void rendersLikePython() {
        QFETCH(QString, file);
        QFETCH(int, index);
        const std::optional<QJsonObject> doc = read_json_object(template_data_dir() + "/" + file);
        QVERIFY(doc.has_value());
        // A file of the shared folder (checked against its recorded hash) or inline text.
        std::optional<std::string> source;
        if ((*doc)["template"].isString()) {
            source = read_text(templates_dir() + "/" + (*doc)["template"].toString());
            QVERIFY(source.has_value());
            QCOMPARE(sha256_hex(*source), (*doc)["template_sha256"].toString());
        } else {
            source = to_std((*doc)["template_source"].toString());
        }

        const ChatTemplate tmpl =
            ChatTemplate::from_source(*source, to_std((*doc)["bos_token"].toString()),
                                      to_std((*doc)["eos_token"].toString()));
        QCOMPARE(tmpl.format(), ChatFormat::Template);
        const QJsonObject c = (*doc)["cases"].toArray()[index].toObject();
        const std::vector<ChatMessage> messages = messages_from_json(c["messages"].toArray());
        const Result<std::string> r = tmpl.apply(messages, options_from_json(c));
        if (c.contains("error")) {
            QVERIFY2(!r.ok(), qPrintable("Python failed (" + c["error"].toString() +
                                         ") but Hearth rendered: " +
                                         QString::fromStdString(r.ok() ? *r : "")));
            // raise_exception's message is passed on.
            const QString python = c["error"].toString();
            if (python.startsWith("TemplateError: ")) {
                QVERIFY2(r.error().message.find(to_std(python.mid(15))) != std::string::npos,
                         r.error().message.c_str());
            }
            return;
        }
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(QString::fromStdString(*r), c["output"].toString());
    }
};

QTEST_GUILESS_MAIN(TestChatTemplateGoldens)
#include "tst_chat_template_goldens.moc"
