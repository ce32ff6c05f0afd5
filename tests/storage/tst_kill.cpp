// Crash safety for real: storage_kill_child chats into a database and is killed with
// SIGKILL at random moments (while opening, committing a question, streaming, checkpointing,
// finishing). After each kill the database must pass PRAGMA integrity_check, every
// committed message must be intact, and the answer being written must hold a prefix of its
// text that lost at most one checkpoint interval. The next child's open marks it
// interrupted. Trials: 60, or HEARTH_KILL_TRIALS (tests/bench/storage_kill_soak.sh: 1000).
#include "conversationstore.h"
#include "killprotocol.h"
#include "storetest.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <map>
#include <random>

using namespace hearth::storage;
using hearth::Result;

namespace {

constexpr int kIntervalMs = 100; // checkpoint interval of the child
constexpr int kTokenUs = 1000;   // one token a millisecond, ~100 per checkpoint
// Scheduling noise allowed on top of one interval when measuring the lost time: the child's
// timestamps are taken after append() returns, on a machine that may be busy.
constexpr int kSlackMs = 50;

std::string answer_text(int64_t tokens) {
    std::string text;
    for (int64_t i = 0; i < tokens; ++i) {
        text += kill_test_token(i);
    }
    return text;
}

// What one child reported before it died.
struct Report {
    bool opened = false;
    std::vector<std::pair<int64_t, std::string>> questions;
    std::vector<std::pair<int64_t, int64_t>> finished; // answer id, tokens
    std::optional<int64_t> answer;                     // being written when killed
    std::vector<int64_t> token_us;                     // appended tokens' times
    int64_t checkpointed = 0;                          // tokens in the last checkpoint
};

Report parse(const QByteArray& output) {
    Report r;
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the last piece is incomplete
        const QByteArray& line = lines[i];
        const QList<QByteArray> f = line.split(' ');
        if (line == "O") {
            r.opened = true;
        } else if (line.startsWith("U ")) {
            r.questions.emplace_back(f[1].toLongLong(),
                                     line.mid(f[0].size() + f[1].size() + 2).toStdString());
        } else if (line.startsWith("A ")) {
            r.answer = f[1].toLongLong();
            r.token_us.clear();
            r.checkpointed = 0;
        } else if (line.startsWith("T ")) {
            r.token_us.push_back(f[2].toLongLong());
        } else if (line.startsWith("C ")) {
            r.checkpointed = f[1].toLongLong() + 1;
        } else if (line.startsWith("F ")) {
            r.finished.emplace_back(f[1].toLongLong(), f[2].toLongLong());
            r.answer.reset();
        }
    }
    return r;
}

} // namespace

class TestKill : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::map<int64_t, std::string> intact_; // committed message id -> text
    std::map<int64_t, std::string> cut_;    // answers cut off by a kill -> kept text
    int64_t max_lost_tokens_ = 0, max_lost_bytes_ = 0, max_lost_us_ = 0;
    int killed_streaming_ = 0, fresh_ = 0;

    QByteArray run_child(const QString& db, unsigned seed, int kill_after_ms) {
        QProcess child;
        child.start(
            QStringLiteral(HEARTH_KILL_CHILD),
            {db, QString::number(seed), QString::number(kIntervalMs), QString::number(kTokenUs)});
        if (!child.waitForStarted()) {
            return "not started";
        }
        QThread::msleep(static_cast<unsigned long>(kill_after_ms));
        child.kill(); // SIGKILL
        child.waitForFinished();
        return child.readAllStandardOutput();
    }

    // Checks the database after a kill; fills `failure` with the first problem found.
    void verify(const QString& db, const Report& report, std::string& failure) {
        auto store = ConversationStore::open(db.toStdString(), {false}); // look, change nothing
        if (!store) {
            failure = "cannot open after the kill: " + store.error().message;
            return;
        }
        if (store->database().pragma("integrity_check").value() != "ok" ||
            !store->database().pragma("foreign_key_check").value().empty()) {
            failure = "the database is damaged";
            return;
        }
        for (const auto& [id, text] : report.questions) {
            intact_[id] = text;
        }
        for (const auto& [id, tokens] : report.finished) {
            intact_[id] = answer_text(tokens);
        }
        for (const auto& [id, text] : intact_) {
            auto m = store->message(id);
            if (!m || m->content != text || m->status != MessageStatus::Done) {
                failure = "committed message " + std::to_string(id) + " is not intact";
                return;
            }
        }
        for (const auto& [id, text] : cut_) {
            auto m = store->message(id);
            const bool recovered = m && m->status == MessageStatus::Interrupted;
            if (!m || m->content != text || (report.opened && !recovered)) {
                failure = "cut-off answer " + std::to_string(id) + " was not kept as interrupted";
                return;
            }
        }
        if (report.answer) {
            check_cut_answer(*store, report, failure);
        }
    }

    void check_cut_answer(ConversationStore& store, const Report& report, std::string& failure) {
        auto m = store.message(*report.answer);
        if (!m) {
            failure = "the answer row committed before streaming is missing";
            return;
        }
        const auto appended = static_cast<int64_t>(report.token_us.size());
        int64_t stored = 0;
        std::string prefix;
        while (prefix.size() < m->content.size()) {
            prefix += kill_test_token(stored++);
        }
        if (prefix != m->content || stored < report.checkpointed || stored > appended + 1) {
            failure = "answer " + std::to_string(m->id) + " holds \"" + m->content +
                      "\", not the committed prefix";
            return;
        }
        if (m->status == MessageStatus::Done) { // finished, killed before reporting it
            intact_[m->id] = m->content;
            return;
        }
        if (m->status != MessageStatus::Streaming) {
            failure = "the answer being written is " + std::string(to_string(m->status));
            return;
        }
        ++killed_streaming_;
        cut_[m->id] = m->content;
        if (stored >= appended) {
            return; // nothing lost
        }
        const int64_t lost_us = report.token_us.back() - report.token_us[stored];
        max_lost_tokens_ = std::max(max_lost_tokens_, appended - stored);
        max_lost_bytes_ = std::max(
            max_lost_bytes_, static_cast<int64_t>(answer_text(appended).size() - prefix.size()));
        max_lost_us_ = std::max(max_lost_us_, lost_us);
        if (lost_us > (kIntervalMs + kSlackMs) * 1000) {
            failure = "lost " + std::to_string(lost_us / 1000) + " ms of text, more than one " +
                      std::to_string(kIntervalMs) + " ms checkpoint interval";
        }
    }

private slots:
    void killedAtRandomMoments() {
        const int trials = qEnvironmentVariableIsSet("HEARTH_KILL_TRIALS")
                               ? qEnvironmentVariableIntValue("HEARTH_KILL_TRIALS")
                               : 60;
        const unsigned seed =
            qEnvironmentVariableIsSet("HEARTH_KILL_SEED")
                ? static_cast<unsigned>(qEnvironmentVariableIntValue("HEARTH_KILL_SEED"))
                : 20260101u;
        std::mt19937 random(seed);
        const QString db = dir_.filePath(QStringLiteral("killed.db"));
        for (int trial = 0; trial < trials; ++trial) {
            std::string failure;
            if (trial % 10 == 5) {
                // A brand-new file killed while it is created and migrated.
                const QString fresh = dir_.filePath(QStringLiteral("fresh-%1.db").arg(trial));
                run_child(fresh, random(), static_cast<int>(random() % 15));
                auto store = ConversationStore::open(fresh.toStdString());
                if (!store || store->database().pragma("integrity_check").value() != "ok") {
                    failure = "a database killed while being created does not open";
                }
                ++fresh_;
            } else {
                const QByteArray output = run_child(db, random(), static_cast<int>(random() % 600));
                if (output == "not started") {
                    failure = "storage_kill_child did not start";
                } else {
                    verify(db, parse(output), failure);
                }
            }
            QVERIFY2(failure.empty(), ("trial " + std::to_string(trial) + " (seed " +
                                       std::to_string(seed) + "): " + failure)
                                          .c_str());
        }
        // The app's open recovers everything and leaves a consistent search index.
        STORE_OK(store, ConversationStore::open(db.toStdString()));
        QCOMPARE(
            storetest::count(*store, "SELECT count(*) FROM messages WHERE status = 'streaming'"),
            int64_t(0));
        QVERIFY(storetest::search_index_consistent(*store));
        QVERIFY(intact_.size() > 10);
        QVERIFY(killed_streaming_ > trials / 4); // the kills did land mid-answer
        std::printf("kill-test trials=%d fresh_db_trials=%d killed_while_streaming=%d "
                    "committed_messages_checked=%zu max_lost_tokens=%lld max_lost_bytes=%lld "
                    "max_lost_ms=%.1f checkpoint_interval_ms=%d\n",
                    trials, fresh_, killed_streaming_, intact_.size(),
                    static_cast<long long>(max_lost_tokens_),
                    static_cast<long long>(max_lost_bytes_), max_lost_us_ / 1000.0, kIntervalMs);
    }
};

QTEST_GUILESS_MAIN(TestKill)
#include "tst_kill.moc"
