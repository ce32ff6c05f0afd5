// Helpers shared by the storage tests: a real database file in a temporary folder, sample
// provenance, and checks that print the error a Result carries.
#pragma once

#include "conversationstore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <string>

// Evaluates a Result-returning expression into `var`; fails the test with its error.
#define STORE_OK(var, expr)                                                                        \
    auto var = (expr);                                                                             \
    QVERIFY2(var.ok(), var.ok() ? "" : var.error().message.c_str())

// Fails the test unless `expr` (a Result) succeeded.
#define CHECK_OK(expr)                                                                             \
    do {                                                                                           \
        auto check_ok_result = (expr);                                                             \
        QVERIFY2(check_ok_result.ok(),                                                             \
                 check_ok_result.ok() ? "" : check_ok_result.error().message.c_str());             \
    } while (false)

// Fails the test unless `expr` failed with an error message containing `text`.
#define CHECK_ERROR(expr, text)                                                                    \
    do {                                                                                           \
        auto check_error_result = (expr);                                                          \
        QVERIFY2(!check_error_result.ok(), "expected an error: " text);                            \
        QVERIFY2(check_error_result.error().message.find(text) != std::string::npos,               \
                 check_error_result.error().message.c_str());                                      \
    } while (false)

namespace storetest {

inline std::string db_path(const QTemporaryDir& dir, const char* name = "conversations.db") {
    return dir.filePath(QString::fromLatin1(name)).toStdString();
}

// A fixed clock that moves one second per call, for repeatable times and order.
struct SteppingClock {
    int64_t next = 1'700'000'000'000;
    int64_t operator()() {
        next += 1000;
        return next;
    }
};

inline hearth::storage::Provenance sample_provenance() {
    hearth::storage::Provenance p;
    p.model_name = "Qwen3 1.7B";
    p.model_file = "Qwen3-1.7B-Q4_K_M.gguf";
    p.model_sha256 = std::string(64, 'a');
    p.architecture = "qwen3";
    p.quant = "Q4_K_M";
    p.backend = "vulkan";
    p.device = "AMD Radeon RX 7600 (RADV NAVI33)";
    using hearth::SamplingField;
    p.sampling[SamplingField::Temperature] = 0.7;
    p.sampling[SamplingField::TopK] = 40;
    p.sampling[SamplingField::TopP] = 0.95;
    p.sampling[SamplingField::MinP] = 0.05;
    p.sampling[SamplingField::RepeatPenalty] = 1.1;
    p.sampling[SamplingField::FrequencyPenalty] = 0.0;
    p.sampling[SamplingField::PresencePenalty] = 0.25;
    p.sampling[SamplingField::PenaltyLastN] = 64;
    p.seed = 18446744073709551615ull; // all 64 bits set: survives the signed column
    p.max_tokens = 4096;
    p.context_length = 8192;
    p.system_prompt = "You are a helpful assistant.";
    p.chat_template_sha256 = std::string(64, 'b');
    return p;
}

inline QByteArray file_sha256(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Number of rows `sql` (a SELECT count(*) ...) reports, or -1 on error.
inline int64_t count(hearth::storage::ConversationStore& store, const char* sql) {
    auto stmt = store.database().prepare(sql);
    if (!stmt || !stmt->step().ok()) {
        return -1;
    }
    return stmt->integer(0);
}

// FTS5's own consistency check of the search index against the messages table.
inline bool search_index_consistent(hearth::storage::ConversationStore& store) {
    return store.database()
        .exec("INSERT INTO message_search(message_search, rank) VALUES ('integrity-check', 1)")
        .ok();
}

} // namespace storetest
