#include "bm25retriever.h"

#include <QFileInfo>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace hearth::collections {

namespace {

constexpr int kCandidates = 60;
constexpr int kMaxTerms = 24;
// A candidate must contain words that carry at least this share of the question's weight
// (each word weighted by how rare it is in the index); below it a match on common words
// alone ("capital" for "What is the capital of Freedonia?") would pass for an answer.
constexpr double kMinCoverage = 0.45;
// And score at least this share of the best candidate's.
constexpr double kMinRelativeScore = 0.3;
constexpr double kCommonShare = 0.2;

// Question words that say nothing about the subject (English and German).
const QSet<QString>& stopWords() {
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char* w :
             {"a",     "an",    "and",   "are",   "as",     "at",     "be",        "been",
              "but",   "by",    "can",   "could", "did",    "do",     "does",      "for",
              "from",  "had",   "has",   "have",  "how",    "i",      "in",        "is",
              "it",    "its",   "many",  "me",    "much",   "my",     "of",        "on",
              "or",    "our",   "say",   "says",  "should", "tell",   "that",      "the",
              "their", "there", "these", "this",  "those",  "to",     "was",       "we",
              "were",  "what",  "when",  "where", "which",  "who",    "whom",      "why",
              "will",  "with",  "would", "you",   "your",   "about",  "according", "der",
              "die",   "das",   "den",   "dem",   "des",    "ein",    "eine",      "einen",
              "einem", "einer", "und",   "oder",  "ist",    "sind",   "war",       "wie",
              "was",   "wer",   "wo",    "wann",  "warum",  "welche", "welcher",   "welches",
              "im",    "in",    "zu",    "von",   "mit",    "auf",    "für",       "nicht",
              "es",    "sie",   "er",    "ich",   "du",     "wir",    "ihr",       "hat",
              "haben", "viele", "wird",  "werden"}) {
            s.insert(QString::fromUtf8(w));
        }
        return s;
    }();
    return words;
}

// Calls visit(word) for the words of a text, in order, as views into it: runs of letters
// and digits, and in CJK text each pair of neighbouring characters (a character alone in
// its run by itself), as the index has them (searchableText). No copies: this runs over
// every candidate of every question.
template <class Visit> void forEachWord(const QString& text, Visit&& visit) {
    const qsizetype n = text.size();
    qsizetype begin = -1;    // of the run of letters and digits being read
    qsizetype previous = -1; // the CJK character before this one, if it was one
    qsizetype previousLength = 0;
    bool alone = false; // `previous` begins its run and is in no pair yet
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text[i].unicode();
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            length = 2;
        }
        const bool cjk = isCjk(c);
        if ((cjk || !QChar::isLetterOrNumber(c)) && begin >= 0) {
            visit(QStringView(text).mid(begin, i - begin));
            begin = -1;
        }
        if (cjk) {
            if (previous >= 0) {
                visit(QStringView(text).mid(previous, i + length - previous));
            }
            alone = previous < 0;
            previous = i;
            previousLength = length;
        } else {
            if (alone) {
                visit(QStringView(text).mid(previous, previousLength));
            }
            previous = -1;
            alone = false;
            if (QChar::isLetterOrNumber(c) && begin < 0) {
                begin = i;
            }
        }
        i += length - 1;
    }
    if (begin >= 0) {
        visit(QStringView(text).mid(begin));
    }
    if (alone) {
        visit(QStringView(text).mid(previous, previousLength));
    }
}

QStringList wordsOf(const QString& text) {
    QStringList out;
    forEachWord(text, [&](QStringView w) { out.append(w.toString().toLower()); });
    return out;
}

// Word endings the re-ranking ignores, so that "steps" meets "step" and "indexed" meets
// "indexing" (FTS5's porter tokenizer already does this, better, for the BM25 part).
constexpr const char* kEndings[] = {"ing", "ed", "es", "s", "er", "ly"};

QString stem(const QString& word) {
    for (const char* suffix : kEndings) {
        const auto s = QLatin1String(suffix);
        if (word.size() - s.size() >= 3 && word.endsWith(s)) {
            return word.left(word.size() - s.size());
        }
    }
    return word;
}

// The question's words in the text column, any of them: text : ("a" OR "b").
QString ftsQuery(const QStringList& terms) {
    QStringList parts;
    for (const QString& t : terms) {
        parts.append(QLatin1Char('"') + t + QLatin1Char('"')); // letters and digits only
    }
    return QStringLiteral("text : (") + parts.join(QLatin1String(" OR ")) + QLatin1Char(')');
}

// ... in the given collections only.
QString ftsQuery(const QStringList& terms, const QStringList& collections) {
    QStringList tokens;
    for (const QString& c : collections) {
        tokens.append(QLatin1Char('"') + collectionToken(c) + QLatin1Char('"'));
    }
    return ftsQuery(terms) + QLatin1String(" AND ") + QLatin1String("collection : (") +
           tokens.join(QLatin1String(" OR ")) + QLatin1Char(')');
}

struct Candidate {
    Passage passage;
    double bm25 = 0;
};

// What share of the question's weight the chunk holds, how many of the question's word
// pairs it has side by side (a word between allowed), and how closely its matches sit.
struct Match {
    double coverage = 0;
    double phrase = 0;    // 0..1
    double proximity = 0; // 0..1
};

// Whether a word of a chunk is the term of `stem`: the stem and at most a common ending.
bool isTerm(QStringView word, const QString& stem) {
    if (word.size() < stem.size() || !word.startsWith(stem, Qt::CaseInsensitive)) {
        return false;
    }
    const QStringView rest = word.mid(stem.size());
    return rest.isEmpty() || std::any_of(std::begin(kEndings), std::end(kEndings), [&](auto e) {
               return rest.compare(QLatin1String(e), Qt::CaseInsensitive) == 0;
           });
}

Match match(const QStringList& stems, const QList<double>& weights, const QString& text) {
    QList<QList<int>> positions(stems.size());
    int p = 0;
    forEachWord(text, [&](QStringView word) {
        for (int t = 0; t < stems.size(); ++t) {
            if (isTerm(word, stems[t])) {
                positions[t].append(p);
            }
        }
        ++p;
    });
    Match m;
    double total = 0;
    int matched = 0;
    for (int t = 0; t < stems.size(); ++t) {
        total += weights[t];
        if (!positions[t].isEmpty()) {
            m.coverage += weights[t];
            ++matched;
        }
    }
    m.coverage = total > 0 ? m.coverage / total : 0;
    int pairs = 0;
    for (int t = 0; t + 1 < stems.size(); ++t) {
        const bool near = std::any_of(positions[t].begin(), positions[t].end(), [&](int p) {
            return positions[t + 1].contains(p + 1) || positions[t + 1].contains(p + 2);
        });
        pairs += near ? 1 : 0;
    }
    m.phrase = stems.size() > 1 ? double(pairs) / double(stems.size() - 1) : 0;
    // The shortest run of words holding one occurrence of every matched term.
    if (matched > 1) {
        QList<std::pair<int, int>> hits; // position, term
        for (int t = 0; t < stems.size(); ++t) {
            for (int p : positions[t]) {
                hits.append({p, t});
            }
        }
        std::sort(hits.begin(), hits.end());
        QList<int> count(stems.size(), 0);
        int have = 0;
        int best = INT32_MAX;
        for (int lo = 0, hi = 0; hi < hits.size(); ++hi) {
            if (count[hits[hi].second]++ == 0) {
                ++have;
            }
            while (have == matched) {
                best = std::min(best, hits[hi].first - hits[lo].first + 1);
                if (--count[hits[lo].second] == 0) {
                    --have;
                }
                ++lo;
            }
        }
        m.proximity = double(matched) / double(best);
    }
    return m;
}

// The words that pick candidates: those in at most kCommonShare of the chunks (a word in
// most chunks hardly changes BM25's order, yet FTS5 would score every chunk holding it),
// or, when all are that common, the two rarest that some chunk has (in a small index most
// words are common). All words still count in the re-ranking.
QStringList selective(QList<std::pair<int64_t, QString>> frequency, double chunks) {
    QStringList out;
    bool found = false;
    for (const auto& [count, term] : frequency) {
        if (double(count) <= kCommonShare * chunks) {
            out.append(term);
            found = found || count > 0;
        }
    }
    if (!found) {
        out.clear();
        std::sort(frequency.begin(), frequency.end());
        for (const auto& [count, term] : frequency) {
            if (count > 0 && out.size() < 2) {
                out.append(term);
            }
        }
    }
    return out;
}

// The two characters of a CJK pair (a word of forEachWord), or none for another word.
QStringList pairCharacters(const QString& word) {
    QStringList characters;
    for (qsizetype i = 0; i < word.size(); ++i) {
        char32_t c = word[i].unicode();
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < word.size() && word[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(word[i], word[i + 1]);
            length = 2;
        }
        if (!isCjk(c)) {
            return {};
        }
        characters.append(word.mid(i, length));
        i += length - 1;
    }
    return characters.size() == 2 ? characters : QStringList();
}

// The longest start of `text` within `tokens` (estimateTokens), ending at a word.
QString cutToTokens(const QString& text, int tokens) {
    QString cut = text.left(std::max(0, tokens) * 3);
    while (!cut.isEmpty() && estimateTokens(cut) > tokens) {
        cut.chop(std::max<qsizetype>(1, cut.size() / 8));
    }
    const qsizetype space = cut.lastIndexOf(QLatin1Char(' '));
    if (cut.size() < text.size() && space > cut.size() / 2) {
        cut.truncate(space);
    }
    return cut.trimmed();
}

} // namespace

int estimateTokens(const QString& text) {
    return int((text.toUtf8().size() + 2) / 3);
}

QStringList queryTerms(const QString& question) {
    QStringList terms;
    for (const QString& w : wordsOf(question)) {
        const bool single = w.size() == 1 && !isCjk(w.at(0).unicode());
        if (!single && !stopWords().contains(w) && !terms.contains(w)) {
            terms.append(w);
        }
        if (terms.size() == kMaxTerms) {
            break;
        }
    }
    return terms;
}

Result<QList<Passage>> Bm25Retriever::retrieve(const RetrievalQuery& query) {
    const QStringList terms = queryTerms(query.text);
    if (terms.isEmpty() || query.collections.isEmpty()) {
        return QList<Passage>{};
    }
    storage::Database& db = index_.database();
    // Each word's weight: its inverse document frequency over all chunks. A word no chunk
    // has keeps the highest weight, so a question about something absent is not answered
    // by its common words.
    auto total = db.cached("SELECT count(*) FROM chunks");
    if (!total) {
        return total.error();
    }
    auto n = (*total)->query_one([](const storage::Statement& s) { return s.integer(0); });
    if (!n) {
        return n.error();
    }
    const double chunks = double(n->value_or(0));
    auto df = db.cached("SELECT count(*) FROM chunk_search WHERE chunk_search MATCH ?1");
    if (!df) {
        return df.error();
    }
    QList<int64_t> counts;      // chunks holding each word
    QSet<QString> inPairsFound; // the characters of the CJK pairs that chunks have
    for (const QString& t : terms) {
        (*df)->bind(1, ftsQuery({t}).toStdString());
        auto count = (*df)->query_one([](const storage::Statement& s) { return s.integer(0); });
        if (!count) {
            return count.error();
        }
        counts.append(count->value_or(0));
        if (counts.back() > 0) {
            for (const QString& c : pairCharacters(t)) {
                inPairsFound.insert(c);
            }
        }
    }
    QList<double> weights;
    QList<std::pair<int64_t, QString>> frequency; // chunks holding each word, the word
    QStringList stems;
    for (qsizetype i = 0; i < terms.size(); ++i) {
        // A CJK pair that no chunk has is mostly where two of the question's words meet
        // (年会抽奖: 会抽), not a word the documents lack: left out when both its characters
        // are in pairs that chunks have. A name no document has (弗里多尼亚) keeps its weight,
        // so that the question finds nothing.
        const QStringList characters = pairCharacters(terms[i]);
        if (counts[i] == 0 && !characters.isEmpty() &&
            std::all_of(characters.begin(), characters.end(),
                        [&](const QString& c) { return inPairsFound.contains(c); })) {
            continue;
        }
        weights.append(std::log(1.0 + (chunks + 1.0) / (double(counts[i]) + 1.0)));
        stems.append(stem(terms[i]));
        frequency.append({counts[i], terms[i]});
    }

    // The best matches first (FTS5 alone), then their chunks and files: a join that SQLite
    // could start from chunks would look up every chunk instead.
    auto select = db.cached(
        "WITH hits AS MATERIALIZED ("
        "  SELECT rowid AS id, bm25(chunk_search, 1.0, 0.0) AS rank FROM chunk_search"
        "  WHERE chunk_search MATCH ?1 ORDER BY rank LIMIT ?2) "
        "SELECT c.id, f.collection, f.path, f.title, c.page, c.start, c.text, hits.rank, f.pages "
        "FROM hits JOIN chunks c ON c.id = hits.id JOIN files f ON f.id = c.file_id "
        "ORDER BY hits.rank");
    if (!select) {
        return select.error();
    }
    const QStringList picking = selective(frequency, chunks);
    if (picking.isEmpty()) { // no chunk has any of the words
        return QList<Passage>{};
    }
    (*select)->bind(1, ftsQuery(picking, query.collections).toStdString()).bind(2, kCandidates);
    QList<Candidate> candidates;
    auto rows = (*select)->for_each_row([&](const storage::Statement& s) {
        Candidate c;
        c.passage.chunkId = s.integer(0);
        c.passage.collection = QString::fromStdString(s.text(1));
        c.passage.path = QString::fromStdString(s.text(2));
        c.passage.title = QString::fromStdString(s.text(3));
        if (c.passage.title.isEmpty()) {
            c.passage.title = QFileInfo(c.passage.path).fileName();
        }
        c.passage.page = int(s.integer(4));
        c.passage.start = int(s.integer(5));
        c.passage.text = QString::fromStdString(s.text(6));
        c.bm25 = -s.real(7); // FTS5's bm25() is lower for better matches
        c.passage.pages = int(s.integer(8));
        candidates.append(c);
    });
    if (!rows) {
        return rows.error();
    }

    QList<Candidate> relevant;
    for (Candidate& c : candidates) {
        const Match m = match(stems, weights, c.passage.text);
        if (m.coverage < kMinCoverage) {
            continue;
        }
        c.passage.score = std::max(c.bm25, 0.01) * (0.5 + m.coverage) * (1.0 + m.phrase) *
                          (1.0 + 0.5 * m.proximity);
        relevant.append(c);
    }
    std::stable_sort(relevant.begin(), relevant.end(), [](const Candidate& a, const Candidate& b) {
        return a.passage.score > b.passage.score;
    });

    QList<Passage> chosen;
    int used = 0;
    for (const Candidate& c : std::as_const(relevant)) {
        if (c.passage.score < kMinRelativeScore * relevant.front().passage.score ||
            chosen.size() >= query.maxPassages) {
            break;
        }
        const Passage& p = c.passage;
        const bool duplicate = std::any_of(chosen.begin(), chosen.end(), [&](const Passage& q) {
            const bool overlaps = q.path == p.path && q.page == p.page &&
                                  p.start < q.start + q.text.size() &&
                                  q.start < p.start + p.text.size();
            return overlaps || q.text.simplified() == p.text.simplified();
        });
        if (duplicate) {
            continue;
        }
        const int tokens = estimateTokens(p.text);
        if (used + tokens <= query.tokenBudget) {
            used += tokens;
            chosen.append(p);
        } else if (chosen.isEmpty()) {
            // The best passage alone is over the budget (a model with a small context): its
            // start, cut at a word, rather than nothing, which would read as "not found".
            Passage cut = p;
            cut.text = cutToTokens(p.text, query.tokenBudget);
            if (!cut.text.isEmpty()) {
                used += estimateTokens(cut.text);
                chosen.append(cut);
            }
        }
    }
    return chosen;
}

} // namespace hearth::collections
