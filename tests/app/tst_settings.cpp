// The settings behind the model browser and the settings page: the catalog filter (checked
// against the catalog's JSON read independently here), per-model generation settings with
// their fallbacks, personas kept across restarts, and the network log recording a real
// request to a local server.
#include "catalogfilter.h"
#include "generationsettings.h"
#include "localpath.h"
#include "networklog.h"
#include "personamodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonArray catalogEntries() {
    QFile file(QStringLiteral(":/hearth/catalog.json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object().value("models").toArray();
}

QStringList names(const CatalogFilter& f) {
    QStringList all;
    for (int row = 0; row < f.rowCount(); ++row) {
        all << f.get(row).value("name").toString();
    }
    return all;
}

} // namespace

class TestSettings : public QObject {
    Q_OBJECT

private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        settings_ = std::make_unique<QSettings>(dir_->filePath("s.ini"), QSettings::IniFormat);
    }

    void catalogFilterSearchesFiltersAndSorts() {
        CatalogModel catalog;
        QVERIFY(catalog.load(QStringLiteral(":/hearth/catalog.json")));
        CatalogFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setCatalog(&catalog);
        const QJsonArray entries = catalogEntries();
        QCOMPARE(filter.count(), int(entries.size()));

        // Text: every word somewhere in name, family, publisher, description, quant or tags.
        filter.setText(QStringLiteral("llama instruct"));
        int expected = 0;
        for (const QJsonValue& v : entries) {
            const QJsonObject e = v.toObject();
            QString all = e["name"].toString() + " " + e["family"].toString() + " " +
                          e["publisher"].toString() + " " + e["description"].toString() + " " +
                          e["quant"].toString() + " ";
            for (const QJsonValue& t : e["tags"].toArray()) {
                all += t.toString() + " ";
            }
            expected += all.contains("llama", Qt::CaseInsensitive) &&
                        all.contains("instruct", Qt::CaseInsensitive);
        }
        QVERIFY(expected > 0);
        QCOMPARE(filter.count(), expected);

        // Family and tag.
        filter.setText({});
        QVERIFY(filter.families().contains("Qwen"));
        filter.setFamily(QStringLiteral("Qwen"));
        for (int row = 0; row < filter.count(); ++row) {
            QCOMPARE(filter.get(row).value("family").toString(), QString("Qwen"));
        }
        filter.setFamily({});
        filter.setTag(QStringLiteral("coding"));
        QVERIFY(filter.count() > 0);
        for (int row = 0; row < filter.count(); ++row) {
            QVERIFY(filter.get(row).value("tags").toStringList().contains("coding"));
        }
        filter.setTag({});

        // Sorting: the recommended model first; by size ascending; by name (numbers as numbers).
        QVERIFY(filter.get(0).value("recommended").toBool());
        filter.setSortBy(QStringLiteral("size"));
        for (int row = 1; row < filter.count(); ++row) {
            QVERIFY(filter.get(row - 1).value("size").toLongLong() <=
                    filter.get(row).value("size").toLongLong());
        }
        filter.setSortBy(QStringLiteral("name"));
        const QStringList sorted = names(filter);
        QVERIFY(sorted.indexOf("Qwen3 1.7B") < sorted.indexOf("Qwen3 14B") ||
                !sorted.contains("Qwen3 14B"));
        for (int i = 1; i < sorted.size(); ++i) {
            QVERIFY2(sorted[i - 1].left(1).compare(sorted[i].left(1), Qt::CaseInsensitive) <= 0,
                     qPrintable(sorted[i - 1] + " / " + sorted[i]));
        }
    }

    // Paths from QML: file dialogs give file:// URLs, text fields give paths.
    void localPathsFromUrlsAndPaths() {
        QCOMPARE(localPath("file:///tmp/a%20b.gguf"), QString("/tmp/a b.gguf"));
        QCOMPARE(localPath("/tmp/a b.gguf"), QString("/tmp/a b.gguf"));
        QCOMPARE(localPath("https://h.example/x.gguf"), QString("https://h.example/x.gguf"));
        QCOMPARE(absoluteLocalPath("/tmp/../tmp//x/./y"), QString("/tmp/x/y"));
        QCOMPARE(absoluteLocalPath("file:///tmp/x/../y"), QString("/tmp/y"));
    }

    void catalogRecommendationIsTheModelsDefault() {
        GenerationSettings g(settings_.get(), nullptr);
        g.setCatalogLookup([](const QString& file) {
            hearth::SamplingValues v;
            if (file == QLatin1String("listed.gguf")) {
                v[hearth::SamplingField::Temperature] = 0.7;
                v[hearth::SamplingField::RepeatPenalty] = 1.05;
            }
            return v;
        });
        hearth::SamplingParams fromFile; // the GGUF's general.sampling.* over the defaults
        fromFile.temperature = 0.6f;
        fromFile.top_k = 20;
        g.setModel("listed.gguf", fromFile, 8192);
        QCOMPARE(float(g.temperature()), 0.7f); // the catalog's value over the file's
        QCOMPARE(float(g.repeatPenalty()), 1.05f);
        QCOMPARE(g.topK(), 20);                       // the catalog says nothing: the file's
        QCOMPARE(g.sampling().repeat_penalty, 1.05f); // what is shown is what runs
        g.setTemperature(1.5);                        // the user's value still wins
        QCOMPARE(g.sampling().temperature, 1.5f);

        g.setModel("other.gguf", fromFile, 8192); // not in the catalog
        QCOMPARE(float(g.temperature()), 0.6f);
        QCOMPARE(float(g.repeatPenalty()), 1.0f);
    }

    void generationSettingsArePerModelOverDefaultsOverTheRecommendation() {
        GenerationSettings g(settings_.get(), nullptr);
        hearth::SamplingParams recommended;
        recommended.temperature = 0.6f;
        recommended.top_k = 20;
        g.setModel("a.gguf", recommended, 8192);
        QCOMPARE(float(g.temperature()), 0.6f); // the model's recommendation
        QCOMPARE(g.topK(), 20);
        QCOMPARE(g.contextLength(), 4096);
        QVERIFY(!g.customized());

        settings_->setValue("generation/temperature", 0.3); // the user's default
        QCOMPARE(g.temperature(), 0.3);
        g.setTemperature(1.25); // this model's own
        g.setContextLength(100000);
        QCOMPARE(g.temperature(), 1.25);
        QCOMPARE(g.contextLength(), 8192); // capped at what it was trained for
        QVERIFY(g.customized());
        QCOMPARE(g.sampling().temperature, 1.25f);
        QCOMPARE(g.contextLengthFor("a.gguf"), 100000);

        g.setModel("b.gguf", recommended, 8192); // another model keeps to the defaults
        QCOMPARE(g.temperature(), 0.3);
        QCOMPARE(g.contextLengthFor("b.gguf"), 4096);
        g.setModel("a.gguf", recommended, 8192);
        g.setTemperature(9); // out of range
        QCOMPARE(g.temperature(), 2.0);
        g.reset();
        QCOMPARE(g.temperature(), 0.3);
        QVERIFY(!g.customized());

        // Seeds: random unless fixed; a fixed one is used as given.
        QVERIFY(g.sampling().seed != g.sampling().seed);
        g.setFixedSeed(true);
        g.setSeedText("18446744073709551615");
        QCOMPARE(g.sampling().seed, 18446744073709551615ull);
        g.setSeedText("not a number");
        QCOMPARE(g.seedText(), QString("18446744073709551615"));
    }

    // Seed-OSS's thinking budget: a typed, per-model setting, given to the template only for a
    // model whose template takes one.
    void thinkingBudgetIsPerModelAndOnlyForModelsThatTakeIt() {
        GenerationSettings g(settings_.get(), nullptr);
        g.setModel("seed.gguf", {}, 8192, true);
        QVERIFY(g.thinkingBudgetSupported());
        QCOMPARE(g.thinkingBudget(), -1); // no limit, as the template's own default
        QCOMPARE(g.thinkingBudgetForRequest(), std::optional<int>(-1));
        g.setThinkingBudget(512);
        QCOMPARE(g.thinkingBudgetForRequest(), std::optional<int>(512));
        g.setThinkingBudget(-7); // out of range
        QCOMPARE(g.thinkingBudget(), -1);
        g.setThinkingBudget(0);
        QCOMPARE(g.thinkingBudgetForRequest(), std::optional<int>(0));
        QVERIFY(g.customized());

        g.setModel("qwen.gguf", {}, 8192, false);
        QVERIFY(!g.thinkingBudgetSupported());
        QCOMPARE(g.thinkingBudgetForRequest(), std::nullopt);
        g.setModel("seed.gguf", {}, 8192, true);
        QCOMPARE(g.thinkingBudget(), 0); // kept for that model
        g.reset();
        QCOMPARE(g.thinkingBudget(), -1);
    }

    // gpt-oss's reasoning effort: a per-model enum (stored as the template's word), given to
    // the template only for a model whose template takes one, where it changes the prompt.
    void reasoningEffortIsPerModelAndReachesThePrompt() {
        using Effort = GenerationSettings::ReasoningEffort;
        GenerationSettings g(settings_.get(), nullptr);
        g.setModel("oss.gguf", {}, 8192, false, true);
        QVERIFY(g.reasoningEffortSupported());
        QCOMPARE(g.reasoningEffort(), Effort::Medium); // the template's own default
        QVERIFY(g.reasoningEffortForRequest() == hearth::ReasoningEffort::Medium);
        QSignalSpy changed(&g, &GenerationSettings::changed);
        g.setReasoningEffort(Effort::High);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(settings_->value("models/oss.gguf/generation/reasoningEffort").toString(),
                 QStringLiteral("high"));
        QVERIFY(g.reasoningEffortForRequest() == hearth::ReasoningEffort::High);
        QVERIFY(g.customized());
        // The property QML binds to carries the enum.
        QCOMPARE(g.property("reasoningEffort").value<Effort>(), Effort::High);
        QVERIFY(g.setProperty("reasoningEffort", QVariant::fromValue(Effort::Low)));
        QVERIFY(g.reasoningEffortForRequest() == hearth::ReasoningEffort::Low);
        settings_->setValue("models/oss.gguf/generation/reasoningEffort", "extreme");
        QCOMPARE(g.reasoningEffort(), Effort::Medium); // an unknown stored word

        g.setModel("qwen.gguf", {}, 8192, false, false);
        QVERIFY(!g.reasoningEffortSupported());
        QVERIFY(!g.reasoningEffortForRequest());
        g.setModel("oss.gguf", {}, 8192, false, true);
        g.setReasoningEffort(Effort::Low);
        g.setModel("other-oss.gguf", {}, 8192, false, true);
        QCOMPARE(g.reasoningEffort(), Effort::Medium); // per model
        g.setModel("oss.gguf", {}, 8192, false, true);
        QCOMPARE(g.reasoningEffort(), Effort::Low);

        QFile file(QStringLiteral(HEARTH_MODELS_DIR "/templates/openai-gpt-oss-120b.jinja"));
        if (!file.open(QIODevice::ReadOnly)) {
            QSKIP("shared templates not found (HEARTH_MODELS_DIR)");
        }
        const hearth::ChatTemplate tmpl =
            hearth::ChatTemplate::from_source(file.readAll().toStdString(), "", "");
        const std::vector<hearth::ChatMessage> messages = {{"user", "Hi", ""}};
        hearth::ChatRenderOptions options;
        options.reasoning_effort = g.reasoningEffortForRequest();
        QVERIFY(tmpl.render(messages, options).text.find("\nReasoning: low\n") !=
                std::string::npos);
        g.reset();
        options.reasoning_effort = g.reasoningEffortForRequest();
        QVERIFY(tmpl.render(messages, options).text.find("\nReasoning: medium\n") !=
                std::string::npos);
    }

    void personasStartBuiltInAndPersist() {
        {
            PersonaModel personas(settings_.get(), nullptr);
            QAbstractItemModelTester tester(&personas,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(personas.count(), 4);
            QCOMPARE(personas.data(personas.index(1), PersonaModel::NameRole).toString(),
                     QString("Translator"));
            personas.add(" Travel planner ", "Plan trips.");
            personas.update(0, "Assistant", "Be helpful.");
            personas.remove(1);
            personas.add("   ", "ignored without a name");
            QCOMPARE(personas.count(), 4);
            QCOMPARE(personas.indexOfPrompt("Plan trips."), 3);
        }
        PersonaModel again(settings_.get(), nullptr); // a restart
        QCOMPARE(again.count(), 4);
        QCOMPARE(again.data(again.index(0), PersonaModel::NameRole).toString(),
                 QString("Assistant"));
        QCOMPARE(again.data(again.index(3), PersonaModel::NameRole).toString(),
                 QString("Travel planner"));
        QCOMPARE(again.prompt(3), QString("Plan trips."));
        for (int i = again.count() - 1; i >= 0; --i) {
            again.remove(i);
        }
        PersonaModel emptied(settings_.get(), nullptr); // deleting all is kept, too
        QCOMPARE(emptied.count(), 0);
    }

    void networkLogRecordsEachRequest() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        NetworkLog log;
        QAbstractItemModelTester tester(&log,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(log.count(), 0);
        const QUrl url(QString("http://127.0.0.1:%1/catalog.json").arg(server.serverPort()));
        QNetworkReply* reply = log.manager()->get(QNetworkRequest(url));
        QCOMPARE(log.count(), 1);
        QCOMPARE(log.data(log.index(0), NetworkLog::MethodRole).toString(), QString("GET"));
        QCOMPARE(log.data(log.index(0), NetworkLog::UrlRole).toString(), url.toString());
        QCOMPARE(log.data(log.index(0), NetworkLog::HostRole).toString(), QString("127.0.0.1"));
        QVERIFY(QTest::qWaitFor([&] { return server.hasPendingConnections(); }, 5000));
        reply->abort();
        reply->deleteLater();
    }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<QSettings> settings_;
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
