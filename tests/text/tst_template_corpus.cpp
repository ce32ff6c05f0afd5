// Every chat template of the shared folder (68, collected by llama.cpp) with two standard
// conversations, against Python's jinja2 (tests/data/templates/all-templates.json). Not all
// need to render; none may crash or hang. Prints how many parse, render and agree.
#include "template_fixtures.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class TestTemplateCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(templates_dir())) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
    }

    void everyTemplateAgainstPython() {
        const std::optional<QJsonObject> doc =
            read_json_object(template_data_dir() + "/all-templates.json");
        QVERIFY(doc.has_value());
        const QJsonArray templates = (*doc)["templates"].toArray();
        const QStringList on_disk =
            QDir(templates_dir()).entryList({"*.jinja"}, QDir::Files, QDir::Name);
        QCOMPARE(templates.size(), on_disk.size());

        int parsed = 0, rendered_all = 0, agree_all = 0, python_renders = 0, cases = 0,
            agree_cases = 0;
        QStringList differing;
        for (const QJsonValue& t : templates) {
            const QString name = t["template"].toString();
            const std::optional<std::string> source = read_text(templates_dir() + "/" + name);
            QVERIFY2(source.has_value(), qPrintable(name));
            QCOMPARE(sha256_hex(*source), t["template_sha256"].toString());
            const ChatTemplate tmpl = ChatTemplate::from_source(*source, "<s>", "</s>");
            parsed += tmpl.format() == ChatFormat::Template;
            bool renders = true, agrees = true, python_ok = true;
            for (const QJsonValue& cv : t["cases"].toArray()) {
                const QJsonObject c = cv.toObject();
                const Result<std::string> r =
                    tmpl.apply(messages_from_json(c["messages"].toArray()), options_from_json(c));
                renders = renders && r.ok();
                python_ok = python_ok && c.contains("output");
                const bool same = c.contains("output") ? r.ok() && QString::fromStdString(*r) ==
                                                                       c["output"].toString()
                                                       : !r.ok();
                agrees = agrees && same;
                ++cases;
                agree_cases += same;
                if (!same) {
                    differing << name + ":" + c["name"].toString() + " (" +
                                     (r.ok() ? QString("output differs")
                                             : QString::fromStdString(r.error().message)) +
                                     ")";
                }
                // The fallback always yields a prompt, whatever the template did.
                const RenderedChat chat =
                    tmpl.render(messages_from_json(c["messages"].toArray()), options_from_json(c));
                QVERIFY(!chat.text.empty());
                QCOMPARE(chat.format == ChatFormat::Template, r.ok());
            }
            rendered_all += renders;
            agree_all += agrees;
            python_renders += python_ok;
        }
        for (const QString& d : differing) {
            qInfo("differs from Python: %s", qPrintable(d));
        }
        qInfo("%d templates: %d parse, %d render both conversations (Python: %d), %d agree with "
              "Python on both; %d of %d cases agree",
              int(templates.size()), parsed, rendered_all, python_renders, agree_all, agree_cases,
              cases);
        // The level reached when this test was written (every template parses; every case
        // agrees with Python, 5 templates failing in both): a regression fails here.
        QCOMPARE(parsed, 68);
        QCOMPARE(agree_cases, cases);
    }
};

QTEST_GUILESS_MAIN(TestTemplateCorpus)
#include "tst_template_corpus.moc"
