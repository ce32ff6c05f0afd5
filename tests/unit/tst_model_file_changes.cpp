// Another program changing a model file while a backend computes from its mapping: cut short
// (which used to end the process with SIGBUS), rewritten in place (which used to give
// silent garbage) or replaced by a new file (harmless: the mapping keeps the old one). The
// first two end the generation with an error naming the file; nothing crashes.
#include "model/model.h"
#include "session.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace hearth;

namespace {

const QString kModel = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";

bool contains(const Error& e, const char* words) {
    return e.message.find(words) != std::string::npos;
}

} // namespace

class TestModelFileChanges : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kModel)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
    }

    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        path_ = dir_->filePath("model.gguf");
        QVERIFY(QFile::copy(kModel, path_));
    }

    void cleanup() { dir_.reset(); }

    void backends_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("cpu") << "cpu";
        QTest::newRow("cpu-reference") << "cpu-reference";
    }

    void truncatedBetweenTokens_data() { backends_data(); }

    void truncatedBetweenTokens() {
        QFETCH(QString, backend);
        auto model = Model::load(path_.toStdString());
        QVERIFY(model.ok());
        auto session = create_session(**model, {backend.toStdString(), 64, 2});
        QVERIFY(session.ok());
        for (Token t : {1, 450, 6593}) {
            QVERIFY((*session)->eval(t).ok());
        }
        QCOMPARE(::truncate(QFile::encodeName(path_).constData(), QFileInfo(path_).size() / 2), 0);
        const uint32_t before = (*session)->n_past();
        Result<std::span<const float>> r = (*session)->eval(310);
        QVERIFY(!r.ok());
        QVERIFY2(contains(r.error(), "was cut short by another program while in use"),
                 r.error().message.c_str());
        QVERIFY2(contains(r.error(), path_.toStdString().c_str()), r.error().message.c_str());
        QCOMPARE((*session)->n_past(), before);
        QVERIFY(!(*session)->eval(310).ok()); // and it stays refused
    }

    void rewrittenInPlace() {
        auto model = Model::load(path_.toStdString());
        QVERIFY(model.ok());
        auto session = create_session(**model, {"cpu", 64, 2});
        QVERIFY(session.ok());
        QVERIFY((*session)->eval(1).ok());
        // Same size, different bytes in the middle of the weights.
        const int fd = ::open(QFile::encodeName(path_).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        const std::vector<char> junk(4096, 0x7f);
        QCOMPARE(::pwrite(fd, junk.data(), junk.size(), off_t(QFileInfo(path_).size() / 2)),
                 ssize_t(junk.size()));
        ::close(fd);
        Result<std::span<const float>> r = (*session)->eval(450);
        QVERIFY(!r.ok());
        QVERIFY2(contains(r.error(), "was changed by another program while in use"),
                 r.error().message.c_str());
    }

    void replacedByAnotherFileKeepsWorking() {
        auto model = Model::load(path_.toStdString());
        QVERIFY(model.ok());
        auto session = create_session(**model, {"cpu", 64, 2});
        QVERIFY(session.ok());
        QVERIFY((*session)->eval(1).ok());
        const QString other = dir_->filePath("other.gguf");
        QFile out(other);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("not a model");
        out.close();
        QCOMPARE(
            ::rename(QFile::encodeName(other).constData(), QFile::encodeName(path_).constData()),
            0);
        QVERIFY((*session)->eval(450).ok());
    }

    // The file is cut short by another thread while tokens are being generated: the
    // generation ends with the error at some token, and the process lives on.
    void truncatedWhileGenerating_data() { backends_data(); }

    void truncatedWhileGenerating() {
        QFETCH(QString, backend);
        auto model = Model::load(path_.toStdString());
        QVERIFY(model.ok());
        auto session = create_session(**model, {backend.toStdString(), 256, 2});
        QVERIFY(session.ok());
        std::atomic<int> generated{0};
        std::thread cutter([&] {
            while (generated.load() < 8) {
                std::this_thread::yield();
            }
            ::truncate(QFile::encodeName(path_).constData(), 4096);
        });
        std::string error;
        Token next = 1;
        int tokens = 0;
        for (; tokens < 255; ++tokens) {
            Result<std::span<const float>> logits = (*session)->eval(next);
            if (!logits) {
                error = logits.error().message;
                break;
            }
            next = Token(std::max_element(logits->begin(), logits->end()) - logits->begin());
            ++generated;
        }
        generated = 1000; // releases the cutter if the loop ended first
        cutter.join();
        QVERIFY2(error.find("cut short") != std::string::npos, error.c_str());
        qInfo("%s: stopped with an error after %d tokens", qPrintable(backend), tokens);
    }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    QString path_;
};

QTEST_GUILESS_MAIN(TestModelFileChanges)
#include "tst_model_file_changes.moc"
