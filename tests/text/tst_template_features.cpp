// Single Jinja features (whitespace control, literals, operators, statements, filters,
// tests, methods, errors) against Python's jinja2: tests/data/templates/features.json, made
// by tests/reference/make-template-goldens.sh. Each case must give the same text, or fail
// where Python fails.
#include "internal/template_builtins.h"
#include "internal/template_eval.h"
#include "internal/template_parser.h"
#include "template_fixtures.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

// Parses and renders `source` with the goldens' variables; the text or the Error.
Result<std::string> render(const std::string& source, const QJsonValue& variables) {
    Result<std::shared_ptr<const jinja::Program>> program = jinja::parse_template(source);
    if (!program) {
        return program.error();
    }
    jinja::Variables vars = jinja::builtin_globals(golden_time);
    const jinja::Value v = value_from_json(variables);
    for (const auto& [k, value] : v.dict().items) {
        vars.emplace_back(k.as_string(), value);
    }
    jinja::Interpreter interpreter;
    return interpreter.render(*program, vars);
}

} // namespace

class TestTemplateFeatures : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        const std::optional<QJsonObject> doc =
            read_json_object(template_data_dir() + "/features.json");
        QVERIFY(doc.has_value());
        cases_ = (*doc)["cases"].toArray();
        QVERIFY(cases_.size() >= 100);
    }

    void matchesPython_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < cases_.size(); ++i) {
            QTest::newRow(qPrintable(cases_[i].toObject()["name"].toString())) << i;
        }
    }

    void matchesPython() {
        QFETCH(int, index);
        const QJsonObject c = cases_[index].toObject();
        const Result<std::string> r = render(to_std(c["template"].toString()), c["variables"]);
        if (c.contains("error")) {
            QVERIFY2(!r.ok(), qPrintable("Python failed (" + c["error"].toString() +
                                         ") but Hearth rendered: " +
                                         QString::fromStdString(r.ok() ? *r : "")));
            return;
        }
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(QString::fromStdString(*r), c["output"].toString());
    }

    // Python's exception text for raise_exception reaches the caller.
    void raisedMessageIsKept() {
        const Result<std::string> r = render("{{ raise_exception('Roles must alternate') }}",
                                             QJsonObject{{"__pairs__", QJsonArray{}}});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("Roles must alternate") != std::string::npos,
                 r.error().message.c_str());
        QVERIFY2(r.error().message.find("line 1") != std::string::npos, r.error().message.c_str());
    }

private:
    QJsonArray cases_;
};

QTEST_GUILESS_MAIN(TestTemplateFeatures)
#include "tst_template_features.moc"
