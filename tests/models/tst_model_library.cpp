// The installed-model library: scanning real GGUF files (runnable, unsupported architecture,
// damaged, split, incomplete) through the engine's reader, importing by copy or reference,
// deleting, disk usage.
#include "gguf_writer.h"
#include "modellibrary.h"
#include "partialdownload.h"
#include "synthetic_model.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

constexpr int kTimeoutMs = 20000;

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray bytesOf(const std::vector<std::byte>& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

QByteArray tinyModel(const std::string& architecture, uint64_t seed) {
    hearth::test::SyntheticSpec spec;
    spec.architecture = architecture;
    spec.n_layer = 1;
    spec.seed = seed;
    return bytesOf(hearth::test::make_synthetic_model(spec));
}

// Part `part` (0 or 1) of the two gguf-split would make of a tiny model.
QByteArray tinySplitPart(const std::string& architecture, uint64_t seed, int part) {
    const QByteArray whole = tinyModel(architecture, seed);
    auto file = hearth::gguf::File::parse(std::as_bytes(std::span(whole.data(), whole.size())));
    return bytesOf(
        hearth::test::split_gguf(*file, (file->tensors().size() + 1) / 2).at(size_t(part)));
}

// A well-formed GGUF of an architecture the engine does not run.
QByteArray unsupportedModel() {
    hearth::test::GgufWriter writer;
    writer.set_string("general.architecture", "gpt-oss");
    writer.set_string("general.name", "Tiny gpt-oss");
    writer.set_u32("gpt-oss.context_length", 32768);
    writer.set_string("tokenizer.chat_template", "{{ messages }}");
    const std::vector<std::byte> bytes = writer.serialize();
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

struct Library {
    ModelLibrary library;
    QAbstractItemModelTester tester{&library,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest};

    const GgufInfo* find(const QString& fileName) const {
        for (const GgufInfo& m : library.models()) {
            if (m.fileName == fileName) {
                return &m;
            }
        }
        return nullptr;
    }
    QVariant role(const QString& fileName, int role) const {
        const GgufInfo* m = find(fileName);
        return m ? library.data(library.index(library.indexOf(m->path)), role) : QVariant();
    }
};

bool settle(ModelLibrary& library) {
    QSignalSpy done(&library, &ModelLibrary::scanFinished);
    return library.scanning() ? done.wait(kTimeoutMs) : true;
}

} // namespace

class TestModelLibrary : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(root_.isValid());
        models_ = root_.path() + QStringLiteral("/models-") + QTest::currentTestFunction();
        outside_ = root_.path() + QStringLiteral("/outside-") + QTest::currentTestFunction();
        QVERIFY(QDir().mkpath(models_) && QDir().mkpath(outside_));
    }

    void scanReadsMetadataAndFlagsWhatCannotRun() {
        QVERIFY(writeFile(models_ + QStringLiteral("/tiny-qwen3.gguf"), tinyModel("qwen3", 1)));
        QVERIFY(writeFile(models_ + QStringLiteral("/tiny-gpt-oss.gguf"), unsupportedModel()));
        QVERIFY(writeFile(models_ + QStringLiteral("/broken.gguf"), "GGUF but not really"));
        QVERIFY(writeFile(models_ + QStringLiteral("/pair-00001-of-00002.gguf"),
                          tinySplitPart("llama", 2, 0)));
        QVERIFY(writeFile(models_ + QStringLiteral("/pair-00002-of-00002.gguf"),
                          tinySplitPart("llama", 2, 1)));
        // Two parts of different models under one name.
        QVERIFY(writeFile(models_ + QStringLiteral("/mixed-00001-of-00002.gguf"),
                          tinySplitPart("llama", 5, 0)));
        QVERIFY(writeFile(models_ + QStringLiteral("/mixed-00002-of-00002.gguf"),
                          tinySplitPart("qwen2", 6, 1)));
        QVERIFY(writeFile(models_ + QStringLiteral("/lonely-00001-of-00003.gguf"),
                          tinyModel("llama", 4)));
        QVERIFY(writeFile(models_ + QStringLiteral("/notes.txt"), "not a model"));
        QDir().mkpath(partialFolder(models_));
        QVERIFY(writeFile(partialDataPath(models_, QStringLiteral("next.gguf")),
                          QByteArray(1000, 'x')));

        Library lib;
        QSignalSpy done(&lib.library, &ModelLibrary::scanFinished);
        lib.library.setFolder(models_);
        QVERIFY(lib.library.scanning());
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(lib.library.count(), 6); // a split model is one row; notes.txt is no model

        const GgufInfo* qwen = lib.find(QStringLiteral("tiny-qwen3.gguf"));
        QVERIFY(qwen != nullptr);
        QVERIFY2(qwen->runnable, qPrintable(qwen->problem.toString()));
        QCOMPARE(qwen->architecture, QStringLiteral("qwen3"));
        QVERIFY(qwen->parameters > 0);
        QCOMPARE(qwen->quant, QStringLiteral("F32"));
        QCOMPARE(qwen->contextLength, qint64(128));
        QCOMPARE(lib.role(QStringLiteral("tiny-qwen3.gguf"), ModelLibrary::RunnableRole).toBool(),
                 true);
        QCOMPARE(lib.role(QStringLiteral("tiny-qwen3.gguf"), ModelLibrary::ImportedRole).toBool(),
                 false);

        const GgufInfo* unsupported = lib.find(QStringLiteral("tiny-gpt-oss.gguf"));
        QVERIFY(unsupported != nullptr && unsupported->valid && !unsupported->runnable);
        QCOMPARE(unsupported->name, QStringLiteral("Tiny gpt-oss"));
        QVERIFY(unsupported->hasChatTemplate);
        QVERIFY2(unsupported->problem.toString().contains(QLatin1String("gpt-oss")),
                 qPrintable(unsupported->problem.toString()));

        const GgufInfo* broken = lib.find(QStringLiteral("broken.gguf"));
        QVERIFY(broken != nullptr && !broken->valid && !broken->runnable);
        QVERIFY(!broken->problem.isEmpty());

        const GgufInfo* pair = lib.find(QStringLiteral("pair-00001-of-00002.gguf"));
        QVERIFY(pair != nullptr);
        QCOMPARE(pair->splitCount, 2);
        QCOMPARE(pair->sizeBytes,
                 QFileInfo(models_ + QStringLiteral("/pair-00001-of-00002.gguf")).size() +
                     QFileInfo(models_ + QStringLiteral("/pair-00002-of-00002.gguf")).size());
        QVERIFY2(pair->runnable,
                 qPrintable(pair->problem.toString())); // the engine joins the parts
        QCOMPARE(pair->architecture, QStringLiteral("llama"));

        const GgufInfo* mixed = lib.find(QStringLiteral("mixed-00001-of-00002.gguf"));
        QVERIFY(mixed != nullptr && !mixed->runnable);
        QVERIFY2(mixed->problem.toString().contains(QLatin1String("part 2 of 2")),
                 qPrintable(mixed->problem.toString()));

        const GgufInfo* lonely = lib.find(QStringLiteral("lonely-00001-of-00003.gguf"));
        QVERIFY(lonely != nullptr && !lonely->runnable);
        QVERIFY2(lonely->problem.toString().contains(QLatin1String("missing")),
                 qPrintable(lonely->problem.toString()));

        qint64 expected = 1000; // the partial download counts too
        for (const QFileInfo& f :
             QDir(models_).entryInfoList({QStringLiteral("*.gguf")}, QDir::Files)) {
            expected += f.size();
        }
        QCOMPARE(lib.library.diskUsage(), expected);
    }

    void importByCopy() {
        const QString source = outside_ + QStringLiteral("/My Model.gguf");
        QVERIFY(writeFile(source, tinyModel("qwen2", 5)));
        Library lib;
        lib.library.setFolder(models_);
        QVERIFY(settle(lib.library));
        QSignalSpy imported(&lib.library, &ModelLibrary::importFinished);
        lib.library.importFile(QUrl::fromLocalFile(source).toString(), true);
        QVERIFY(lib.library.importing());
        QVERIFY(imported.wait(kTimeoutMs));
        QVERIFY2(imported[0][0].toBool(), qPrintable(imported[0][1].toString()));
        QVERIFY(settle(lib.library));
        QTRY_COMPARE_WITH_TIMEOUT(lib.library.count(), 1, kTimeoutMs);
        QVERIFY(QFile::exists(models_ + QStringLiteral("/My-Model.gguf"))); // a safe name
        QVERIFY(QFile::exists(source));
        QCOMPARE(lib.role(QStringLiteral("My-Model.gguf"), ModelLibrary::ImportedRole).toBool(),
                 false);
        QCOMPARE(QDir(partialFolder(models_)).entryList(QDir::Files), QStringList());
        // A second copy of the same file is refused rather than overwriting.
        lib.library.importFile(source, true);
        QVERIFY(imported.wait(kTimeoutMs));
        QCOMPARE(imported[1][0].toBool(), false);
    }

    void importByReferenceAndForget() {
        const QString source = outside_ + QStringLiteral("/ref.gguf");
        QVERIFY(writeFile(source, tinyModel("llama", 6)));
        Library lib;
        lib.library.setFolder(models_);
        QVERIFY(settle(lib.library));
        QSignalSpy imported(&lib.library, &ModelLibrary::importFinished);
        lib.library.importFile(source, false);
        QVERIFY(imported.wait(kTimeoutMs));
        QVERIFY(imported[0][0].toBool());
        QCOMPARE(lib.library.importedPaths(), QStringList{source});
        QTRY_COMPARE_WITH_TIMEOUT(lib.library.count(), 1, kTimeoutMs);
        QCOMPARE(lib.role(QStringLiteral("ref.gguf"), ModelLibrary::ImportedRole).toBool(), true);
        QCOMPARE(lib.role(QStringLiteral("ref.gguf"), ModelLibrary::RunnableRole).toBool(), true);
        QCOMPARE(QDir(models_).entryList(QDir::Files), QStringList());

        QVERIFY(lib.library.remove(source));
        QVERIFY(lib.library.importedPaths().isEmpty());
        QVERIFY(QFile::exists(source)); // the user's file is never deleted
        QVERIFY(settle(lib.library));
        QTRY_COMPARE_WITH_TIMEOUT(lib.library.count(), 0, kTimeoutMs);
    }

    void invalidImportsAreRefused_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not gguf") << "model.bin" << tinyModel("qwen3", 7) << "Only .gguf";
        QTest::newRow("damaged") << "damaged.gguf" << QByteArray("GGUF\x03\0\0\0", 8)
                                 << "cannot be imported";
        QTest::newRow("missing") << "" << QByteArray() << "no file";
    }

    void invalidImportsAreRefused() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString source =
            outside_ + QLatin1Char('/') + (name.isEmpty() ? QStringLiteral("gone.gguf") : name);
        if (!name.isEmpty()) {
            QVERIFY(writeFile(source, bytes));
        }
        Library lib;
        lib.library.setFolder(models_);
        QVERIFY(settle(lib.library));
        QSignalSpy imported(&lib.library, &ModelLibrary::importFinished);
        lib.library.importFile(source, true);
        QVERIFY(imported.wait(kTimeoutMs));
        QCOMPARE(imported[0][0].toBool(), false);
        QVERIFY2(imported[0][1].toString().contains(expected),
                 qPrintable(imported[0][1].toString()));
        QCOMPARE(QDir(models_).entryList(QDir::Files), QStringList());
        QCOMPARE(lib.library.count(), 0);
    }

    void deleteRemovesEveryPart() {
        QVERIFY(writeFile(models_ + QStringLiteral("/one.gguf"), tinyModel("qwen3", 8)));
        QVERIFY(
            writeFile(models_ + QStringLiteral("/two-00001-of-00002.gguf"), tinyModel("qwen3", 9)));
        QVERIFY(writeFile(models_ + QStringLiteral("/two-00002-of-00002.gguf"),
                          tinyModel("qwen3", 10)));
        Library lib;
        lib.library.setFolder(models_);
        QVERIFY(settle(lib.library));
        QCOMPARE(lib.library.count(), 2);
        QVERIFY(lib.library.remove(models_ + QStringLiteral("/two-00001-of-00002.gguf")));
        QVERIFY(settle(lib.library));
        QTRY_COMPARE_WITH_TIMEOUT(lib.library.count(), 1, kTimeoutMs);
        QCOMPARE(QDir(models_).entryList(QDir::Files), QStringList{QStringLiteral("one.gguf")});
        QVERIFY(!lib.library.remove(outside_ + QStringLiteral("/elsewhere.gguf")));
    }

private:
    QTemporaryDir root_;
    QString models_;
    QString outside_;
};

QTEST_GUILESS_MAIN(TestModelLibrary)
#include "tst_model_library.moc"
