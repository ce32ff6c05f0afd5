// Opening a conversation with attachments against one without (issue 21: "as fast as
// without"). Two conversations of the same shape are written through the store's API: TURNS
// questions and answers, in one of them every question carrying two files (a PDF-like text
// of PAGES pages of about 3 KB each, and a short note; every text different, so nothing is
// shared). Opening is timed the way the app opens one: the shown path read from the store
// (ConversationStore::active_path, which reads the attachments' names and sizes but none of
// their text) and handed to the chat's list model, whose rows the view then reads, the
// attachment chips included. Prints one JSON object on stdout and a summary on stderr; never
// fails on timing.
//
//   attachment_bench [--turns N] [--pages N] [--runs N]
#include "conversationstore.h"
#include "messagelistmodel.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace hearth::storage;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double percentile90(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(double(v.size() - 1) * 0.9 + 0.5))];
}

std::string page_text(int turn, int page) {
    std::string text;
    while (text.size() < 3000) {
        text += "Turn " + std::to_string(turn) + ", page " + std::to_string(page) +
                ": the harbour timetable lists ferries, buses and their connections. ";
    }
    return text;
}

struct OpenTime {
    double store; // reading the path
    double total; // and showing it
};

// Opens `conversation` as the app does.
OpenTime open_once(ConversationStore& store, int64_t conversation, MessageListModel& model) {
    const auto start = Clock::now();
    auto path = store.active_path(conversation);
    if (!path) {
        std::fprintf(stderr, "error: %s\n", path.error().message.c_str());
        std::exit(1);
    }
    const double read = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    model.setMessages({});
    model.setMessages(*path);
    int chips = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        chips +=
            int(model.data(model.index(row), MessageListModel::AttachmentsRole).toList().size());
        (void)model.data(model.index(row), MessageListModel::ContentRole);
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (chips < 0) {
        std::exit(1);
    }
    return {read, ms};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int turns = 200, pages = 20, runs = 30;
    for (int i = 1; i + 1 < argc; i += 2) {
        const int value = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--turns")) {
            turns = value;
        } else if (!std::strcmp(argv[i], "--pages")) {
            pages = value;
        } else if (!std::strcmp(argv[i], "--runs")) {
            runs = value;
        }
    }
    QTemporaryDir dir;
    auto store = ConversationStore::open(dir.filePath("bench.db").toStdString());
    if (!store) {
        std::fprintf(stderr, "error: %s\n", store.error().message.c_str());
        return 1;
    }
    int64_t attached_bytes = 0;
    int64_t ids[2] = {0, 0};
    for (int with = 0; with < 2; ++with) {
        auto c = store->create_conversation({with ? "with files" : "without files", {}, {}, {}});
        ids[with] = c->id;
        std::optional<int64_t> parent;
        for (int t = 0; t < turns; ++t) {
            std::vector<NewAttachment> files;
            if (with) {
                NewAttachment pdf;
                pdf.info.file_name = "report-" + std::to_string(t) + ".pdf";
                pdf.info.kind = AttachmentKind::Pdf;
                for (int p = 0; p < pages; ++p) {
                    pdf.pages.push_back(page_text(t, p));
                    attached_bytes += int64_t(pdf.pages.back().size());
                }
                NewAttachment note;
                note.info.file_name = "note-" + std::to_string(t) + ".md";
                note.info.kind = AttachmentKind::Markdown;
                note.pages = {"# Note " + std::to_string(t) + "\n\nRemember the ferry.\n"};
                files = {pdf, note};
            }
            auto q = store->add_message(c->id, parent, Role::User,
                                        "Question " + std::to_string(t) + "?", {}, files);
            auto a = store->add_message(c->id, q->id, Role::Assistant,
                                        "Answer " + std::to_string(t) + ".");
            parent = a->id;
        }
    }
    MessageListModel model;
    std::vector<double> times[2], reads[2];
    for (int r = 0; r < runs + 2; ++r) {
        for (int with = 0; with < 2; ++with) { // alternating, so both see the same machine
            const OpenTime t = open_once(*store, ids[with], model);
            if (r >= 2) { // the first two warm the page cache and the statement cache
                times[with].push_back(t.total);
                reads[with].push_back(t.store);
            }
        }
    }
    const double plain = median(times[0]), attached = median(times[1]);
    std::printf("{\"benchmark\": \"attachment_open\", \"turns\": %d, \"messages\": %d, "
                "\"files\": %d, \"pages_per_pdf\": %d, \"attached_text_bytes\": %lld, "
                "\"runs\": %d, \"open_without_ms_median\": %.3f, \"open_without_ms_p90\": %.3f, "
                "\"open_with_ms_median\": %.3f, \"open_with_ms_p90\": %.3f, \"ratio\": %.3f, "
                "\"store_without_ms_median\": %.3f, \"store_with_ms_median\": %.3f}\n",
                turns, 2 * turns, 2 * turns, pages, static_cast<long long>(attached_bytes), runs,
                plain, percentile90(times[0]), attached, percentile90(times[1]), attached / plain,
                median(reads[0]), median(reads[1]));
    std::fprintf(stderr,
                 "open %d messages: without files %.2f ms, with %d files (%.1f MB of text) "
                 "%.2f ms (median of %d)\n",
                 2 * turns, plain, 2 * turns, double(attached_bytes) / 1e6, attached, runs);
    return 0;
}
