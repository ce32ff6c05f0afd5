// Conversation store benchmark: fills a database through the store's own API (every message
// its own transaction, as in the app), then times what the UI waits for. Prints one JSON
// object on stdout (machine-readable) and a summary on stderr. Never fails on timing; it
// fails only when the store returns wrong results.
//
//   storage_bench [--conversations N] [--messages N] [--largest N] [--db PATH]
//
// Defaults: 1000 conversations, 100000 messages, the largest conversation 10000 messages
// long (one path root to leaf, with a regenerated sibling every 10th answer elsewhere).
// Targets (issue 6): largest active path < 50 ms, search < 50 ms, checkpoint commit < 2 ms
// median and p99.
#include "conversationstore.h"
#include "streamingmessage.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace hearth::storage;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: next to wall time it shows what the store itself costs on a busy
// machine, where waiting for a core inflates wall times.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Times `work` as wall and CPU milliseconds.
struct Timing {
    double wall;
    double cpu;
};
template <class F> Timing timed(F&& work) {
    const auto start = Clock::now();
    const double cpu = cpu_ms();
    work();
    return {ms_since(start), cpu_ms() - cpu};
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// Words with a Zipf-like spread (word i about 1/(i+1) as frequent), so searches for common
// words meet many rows and rare words few, as in real chats.
class Text {
public:
    explicit Text(unsigned seed) : random_(seed) {
        for (int i = 0; i < 5000; ++i) {
            std::string word;
            unsigned n = static_cast<unsigned>(i) * 2654435761u;
            for (int letters = 3 + i % 6; letters > 0; --letters, n /= 23) {
                word += static_cast<char>('a' + n % 23);
            }
            words_.push_back(word);
        }
    }
    std::string sentence(int words) {
        std::string s;
        for (int i = 0; i < words; ++i) {
            const double u = std::uniform_real_distribution<double>(0, 1)(random_);
            const auto index = static_cast<size_t>(std::pow(5000.0, u)) - 1;
            s += words_[std::min(index, words_.size() - 1)];
            s += i % 12 == 11 ? ". " : " ";
        }
        return s;
    }
    const std::string& word(size_t rank) const { return words_[rank]; }
    std::mt19937& random() { return random_; }

private:
    std::mt19937 random_;
    std::vector<std::string> words_;
};

int64_t arg(int argc, char** argv, const char* name, int64_t fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return std::stoll(argv[i + 1]);
        }
    }
    return fallback;
}

int fail(const std::string& what) {
    std::fprintf(stderr, "storage_bench: %s\n", what.c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int64_t conversations = arg(argc, argv, "--conversations", 1000);
    const int64_t messages = arg(argc, argv, "--messages", 100000);
    const int64_t largest = arg(argc, argv, "--largest", 10000);
    QTemporaryDir dir;
    std::string path = dir.filePath(QStringLiteral("bench.db")).toStdString();
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--db") == 0) {
            path = argv[i + 1];
        }
    }
    if (conversations < 2 || largest < 2 || messages < largest + 2 * (conversations - 1)) {
        return fail("need at least 2 conversations and room for --largest messages");
    }
    Text text(7);
    int64_t big_id = 0;
    double insert_ms = 0;
    {
        auto store = ConversationStore::open(path);
        if (!store) {
            return fail(store.error().message);
        }
        const auto start = Clock::now();
        int64_t left = messages - largest; // for the other conversations, spread evenly
        for (int64_t c = 0; c < conversations; ++c) {
            auto conversation = store->create_conversation({text.sentence(4), {}, {}, {}});
            if (!conversation) {
                return fail(conversation.error().message);
            }
            int64_t count = largest;
            if (c == 0) {
                big_id = conversation->id;
            } else {
                count = left / (conversations - c);
                left -= count;
            }
            std::optional<int64_t> parent;
            for (int64_t m = 0; m < count; ++m) {
                const bool user = m % 2 == 0;
                const int words = user ? 8 + static_cast<int>(text.random()() % 30)
                                       : 30 + static_cast<int>(text.random()() % 200);
                auto added =
                    store->add_message(conversation->id, parent,
                                       user ? Role::User : Role::Assistant, text.sentence(words));
                if (!added) {
                    return fail(added.error().message);
                }
                // Now and then a regenerated answer: a sibling, so the tree has branches.
                if (!user && c > 0 && m % 20 == 1 && m + 1 < count) {
                    added = store->add_message(conversation->id, parent, Role::Assistant,
                                               text.sentence(words));
                    if (!added) {
                        return fail(added.error().message);
                    }
                    ++m;
                }
                parent = added->id;
            }
        }
        insert_ms = ms_since(start);
    }
    // Open the largest conversation as the app does after a restart: a fresh connection.
    std::vector<double> open_ms, open_cpu_ms;
    Timing first_open{};
    size_t path_length = 0;
    {
        std::optional<ConversationStore> store;
        hearth::Result<std::vector<Message>> path_messages = std::vector<Message>();
        first_open = timed([&] {
            auto opened = ConversationStore::open(path);
            if (opened) {
                store.emplace(std::move(opened).value());
                path_messages = store->active_path(big_id);
            }
        });
        if (!store || !path_messages) {
            return fail("cannot open the largest conversation");
        }
        path_length = path_messages->size();
        for (int i = 0; i < 20; ++i) {
            const Timing t = timed([&] { path_messages = store->active_path(big_id); });
            open_ms.push_back(t.wall);
            open_cpu_ms.push_back(t.cpu);
        }
    }
    auto store = ConversationStore::open(path);
    if (!store) {
        return fail(store.error().message);
    }
    // Searches: the most common word, a mid-frequency one, a rare one, two words, a prefix.
    const std::vector<std::string> queries = {text.word(0), text.word(40), text.word(4000),
                                              text.word(3) + " " + text.word(25),
                                              text.word(100).substr(0, 3)};
    std::string search_json;
    double search_worst = 0, search_worst_cpu = 0;
    for (const std::string& query : queries) {
        std::vector<double> times, cpu_times;
        size_t hits = 0;
        for (int i = 0; i < 10; ++i) {
            hearth::Result<std::vector<SearchHit>> found = std::vector<SearchHit>();
            const Timing t = timed([&] { found = store->search(query); });
            times.push_back(t.wall);
            cpu_times.push_back(t.cpu);
            if (!found) {
                return fail(found.error().message);
            }
            hits = found->size();
        }
        const double median = percentile(times, 0.5);
        const double cpu = percentile(cpu_times, 0.5);
        search_worst = std::max(search_worst, median);
        search_worst_cpu = std::max(search_worst_cpu, cpu);
        char entry[256];
        std::snprintf(entry, sizeof entry,
                      "%s{\"query\": \"%s\", \"hits\": %zu, \"median_ms\": %.2f, "
                      "\"median_cpu_ms\": %.2f}",
                      search_json.empty() ? "" : ", ", query.c_str(), hits, median, cpu);
        search_json += entry;
    }
    // Checkpoints of a growing answer, each its own commit, as while streaming.
    std::vector<double> checkpoint_ms, checkpoint_cpu_ms;
    {
        auto conversation_path = store->active_path(big_id);
        if (!conversation_path || conversation_path->empty()) {
            return fail("the largest conversation has no path");
        }
        auto streaming = store->begin_answer(big_id, conversation_path->back().id, {});
        if (!streaming) {
            return fail(streaming.error().message);
        }
        for (int i = 0; i < 1000; ++i) {
            if (auto r = streaming->append(text.sentence(8)); !r) {
                return fail(r.error().message);
            }
            hearth::Result<void> r;
            const Timing t = timed([&] { r = streaming->checkpoint(); });
            if (!r) {
                return fail(r.error().message);
            }
            checkpoint_ms.push_back(t.wall);
            checkpoint_cpu_ms.push_back(t.cpu);
        }
        if (auto r = streaming->finish(MessageStatus::Done, FinishReason::Eos); !r) {
            return fail(r.error().message);
        }
    }
    const double rate = static_cast<double>(messages) / (insert_ms / 1000.0);
    const double open_median = percentile(open_ms, 0.5);
    const double cp_median = percentile(checkpoint_ms, 0.5);
    const double cp_p99 = percentile(checkpoint_ms, 0.99);
    const qint64 bytes = QFileInfo(QString::fromStdString(path)).size();
    std::printf("{\"benchmark\": \"storage\", \"conversations\": %lld, \"messages\": %lld, "
                "\"largest_path\": %zu, \"insert_seconds\": %.2f, \"insert_messages_per_s\": %.0f, "
                "\"open_largest_first_ms\": %.2f, \"open_largest_first_cpu_ms\": %.2f, "
                "\"largest_path_median_ms\": %.2f, \"largest_path_median_cpu_ms\": %.2f, "
                "\"search\": [%s], \"checkpoint_median_ms\": %.3f, \"checkpoint_p99_ms\": %.3f, "
                "\"checkpoint_max_ms\": %.3f, \"checkpoint_median_cpu_ms\": %.3f, "
                "\"checkpoint_p99_cpu_ms\": %.3f, \"database_bytes\": %lld}\n",
                static_cast<long long>(conversations), static_cast<long long>(messages),
                path_length, insert_ms / 1000.0, rate, first_open.wall, first_open.cpu, open_median,
                percentile(open_cpu_ms, 0.5), search_json.c_str(), cp_median, cp_p99,
                percentile(checkpoint_ms, 1.0), percentile(checkpoint_cpu_ms, 0.5),
                percentile(checkpoint_cpu_ms, 0.99), static_cast<long long>(bytes));
    std::fprintf(stderr,
                 "inserted %lld messages in %lld conversations: %.0f messages/s\n"
                 "open + active path of %zu messages: %.2f ms first, %.2f ms median (target "
                 "50)\nsearch: %.2f ms worst median, %.2f ms CPU (target 50)\n"
                 "checkpoint commit: %.3f ms median, %.3f ms p99 (target 2)\n",
                 static_cast<long long>(messages), static_cast<long long>(conversations), rate,
                 path_length, first_open.wall, open_median, search_worst, search_worst_cpu,
                 cp_median, cp_p99);
    if (path_length != static_cast<size_t>(largest)) {
        return fail("the largest conversation's path has " + std::to_string(path_length) +
                    " messages, not " + std::to_string(largest));
    }
    return 0;
}
