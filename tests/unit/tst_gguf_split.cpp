// Split GGUF models (gguf/split.h): the three parts llama-gguf-split made of the tiny gemma3
// (tests/data/models/split, checked against tests/data/golden/arch/gemma3-Q8_0.json) load as
// the whole file does, from whichever part is named; missing, foreign, repeated or
// misnamed parts are clear errors.
#include "fast/fast_session.h"
#include "gguf/split.h"
#include "gguf_writer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace hearth;

namespace {

const QString kWhole = HEARTH_TEST_DATA_DIR "/models/arch/gemma3-Q8_0.gguf";
const QString kParts = HEARTH_TEST_DATA_DIR "/models/split/gemma3-Q8_0-%1-of-00003.gguf";

QString part(int i) {
    return kParts.arg(i, 5, 10, QLatin1Char('0'));
}

std::string message(const Result<gguf::File>& r) {
    return r ? std::string("(opened)") : r.error().message;
}

// A part of a hand-made split model: split.* keys and one small F32 tensor per name.
void write_part(const QString& path, uint32_t no, uint32_t count, int32_t total,
                const std::vector<std::string>& tensors, bool split_keys = true) {
    test::GgufWriter w;
    if (no == 0) {
        w.set_string("general.architecture", "llama");
    }
    if (split_keys) {
        w.set_u32("split.no", no);
        w.set_u32("split.count", count);
        w.set_i32("split.tensors.count", total);
    }
    for (const std::string& name : tensors) {
        w.add_tensor(name, GgmlType::F32, {4}, std::vector<std::byte>(16, std::byte{1}));
    }
    QVERIFY(w.write(path.toStdString()));
}

} // namespace

class TestGgufSplit : public QObject {
    Q_OBJECT

private slots:
    void names() {
        const gguf::SplitName split = gguf::split_name("dir/m-00002-of-00003.gguf");
        QCOMPARE(split.index, 2u);
        QCOMPARE(split.count, 3u);
        QCOMPARE(split.parts,
                 (std::vector<std::string>{"dir/m-00001-of-00003.gguf", "dir/m-00002-of-00003.gguf",
                                           "dir/m-00003-of-00003.gguf"}));
        for (const char* plain :
             {"m.gguf", "m-00000-of-00003.gguf", "m-00004-of-00003.gguf", "m-0001-of-00003.gguf",
              "m-00001-of-00003.bin", "-00001-of-00001.gguf"}) {
            const gguf::SplitName not_split = gguf::split_name(plain);
            QCOMPARE(not_split.count, 0u);
            QCOMPARE(not_split.parts, std::vector<std::string>{plain});
        }
    }

    void realSplitLoadsAsTheWholeFile() {
        QFile golden(HEARTH_TEST_DATA_DIR "/golden/arch/gemma3-Q8_0.json");
        QVERIFY(golden.open(QIODevice::ReadOnly));
        const QJsonArray sums =
            QJsonDocument::fromJson(golden.readAll())["split"]["parts_sha256"].toArray();
        QCOMPARE(sums.size(), 3);
        for (int i = 1; i <= 3; ++i) {
            QFile f(part(i));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex(),
                     sums[i - 1].toString().toLatin1());
        }
        auto whole = gguf::File::open(kWhole.toStdString());
        QVERIFY(whole.ok());
        for (int i = 1; i <= 3; ++i) { // any part names the model
            auto split = gguf::open_model(part(i).toStdString());
            QVERIFY2(split.ok(), message(split).c_str());
            QCOMPARE(split->part_count(), size_t(3));
            QCOMPARE(split->tensors().size(), whole->tensors().size());
            for (const gguf::TensorInfo& t : whole->tensors()) {
                const gguf::TensorInfo* s = split->find_tensor(t.name);
                QVERIFY(s != nullptr);
                const auto a = whole->tensor_data(t), b = split->tensor_data(*s);
                QVERIFY(a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0);
            }
            QVERIFY(split->find("tokenizer.ggml.tokens") != nullptr);
        }
        // The same logits, bit for bit, from the whole and the split model.
        auto a = Model::load(kWhole.toStdString());
        auto b = Model::load(part(2).toStdString());
        QVERIFY(a.ok() && b.ok());
        const std::vector<Token> prompt = {1, 300, 301, 302, 303};
        auto sa = fast::FastSession::create(**a, 64, 1);
        auto sb = fast::FastSession::create(**b, 64, 1);
        QVERIFY(sa.ok() && sb.ok());
        const std::span<const float> la = *(*sa)->eval_batch(prompt);
        const std::span<const float> lb = *(*sb)->eval_batch(prompt);
        QVERIFY(std::equal(la.begin(), la.end(), lb.begin(), lb.end()));
    }

    void missingPartIsNamed() {
        QTemporaryDir dir;
        for (int i : {1, 3}) {
            QVERIFY(QFile::copy(part(i), dir.filePath(QFileInfo(part(i)).fileName())));
        }
        const auto r =
            gguf::open_model(dir.filePath("gemma3-Q8_0-00001-of-00003.gguf").toStdString());
        QCOMPARE(message(r), std::string("part 2 of 3 (gemma3-Q8_0-00002-of-00003.gguf) of "
                                         "this split model is missing"));
        const auto first =
            gguf::open_model(dir.filePath("gemma3-Q8_0-00003-of-00003.gguf").toStdString());
        QVERIFY(!first.ok());
    }

    void inconsistentPartsAreRefused() {
        QTemporaryDir dir;
        const auto name = [&](int i, int n) {
            return dir.filePath(QString("m-%1-of-%2.gguf")
                                    .arg(i, 5, 10, QLatin1Char('0'))
                                    .arg(n, 5, 10, QLatin1Char('0')));
        };
        // Part 2 comes from a model split in 4.
        write_part(name(1, 2), 0, 2, 2, {"a"});
        write_part(name(2, 2), 1, 4, 2, {"b"});
        QCOMPARE(message(gguf::open_model(name(1, 2).toStdString())),
                 std::string("part 2 of 2 (m-00002-of-00002.gguf) belongs to another split model"));
        // A tensor in two parts.
        write_part(name(2, 2), 1, 2, 2, {"a"});
        QCOMPARE(message(gguf::open_model(name(1, 2).toStdString())),
                 std::string("part 2 of 2 (m-00002-of-00002.gguf): the tensor a is in two parts"));
        // Fewer tensors than the first part lists.
        write_part(name(1, 3), 0, 3, 5, {"a"});
        write_part(name(2, 3), 1, 3, 5, {"b"});
        write_part(name(3, 3), 2, 3, 5, {"c"});
        QCOMPARE(message(gguf::open_model(name(3, 3).toStdString())),
                 std::string("the parts of this split model hold 3 tensors, not the 5 its first "
                             "part lists"));
        // Named as a part, but without split metadata.
        write_part(name(1, 4), 0, 4, 1, {"a"}, false);
        QCOMPARE(message(gguf::open_model(name(1, 4).toStdString())),
                 std::string("m-00001-of-00004.gguf is not part 1 of 4 of a split model, as its "
                             "name says"));
        // A part renamed so its name no longer says which it is.
        write_part(dir.filePath("renamed.gguf"), 0, 2, 2, {"a"});
        QCOMPARE(message(gguf::open_model(dir.filePath("renamed.gguf").toStdString())),
                 std::string("renamed.gguf is part of a model split in 2 files, but its name does "
                             "not say which part (NAME-00001-of-0000N.gguf)"));
        // One part that is the whole model is fine.
        write_part(name(1, 1), 0, 1, 1, {"a"});
        QVERIFY(gguf::open_model(name(1, 1).toStdString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestGgufSplit)
#include "tst_gguf_split.moc"
