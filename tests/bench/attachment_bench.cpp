// Opening a conversation with attachments against one without (issue 21: "as fast as
// without"). Two conversations of the same shape are written through the store's API: TURNS
// questions and answers, in one of them every question carrying two files (a PDF-like text
// of PAGES pages of about 3 KB each, and a short note; every text different, so nothing is
// shared).
//
// Opening is timed as ChatController::reloadPath does it: the shown path read from the store
// without the files (ConversationStore::active_path, PathFiles::Deferred), handed to the
// chat's list model, then the roles of the rows the chat view's ListView creates delegates
// for: it lays out the first rows, then positions at the end (ChatView.qml), each time the
// viewport and its 800 px cache buffer, which short messages fill with fewer than VIEW rows
// at each end. Their chips are looked up then (MessageListModel::ensureFiles). Beside it,
// in the same run: "listed", the way before this change (every file of the path listed by
// active_path, PathFiles::Listed, and no lookup), and "all rows" (every row read, as
// scrolling through the whole conversation does). Prints one JSON object on stdout and a
// summary on stderr; never fails on timing.
//
//   attachment_bench [--turns N] [--pages N] [--runs N] [--view N]
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

// How a conversation is opened: the app's way (files deferred, chips looked up for the rows
// shown) or the earlier one (every file listed with the path).
enum class Way { Deferred, Listed };

struct Case {
    Way way;
    bool all_rows; // every row read, not only those the view shows on opening
    const char* name;
};
constexpr Case kCases[] = {{Way::Deferred, false, "open"},
                           {Way::Listed, false, "open_listed"},
                           {Way::Deferred, true, "all_rows"},
                           {Way::Listed, true, "all_rows_listed"}};

void read_row(MessageListModel& model, int row, const QList<int>& roles, int& chips) {
    for (int role : roles) {
        const QVariant value = model.data(model.index(row), role);
        if (role == MessageListModel::AttachmentsRole) {
            chips += int(value.toList().size());
        }
    }
}

// Opens `conversation` in `model` the way `c` says; `view` rows at each end are read.
OpenTime open_once(ConversationStore& store, int64_t conversation, MessageListModel& model,
                   const Case& c, int view, int& chips) {
    const auto start = Clock::now();
    auto path = store.active_path(conversation,
                                  c.way == Way::Deferred ? PathFiles::Deferred : PathFiles::Listed);
    if (!path) {
        std::fprintf(stderr, "error: %s\n", path.error().message.c_str());
        std::exit(1);
    }
    const double read = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    model.setMessages({});
    model.setMessages(*path);
    const QList<int> roles = model.roleNames().keys();
    const int rows = model.rowCount();
    const int head = c.all_rows ? rows : std::min(view, rows);
    for (int row = 0; row < head; ++row) {
        read_row(model, row, roles, chips);
    }
    for (int row = std::max(head, rows - view); row < rows; ++row) {
        read_row(model, row, roles, chips);
    }
    return {read, std::chrono::duration<double, std::milli>(Clock::now() - start).count()};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int turns = 200, pages = 20, runs = 30, view = 24;
    for (int i = 1; i + 1 < argc; i += 2) {
        const int value = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--turns")) {
            turns = value;
        } else if (!std::strcmp(argv[i], "--pages")) {
            pages = value;
        } else if (!std::strcmp(argv[i], "--runs")) {
            runs = value;
        } else if (!std::strcmp(argv[i], "--view")) {
            view = value;
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
    // The app's model looks the chips up as ChatController does; the earlier way had none.
    MessageListModel deferred, listed;
    deferred.setAttachmentLookup([&](std::span<const int64_t> message_ids) {
        auto files = store->attachments_of(message_ids);
        return files ? std::move(*files) : std::vector<std::vector<Attachment>>();
    });
    constexpr size_t kCaseCount = std::size(kCases);
    std::vector<double> times[kCaseCount][2], reads[kCaseCount][2];
    int chips[kCaseCount][2] = {};
    for (int r = 0; r < runs + 2; ++r) {
        for (size_t c = 0; c < kCaseCount; ++c) {
            for (int k = 0; k < 2; ++k) {           // interleaved: all see the same machine
                const int with = r % 2 ? 1 - k : k; // and each goes first every other run
                MessageListModel& model = kCases[c].way == Way::Deferred ? deferred : listed;
                chips[c][with] = 0;
                const OpenTime t =
                    open_once(*store, ids[with], model, kCases[c], view, chips[c][with]);
                if (r >= 2) { // the first two warm the page cache and the statement cache
                    times[c][with].push_back(t.total);
                    reads[c][with].push_back(t.store);
                }
            }
        }
    }
    for (size_t c = 0; c < kCaseCount; ++c) { // the chips shown are the files stored
        const int expected = kCases[c].all_rows ? 2 * turns : 2 * std::min(turns, view);
        if (chips[c][0] != 0 || chips[c][1] != expected) {
            std::fprintf(stderr, "error: %s read %d chips, expected %d\n", kCases[c].name,
                         chips[c][1], expected);
            return 1;
        }
    }
    std::printf("{\"benchmark\": \"attachment_open\", \"measures\": \"ChatController::reloadPath:"
                " active_path (files deferred), MessageListModel::setMessages, every role of the"
                " first and last %d rows (the delegates the chat view creates on opening)\", "
                "\"turns\": %d, \"messages\": %d, \"files\": %d, \"pages_per_pdf\": %d, "
                "\"attached_text_bytes\": %lld, \"runs\": %d, \"view_rows\": %d",
                view, turns, 2 * turns, 2 * turns, pages, static_cast<long long>(attached_bytes),
                runs, view);
    for (size_t c = 0; c < kCaseCount; ++c) {
        const char* n = kCases[c].name;
        const double plain = median(times[c][0]), attached = median(times[c][1]);
        std::printf(", \"%s_without_ms_median\": %.3f, \"%s_without_ms_p90\": %.3f, "
                    "\"%s_with_ms_median\": %.3f, \"%s_with_ms_p90\": %.3f, \"%s_ratio\": %.3f, "
                    "\"%s_store_without_ms_median\": %.3f, \"%s_store_with_ms_median\": %.3f, "
                    "\"%s_chips_read\": %d",
                    n, plain, n, percentile90(times[c][0]), n, attached, n,
                    percentile90(times[c][1]), n, attached / plain, n, median(reads[c][0]), n,
                    median(reads[c][1]), n, chips[c][1]);
        std::fprintf(stderr,
                     "%-16s %d messages: without files %.3f ms, with %d files (%.1f MB of text) "
                     "%.3f ms, ratio %.2f (median of %d)\n",
                     n, 2 * turns, plain, 2 * turns, double(attached_bytes) / 1e6, attached,
                     attached / plain, runs);
    }
    std::printf("}\n");
    return 0;
}
