// The GGUF reader on real files from the shared fixtures, on files written by the test
// writer, and on malformed files: each defect yields an error naming it, never a crash.
#include "gguf/gguf_file.h"
#include "gguf_writer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fcntl.h>
#include <functional>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

using namespace hearth;
using hearth::test::GgufWriter;

namespace {

QString models_dir() {
    return QStringLiteral(HEARTH_MODELS_DIR);
}

std::vector<std::byte> f32_bytes(std::vector<float> values) {
    std::vector<std::byte> out(values.size() * 4);
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

// A small valid file: every scalar type, arrays, and two tensors.
GgufWriter small_file() {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_u32("llama.block_count", 2);
    w.set_i32("test.negative", -7);
    w.set_f32("test.float", 0.25f);
    w.set_bool("test.flag", true);
    w.set_u64("test.big", uint64_t(1) << 40);
    w.set_strings("test.words", {"a", "", "grüße", "▁x"});
    w.set_f32s("test.scores", {1.5f, -2.0f});
    w.set_i32s("test.types", {1, 3, 6});
    w.add_tensor("a.weight", GgmlType::F32, {4, 2}, f32_bytes({1, 2, 3, 4, 5, 6, 7, 8}));
    w.add_tensor("b.weight", GgmlType::F32, {3}, f32_bytes({9, 10, 11}));
    return w;
}

std::string parse_error(const std::vector<std::byte>& bytes) {
    Result<gguf::File> file = gguf::File::parse(bytes, "test.gguf");
    return file ? std::string("(parsed)") : file.error().message;
}

// A header followed by one hand-built metadata entry.
std::vector<std::byte> one_entry(const std::function<void(std::vector<std::byte>&)>& entry) {
    std::vector<std::byte> out;
    test::put_u32(out, 0x46554747);
    test::put_u32(out, 3);
    test::put_u64(out, 0);
    test::put_u64(out, 1);
    entry(out);
    return out;
}

} // namespace

class TestGgufFile : public QObject {
    Q_OBJECT

private slots:
    void readsEveryValueType() {
        const std::vector<std::byte> bytes = small_file().serialize();
        Result<gguf::File> file = gguf::File::parse(bytes);
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
        QCOMPARE(file->version(), 3u);
        QCOMPARE(file->metadata().size(), size_t(9));
        QCOMPARE(*file->find("general.architecture")->as_string(), std::string_view("llama"));
        QCOMPARE(*file->find("llama.block_count")->as_uint(), uint64_t(2));
        QCOMPARE(*file->find("test.negative")->as_int(), int64_t(-7));
        QVERIFY(!file->find("test.negative")->as_uint());
        QCOMPARE(*file->find("test.float")->as_float(), 0.25);
        QCOMPARE(*file->find("test.flag")->as_bool(), true);
        QCOMPARE(*file->find("test.big")->as_uint(), uint64_t(1) << 40);
        const auto words = file->find("test.words")->strings();
        QCOMPARE(words.size(), size_t(4));
        QCOMPARE(words[2], std::string_view("grüße"));
        QCOMPARE(words[1], std::string_view(""));
        QCOMPARE(file->find("test.scores")->floats(), (std::vector<double>{1.5, -2.0}));
        QCOMPARE(file->find("test.types")->ints(), (std::vector<int64_t>{1, 3, 6}));
        QVERIFY(file->find("missing") == nullptr);
    }

    void locatesTensorData() {
        const std::vector<std::byte> bytes = small_file().serialize();
        Result<gguf::File> file = gguf::File::parse(bytes);
        QVERIFY(file.ok());
        QCOMPARE(file->tensors().size(), size_t(2));
        const gguf::TensorInfo* b = file->find_tensor("b.weight");
        QVERIFY(b);
        QCOMPARE(b->ne[0], uint64_t(3));
        QCOMPARE(b->elements, uint64_t(3));
        QCOMPARE(b->offset % 32, uint64_t(0));
        QCOMPARE(file->data_offset() % 32, uint64_t(0));
        float values[3];
        std::memcpy(values, file->tensor_data(*b).data(), 12);
        QCOMPARE(values[2], 11.0f);
        QCOMPARE(file->find_tensor("a.weight")->rows(), uint64_t(2));
    }

    // MXFP4 (type 39): blocks of 32 elements in 17 bytes, so a [3][64] tensor is 6 blocks,
    // 102 bytes, and the next tensor starts at the following 32-byte boundary, 128.
    void readsMxfp4Tensor() {
        std::vector<std::byte> blocks(102);
        for (size_t i = 0; i < blocks.size(); ++i) {
            blocks[i] = std::byte(i);
        }
        GgufWriter w;
        w.set_string("general.architecture", "llama");
        w.add_tensor("blk.0.ffn_down_exps.weight", GgmlType::MXFP4, {64, 3}, blocks);
        w.add_tensor("b.weight", GgmlType::F32, {3}, f32_bytes({9, 10, 11}));
        const std::vector<std::byte> bytes = w.serialize();
        Result<gguf::File> file = gguf::File::parse(bytes);
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
        const gguf::TensorInfo* t = file->find_tensor("blk.0.ffn_down_exps.weight");
        QVERIFY(t);
        QCOMPARE(t->type, GgmlType::MXFP4);
        QCOMPARE(t->rows(), uint64_t(3));
        QCOMPARE(t->bytes, uint64_t(102));
        QVERIFY(std::ranges::equal(file->tensor_data(*t), blocks));
        const gguf::TensorInfo* b = file->find_tensor("b.weight");
        QCOMPARE(b->offset, uint64_t(128));
        float last;
        std::memcpy(&last, file->tensor_data(*b).data() + 8, 4);
        QCOMPARE(last, 11.0f);
        // Rows must be whole blocks of 32.
        GgufWriter partial;
        partial.add_tensor("t", GgmlType::MXFP4, {48}, std::vector<std::byte>(26));
        QVERIFY(parse_error(partial.serialize()).find("not whole MXFP4 blocks of 32") !=
                std::string::npos);
    }

    void readsRealModel() {
        const QString path = models_dir() + "/tiny/tiny-llama-Q4_K_M.gguf";
        if (!QFile::exists(path)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        Result<gguf::File> file = gguf::File::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
        QCOMPARE(file->version(), 3u);
        QCOMPARE(*file->find("general.architecture")->as_string(), std::string_view("llama"));
        QCOMPARE(*file->find("llama.embedding_length")->as_uint(), uint64_t(256));
        QCOMPARE(file->tensors().size(), size_t(38));
        const gguf::TensorInfo* embd = file->find_tensor("token_embd.weight");
        QVERIFY(embd);
        QCOMPARE(embd->type, GgmlType::Q6_K);
        QCOMPARE(embd->ne[0], uint64_t(256));
        QCOMPARE(embd->ne[1], uint64_t(32000));
        QCOMPARE(file->find_tensor("blk.0.attn_q.weight")->type, GgmlType::Q4_K);
        QCOMPARE(file->find_tensor("blk.3.ffn_down.weight")->type, GgmlType::Q6_K);
        QCOMPARE(file->find_tensor("output_norm.weight")->type, GgmlType::F32);
        const auto tokens = file->find("tokenizer.ggml.tokens")->strings();
        QCOMPARE(tokens.size(), size_t(32000));
        QCOMPARE(tokens[1], std::string_view("<s>"));
        QCOMPARE(tokens[29871], std::string_view("▁"));
    }

    void readsVocabOnlyFile() {
        const QString path = models_dir() + "/vocab/ggml-vocab-qwen2.gguf";
        if (!QFile::exists(path)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        Result<gguf::File> file = gguf::File::open(path.toStdString());
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
        QCOMPARE(file->tensors().size(), size_t(0));
        QCOMPARE(file->find("tokenizer.ggml.tokens")->count, uint64_t(151936));
        QCOMPARE(*file->find("tokenizer.ggml.pre")->as_string(), std::string_view("qwen2"));
    }

    void namesEachDefect_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const std::vector<std::byte>& b, const char* expected) {
            QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(b.data()),
                                              qsizetype(b.size()))
                                << QString(expected);
        };
        std::vector<std::byte> good = small_file().serialize();
        auto patched = [&](size_t at, std::vector<std::byte> with) {
            std::vector<std::byte> b = good;
            std::copy(with.begin(), with.end(), b.begin() + at);
            return b;
        };
        row("empty", {}, "too short");
        row("bad magic", patched(0, {std::byte('G'), std::byte('G'), std::byte('M')}),
            "not a GGUF file");
        row("version 1", patched(4, {std::byte(1)}), "version 1");
        row("big-endian", patched(4, {std::byte(0), std::byte(0), std::byte(0), std::byte(3)}),
            "big-endian");
        row("truncated header", std::vector<std::byte>(good.begin(), good.begin() + 12),
            "ends inside the header");
        row("too many tensors", patched(8, {std::byte(0xFF), std::byte(0xFF), std::byte(0xFF)}),
            "tensors, more than fit");

        GgufWriter dup = small_file();
        row(
            "duplicate tensor",
            [] {
                GgufWriter w = small_file();
                w.add_tensor("a.weight", GgmlType::F32, {1}, f32_bytes({1}));
                return w.serialize();
            }(),
            "tensor a.weight twice");
        row(
            "block mismatch",
            [] {
                GgufWriter w;
                w.add_tensor("q.weight", GgmlType::Q4_0, {48}, std::vector<std::byte>(27));
                return w.serialize();
            }(),
            "not whole Q4_0 blocks");
        row(
            "five dims",
            [] {
                GgufWriter w;
                w.add_tensor("t", GgmlType::F32, {1, 1, 1, 1, 1}, f32_bytes({1}));
                return w.serialize();
            }(),
            "5 dimensions");
        row(
            "zero dim",
            [] {
                GgufWriter w;
                w.add_tensor("t", GgmlType::F32, {4, 0}, {});
                return w.serialize();
            }(),
            "empty dimension");
        row(
            "element overflow",
            [] {
                GgufWriter w;
                w.add_tensor("t", GgmlType::F32, {uint64_t(1) << 32, uint64_t(1) << 32}, {});
                return w.serialize();
            }(),
            "element count overflows");
        // 2^62 F32 elements are 2^64 bytes, which wrapped to a size of 0.
        row(
            "byte size overflow",
            [] {
                GgufWriter w;
                w.add_tensor("t", GgmlType::F32, {uint64_t(1) << 62}, {});
                return w.serialize();
            }(),
            "size in bytes overflows");
        row(
            "bad alignment",
            [] {
                GgufWriter w = small_file();
                w.set_u32("general.alignment", 24);
                return w.serialize();
            }(),
            "power of two");

        // Hand-built metadata entries.
        row("unknown value type", one_entry([](auto& b) {
                test::put_string(b, "k");
                test::put_u32(b, 13);
            }),
            "unknown value type 13 in metadata k");
        row("string past end", one_entry([](auto& b) {
                test::put_string(b, "k");
                test::put_u32(b, 8);
                test::put_u64(b, 1000);
            }),
            "string running past the end of the file in metadata k");
        row("huge array", one_entry([](auto& b) {
                test::put_string(b, "k");
                test::put_u32(b, 9);
                test::put_u32(b, 10);
                test::put_u64(b, uint64_t(1) << 61);
            }),
            "running past the end of the file in metadata k");
        row("nested array", one_entry([](auto& b) {
                test::put_string(b, "k");
                test::put_u32(b, 9);
                test::put_u32(b, 9);
                test::put_u64(b, 1);
            }),
            "array of arrays");
        row("bad bool", one_entry([](auto& b) {
                test::put_string(b, "k");
                test::put_u32(b, 7);
                b.push_back(std::byte(2));
            }),
            "neither 0 nor 1");
        row("key past end", one_entry([](auto& b) {
                test::put_u64(b, 99);
                b.resize(b.size() + 20);
            }),
            "ends inside the key of metadata entry 0");
    }

    void namesEachDefect() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto* first = reinterpret_cast<const std::byte*>(bytes.constData());
        const std::vector<std::byte> b(first, first + bytes.size());
        const std::string error = parse_error(b);
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
        QVERIFY2(error.starts_with("test.gguf "), error.c_str());
    }

    void duplicateKeyIsRejected() {
        std::vector<std::byte> b;
        test::put_u32(b, 0x46554747);
        test::put_u32(b, 3);
        test::put_u64(b, 0);
        test::put_u64(b, 2);
        for (int i = 0; i < 2; ++i) {
            test::put_string(b, "general.name");
            test::put_u32(b, 4);
            test::put_u32(b, 1);
        }
        QVERIFY(QString::fromStdString(parse_error(b)).contains("general.name twice"));
    }

    void tensorPastEndIsNamed() {
        std::vector<std::byte> b = small_file().serialize();
        b.resize(b.size() - 32); // drop the padded data of the last tensor
        QVERIFY(QString::fromStdString(parse_error(b))
                    .contains("tensor b.weight extending past the end of the file"));
    }

    // A FIFO (or any file that is not a regular one) is refused at once: opening one for
    // reading would wait for a writer forever.
    void fifoIsRefusedWithoutWaiting() {
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath("model.gguf"));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        auto opened =
            std::async(std::launch::async, [&] { return gguf::File::open(fifo.toStdString()); });
        const bool returned =
            opened.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
        if (!returned) {
            ::close(::open(fifo.constData(), O_WRONLY | O_NONBLOCK)); // lets the reader go
        }
        const Result<gguf::File> file = opened.get();
        QVERIFY2(returned, "opening a FIFO waited for a writer");
        QVERIFY(!file.ok());
        QVERIFY2(file.error().message.find("is not a regular file") != std::string::npos,
                 file.error().message.c_str());
    }

    // parse_header() on every prefix of a file: a prefix that ends inside the header names the
    // length it needs (always more than it has, and enough: that prefix gets further), one
    // that holds the whole header parses with the same metadata and tensor infos, without
    // tensor bytes; a length the file itself cannot hold is an error, not a wish for more.
    void headerFromPrefixes() {
        const std::vector<std::byte> good = small_file().serialize();
        Result<gguf::File> full = gguf::File::parse(good);
        QVERIFY(full.ok());
        const uint64_t header_end = full->data_offset(); // from the full parse
        uint64_t smallest_complete = good.size();
        for (size_t n = 0; n <= good.size(); ++n) {
            uint64_t needed = 0;
            Result<gguf::File> head = gguf::File::parse_header(std::span(good).first(n),
                                                               good.size(), "test.gguf", &needed);
            if (head) {
                QCOMPARE(needed, uint64_t(0));
                smallest_complete = std::min<uint64_t>(smallest_complete, n);
                QVERIFY(head->header_only());
                QCOMPARE(head->tensors().size(), full->tensors().size());
                QCOMPARE(head->data_offset(), full->data_offset());
                QVERIFY(head->tensor_data(head->tensors().front()).empty());
                QCOMPARE(head->find("test.words")->strings().size(), size_t(4));
            } else {
                QVERIFY2(needed > n && needed <= header_end, qPrintable(QString::number(n)));
            }
        }
        QVERIFY(smallest_complete <= header_end && smallest_complete > header_end - 32);

        // A string longer than the whole file: no amount of prefix helps.
        std::vector<std::byte> lying = one_entry([](std::vector<std::byte>& out) {
            test::put_u64(out, 1000000); // key length
        });
        uint64_t needed = 7;
        QVERIFY(!gguf::File::parse_header(lying, 4096, "lying.gguf", &needed).ok());
        QCOMPARE(needed, uint64_t(0));
        // ... but one that fits in the file's declared size asks for it.
        QVERIFY(!gguf::File::parse_header(lying, 2000000, "long.gguf", &needed).ok());
        QCOMPARE(needed, uint64_t(lying.size() + 1000000));
    }

    void everyTruncationFailsCleanly() {
        const std::vector<std::byte> good = small_file().serialize();
        Result<gguf::File> full = gguf::File::parse(good);
        QVERIFY(full.ok());
        const gguf::TensorInfo& last = full->tensors().back();
        const size_t end = full->data_offset() + last.offset + last.bytes; // then only padding
        for (size_t n = 0; n < end; ++n) {
            std::vector<std::byte> cut(good.begin(), good.begin() + n);
            QVERIFY2(!gguf::File::parse(cut).ok(), qPrintable(QString::number(n)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGgufFile)
#include "tst_gguf_file.moc"
