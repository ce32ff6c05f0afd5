// Document collection benchmark (issue 21): generates a folder of documents (half PDFs
// written with QPdfWriter, half text files; by default 1,000 documents and about 10,000
// pages), indexes it through the app's own pass and extractor (FolderIndexer with
// hearth_documents, on this thread), passes over it again with nothing changed, then times
// retrieval (Bm25Retriever) for planted questions and random keyword questions. Next to each
// retrieval time, the same run's plain FTS5 BM25 query (no re-ranking, the baseline the
// re-ranking adds to). Prints one JSON object on stdout and a summary on stderr; never fails
// on timing, only when a planted passage is not found first in most questions.
//
//   collections_bench [--documents N] [--pdf-pages N] [--queries N] [--dir PATH]
//
// Target: retrieval median < 50 ms over the full index.
#include "bm25retriever.h"
#include "folderindexer.h"
#include "indexdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

using namespace hearth::collections;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process: on a busy machine (the benchmark shares its cores), wall time
// includes waiting for a core; CPU time is what the work itself costs.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// A vocabulary of made-up words with a skewed (Zipf-like) frequency, so that some words are
// in most chunks and most are rare, as in real text.
struct Vocabulary {
    std::vector<QString> words;
    explicit Vocabulary(std::mt19937& rng, int size) {
        static const char* syllables[] = {"ka", "lo", "mi",  "ren", "tu", "sa", "vel", "dor",
                                          "in", "ba", "qua", "te",  "ro", "fi", "nal", "us"};
        std::uniform_int_distribution<int> pick(0, 15);
        std::uniform_int_distribution<int> length(1, 4);
        for (int i = 0; i < size; ++i) {
            QString w;
            for (int s = length(rng); s > 0; --s) {
                w += QLatin1String(syllables[pick(rng)]);
            }
            words.push_back(w + QString::number(i % 7));
        }
    }
    QString word(std::mt19937& rng) const {
        std::uniform_real_distribution<double> u(0, 1);
        const double x = u(rng);
        return words[size_t(double(words.size() - 1) * x * x * x)];
    }
    QString text(std::mt19937& rng, int n) const {
        QStringList out;
        for (int i = 0; i < n; ++i) {
            out.append(word(rng));
        }
        return out.join(QLatin1Char(' '));
    }
};

void writePdf(const QString& path, const QStringList& pages) {
    QPdfWriter writer(path);
    writer.setResolution(72);
    QPainter painter(&writer);
    QFont font = painter.font();
    font.setPointSize(8);
    painter.setFont(font);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0) {
            writer.newPage();
        }
        painter.drawText(QRect(0, 0, writer.width(), writer.height()), Qt::TextWordWrap, pages[i]);
    }
}

qint64 fileBytes(const QString& path) {
    qint64 total = 0;
    for (const char* suffix : {"", "-wal"}) {
        total += QFileInfo(path + QLatin1String(suffix)).size();
    }
    return total;
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv); // QPdfWriter needs fonts
    int documents = 1000;
    int pdfPages = 19; // pages of each PDF; each text file is one page
    int queries = 200;
    QString dirPath;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--documents")) {
            documents = std::max(2, std::atoi(argv[i + 1]));
        } else if (!std::strcmp(argv[i], "--pdf-pages")) {
            pdfPages = std::max(1, std::atoi(argv[i + 1]));
        } else if (!std::strcmp(argv[i], "--queries")) {
            queries = std::max(1, std::atoi(argv[i + 1]));
        } else if (!std::strcmp(argv[i], "--dir")) {
            dirPath = QString::fromLocal8Bit(argv[i + 1]);
        }
    }
    QTemporaryDir scratch;
    const QString root = dirPath.isEmpty() ? scratch.path() : dirPath;
    const QString docs = root + QStringLiteral("/docs");
    QDir(docs).removeRecursively();
    QDir().mkpath(docs);
    const QString indexPath = root + QStringLiteral("/index.db");
    for (const char* suffix : {"", "-wal", "-shm"}) {
        QFile::remove(indexPath + QLatin1String(suffix));
    }

    // The corpus, with one planted fact per document: "<a> <b> <c> <marker>", asked as
    // "<marker> <b> <a>".
    std::mt19937 rng(21);
    const Vocabulary vocabulary(rng, 20000);
    struct Planted {
        QString path;
        int page;
        QString question;
        QString marker;
    };
    std::vector<Planted> planted;
    int pages = 0;
    qint64 sourceBytes = 0;
    const auto generateStart = Clock::now();
    for (int d = 0; d < documents; ++d) {
        const bool pdf = d % 2 == 0;
        const int count = pdf ? pdfPages : 1;
        const int plantPage = int(rng() % unsigned(count)) + 1;
        QStringList texts;
        Planted p;
        p.page = plantPage;
        p.marker = QStringLiteral("zq%1marker").arg(d);
        for (int page = 1; page <= count; ++page) {
            // A text file's one page is as long as a few PDF pages.
            QString text = vocabulary.text(rng, pdf ? 230 : 700);
            if (page == plantPage) {
                const QString a = vocabulary.word(rng), b = vocabulary.word(rng);
                text += QStringLiteral(" %1 %2 %3. ").arg(a, b, p.marker);
                text += vocabulary.text(rng, 20);
                p.question = QStringLiteral("%1 %2 %3?").arg(p.marker, b, a);
            }
            texts.append(text);
        }
        p.path =
            docs +
            QStringLiteral("/doc%1.%2").arg(d, 4, 10, QLatin1Char('0')).arg(pdf ? "pdf" : "txt");
        if (pdf) {
            writePdf(p.path, texts);
        } else {
            QFile file(p.path);
            if (!file.open(QIODevice::WriteOnly)) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(p.path));
                return 1;
            }
            file.write(texts.join(QLatin1Char('\n')).toUtf8());
        }
        sourceBytes += QFileInfo(p.path).size();
        pages += count;
        planted.push_back(p);
    }
    const double generateMs = msSince(generateStart);

    auto index = IndexDatabase::open(indexPath);
    if (!index) {
        std::fprintf(stderr, "%s\n", index.error().message.c_str());
        return 1;
    }
    FolderIndexer indexer(*index, documentExtractor());
    std::atomic<bool> cancel{false};
    const auto indexStart = Clock::now();
    const double indexCpuStart = cpuMs();
    auto summary = indexer.run(QStringLiteral("bench"), docs, cancel);
    const double indexMs = msSince(indexStart);
    const double indexCpuMs = cpuMs() - indexCpuStart;
    if (!summary) {
        std::fprintf(stderr, "%s\n", summary.error().message.c_str());
        return 1;
    }
    const auto rescanStart = Clock::now();
    auto rescan = indexer.run(QStringLiteral("bench"), docs, cancel);
    const double rescanMs = msSince(rescanStart);
    auto totals = index->totals(QStringLiteral("bench"));
    (void)index->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");

    // Retrieval: planted questions (the planted page must come first) and random keyword
    // questions of 3 to 6 words; the first few of each warm the cache and are not timed.
    Bm25Retriever retriever(*index);
    std::vector<double> plantedMs, randomMs, ftsMs, plantedCpu, randomCpu, ftsCpu;
    int hits = 0;
    auto fts = index->database().prepare(
        "SELECT rowid, bm25(chunk_search, 1.0, 0.0) AS rank FROM chunk_search "
        "WHERE chunk_search MATCH ?1 "
        "ORDER BY rank LIMIT 60");
    for (int q = 0; q < queries; ++q) {
        const Planted& p = planted[size_t(q) % planted.size()];
        const auto start = Clock::now();
        double cpu = cpuMs();
        auto found = retriever.retrieve({p.question, {QStringLiteral("bench")}});
        const double ms = msSince(start);
        if (q >= 5) {
            plantedMs.push_back(ms);
            plantedCpu.push_back(cpuMs() - cpu);
        }
        if (found && !found->isEmpty() && found->front().path == p.path &&
            found->front().page == p.page) {
            ++hits;
        }
        std::uniform_int_distribution<int> words(3, 6);
        const QString randomQuestion = vocabulary.text(rng, words(rng));
        const auto randomStart = Clock::now();
        cpu = cpuMs();
        auto any = retriever.retrieve({randomQuestion, {QStringLiteral("bench")}});
        if (q >= 5) {
            randomMs.push_back(msSince(randomStart));
            randomCpu.push_back(cpuMs() - cpu);
        }
        // The baseline: FTS5 alone for the same words and collection (what the retriever
        // asks FTS5 for its candidates).
        QStringList terms;
        for (const QString& t : queryTerms(randomQuestion)) {
            terms.append(QLatin1Char('"') + t + QLatin1Char('"'));
        }
        const auto ftsStart = Clock::now();
        cpu = cpuMs();
        fts->bind(
            1, QStringLiteral("text : (%1) AND collection : \"%2\"")
                   .arg(terms.join(QLatin1String(" OR ")), collectionToken(QStringLiteral("bench")))
                   .toStdString());
        (void)fts->for_each_row([](const hearth::storage::Statement&) {});
        if (q >= 5) {
            ftsMs.push_back(msSince(ftsStart));
            ftsCpu.push_back(cpuMs() - cpu);
        }
        (void)any;
    }

    const double pagesPerSecond = double(totals->pages) / (indexMs / 1000.0);
    const qint64 indexBytes = fileBytes(indexPath);
    const double cpuPagesPerSecond = double(totals->pages) / (indexCpuMs / 1000.0);
    std::printf(
        "{\"documents\": %d, \"pdf_documents\": %d, \"pages\": %d, \"indexed_pages\": %d, "
        "\"chunks\": %d, \"failed_files\": %d, \"source_bytes\": %lld, \"generate_s\": %.1f, "
        "\"index_s\": %.2f, \"index_cpu_s\": %.2f, \"pages_per_s\": %.1f, "
        "\"pages_per_cpu_s\": %.1f, \"rescan_unchanged_s\": %.3f, \"index_bytes\": %lld, "
        "\"index_bytes_per_page\": %.0f, \"queries\": %zu, \"planted_first\": %d, "
        "\"planted_ms\": {\"median\": %.2f, \"p90\": %.2f, \"max\": %.2f, \"cpu_median\": %.2f}, "
        "\"random_ms\": {\"median\": %.2f, \"p90\": %.2f, \"max\": %.2f, \"cpu_median\": %.2f}, "
        "\"fts_only_ms\": {\"median\": %.2f, \"p90\": %.2f, \"max\": %.2f, "
        "\"cpu_median\": %.2f}}\n",
        documents, (documents + 1) / 2, pages, totals->pages, totals->chunks, totals->failed,
        static_cast<long long>(sourceBytes), generateMs / 1000.0, indexMs / 1000.0,
        indexCpuMs / 1000.0, pagesPerSecond, cpuPagesPerSecond, rescanMs / 1000.0,
        static_cast<long long>(indexBytes), double(indexBytes) / std::max(1, totals->pages),
        plantedMs.size(), hits, percentile(plantedMs, 0.5), percentile(plantedMs, 0.9),
        percentile(plantedMs, 1.0), percentile(plantedCpu, 0.5), percentile(randomMs, 0.5),
        percentile(randomMs, 0.9), percentile(randomMs, 1.0), percentile(randomCpu, 0.5),
        percentile(ftsMs, 0.5), percentile(ftsMs, 0.9), percentile(ftsMs, 1.0),
        percentile(ftsCpu, 0.5));
    std::fprintf(stderr,
                 "%d documents, %d pages: indexed in %.1f s (%.0f pages/s; %.0f per CPU second), "
                 "index %.1f MB; retrieval median %.2f ms (planted), %.2f ms (random), FTS alone "
                 "%.2f ms; planted first %d/%d; unchanged rescan %.2f s\n",
                 documents, totals->pages, indexMs / 1000.0, pagesPerSecond, cpuPagesPerSecond,
                 double(indexBytes) / 1e6, percentile(plantedMs, 0.5), percentile(randomMs, 0.5),
                 percentile(ftsMs, 0.5), hits, queries, rescanMs / 1000.0);
    (void)rescan;
    // Fails only on wrong results: most planted passages must come first.
    return hits * 10 >= queries * 9 ? 0 : 2;
}
