// Retrieval over a generated corpus: 20 facts planted on given pages of given files among
// filler text that shares many of the questions' words, each asked in other words than it
// was written (English, German, Chinese). The planted passage must come first. A question
// the documents do not answer finds nothing; overlapping passages are given once; the
// token budget holds; only the chosen collections are searched. Chinese, harder: facts
// among text made of other words that share the questions' characters (北京 and 南京 for a
// question about 东京), where matching single characters finds the wrong passages.
#include "bm25retriever.h"
#include "collectiontest.h"
#include "folderindexer.h"
#include "indexdatabase.h"

#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace hearth::collections;
using collectiontest::writeFile;

namespace {

struct Plant {
    const char* fact;
    const char* question;
};

// Each fact, and a question about it in other words.
const Plant kPlants[] = {
    {"The lighthouse on Varnholm island has exactly 412 steps from the door to the lamp room.",
     "How many steps does the Varnholm lighthouse have?"},
    {"Marta Quellbrunn flavours her famous plum cake with cardamom and brown butter.",
     "Which spice goes into Marta Quellbrunn's plum cake?"},
    {"The Ostrava depot replaced its diesel shunting engines with battery locomotives in 2019.",
     "When did the Ostrava depot switch to battery locomotives?"},
    {"Invoices from Kelderman Logistics must be paid within 45 days of delivery.",
     "What is the payment term for Kelderman Logistics invoices?"},
    {"The office router password is stored in the grey binder labelled Network Keys.",
     "Where is the office router password kept?"},
    {"Our tenancy agreement requires three months notice before the flat on Linden Street is "
     "vacated.",
     "How much notice does the Linden Street tenancy agreement require?"},
    {"The Solberg telescope mirror measures 1.8 metres across and was ground in Jena.",
     "How wide is the mirror of the Solberg telescope?"},
    {"Dr. Amadi recommends that the sourdough starter be fed twice daily at room temperature.",
     "How often should the sourdough starter be fed according to Dr. Amadi?"},
    {"The Pellworm ferry timetable lists the last winter crossing at 17:40.",
     "When is the last winter crossing of the Pellworm ferry?"},
    {"Grandfather Tobias planted the walnut tree behind the barn in the spring of 1961.",
     "In which year was the walnut tree behind the barn planted by Tobias?"},
    {"The project codename Bluefinch refers to the migration of billing to the new ledger.",
     "What does the codename Bluefinch refer to?"},
    {"Fenwick valves on the cooling loop must be inspected every 600 operating hours.",
     "How often are the Fenwick valves on the cooling loop inspected?"},
    {"The choir of Saint Aldric rehearses on Thursday evenings in the crypt.",
     "When does the Saint Aldric choir rehearse?"},
    {"Batch 77 of the glaze turned cobalt blue because the kiln overshot to 1290 degrees.",
     "Why did glaze batch 77 turn blue in the kiln?"},
    {"The Harrowgate library lends telescopes to members for two weeks at a time.",
     "For how long does the Harrowgate library lend telescopes?"},
    {"Quarterly revenue of the Tamsin bakery chain rose by eleven percent after the new "
     "rye loaf launched.",
     "By how much did Tamsin bakery revenue grow after the rye loaf?"},
    {"The emergency generator at Brinkley farm runs on biodiesel and starts automatically.",
     "What fuel does the Brinkley farm emergency generator use?"},
    {"Die Brücke über die Ilmenau wurde 1887 aus rotem Sandstein gebaut.",
     "Aus welchem Stein wurde die Brücke über die Ilmenau gebaut?"},
    {"Das Protokoll der Vorstandssitzung vom März nennt Frau Okonkwo als neue Kassenwartin.",
     "Wer wurde laut Protokoll der Vorstandssitzung Kassenwartin?"},
    {"长城站的科考队员每天测量两次风速和气温。", "长城站的科考队员每天测量什么？"},
};

// Chinese facts asked in other words, and words that share characters with the questions'
// words but are other words, as Chinese text is full of them.
const Plant kChinesePlants[] = {
    {"东京分店去年的销售额是八千万日元。", "东京分店去年的销售额是多少？"},
    {"图书馆的古籍阅览室只在周四下午开放。", "古籍阅览室什么时候开放？"},
    {"新来的厨师长擅长做四川火锅。", "厨师长擅长做什么菜？"},
    {"仓库的备用钥匙放在门卫室的抽屉里。", "备用钥匙放在哪里？"},
    {"年会的抽奖环节由市场部的王经理主持。", "年会抽奖由谁主持？"},
    {"山顶气象站的风力发电机每年检修一次。", "风力发电机多久检修一次？"},
};
const char* kChineseWords[] = {
    "东方", "北京", "南京", "京剧", "分钟", "分数", "书店", "商店", "饭店", "开销", "出售",  "售票",
    "金额", "名额", "额外", "去世", "年级", "多年", "少年", "古代", "书籍", "国籍", "阅读",  "浏览",
    "教室", "室内", "开门", "放学", "放心", "时间", "时候", "什么", "候车", "厨房", "老师",  "长城",
    "长大", "擅自", "做饭", "做事", "菜单", "蔬菜", "准备", "设备", "用品", "费用", "汤匙",  "放假",
    "哪儿", "里面", "这里", "年轻", "会议", "开会", "抽象", "奖金", "奖励", "由于", "主人",  "坚持",
    "支持", "谁的", "风景", "大风", "力量", "能力", "发现", "出发", "电话", "电脑", "机场",  "手机",
    "多少", "久违", "检查", "修理", "一次", "每次", "图片", "馆长", "周末", "下午", "钥匙扣"};
// Sentences with nearly every character of a question, in other words.
const char* kChineseDecoys[] = {"北京分公司的店面去年销毁了一批售价过高的额外商品。",
                                "古代书籍的阅读和浏览在教室里进行，什么时候开始放映？",
                                "老师长期在厨房做饭，擅自做了什么菜。",
                                "准备好的用品和汤匙、锁钥放在哪里都行。",
                                "年轻人开会时抽象地讨论奖金由谁主持。",
                                "大风的力量让出发的电车和机器多久才检查修理一次。"};

// Filler that shares words with the questions, so that BM25 alone has to pick.
const char* kVocabulary[] = {
    "island",  "steps",   "door",     "room",    "cake",     "butter",   "spice",     "depot",
    "engine",  "battery", "invoice",  "paid",    "days",     "delivery", "office",    "password",
    "binder",  "notice",  "street",   "mirror",  "metres",   "starter",  "fed",       "temperature",
    "ferry",   "winter",  "crossing", "tree",    "barn",     "spring",   "project",   "billing",
    "valves",  "loop",    "hours",    "choir",   "evenings", "glaze",    "kiln",      "degrees",
    "library", "members", "weeks",    "revenue", "bakery",   "loaf",     "generator", "farm",
    "fuel",    "capital", "report",   "meeting", "garden",   "river",    "market",    "the",
    "of",      "and",     "a",        "to",      "in",       "was",      "for",       "with",
    "on",      "every",   "new",      "old",     "Brücke",   "Stein",    "Protokoll", "Sitzung",
    "gebaut",  "Jahr",    "Stadt",    "Haus",    "neue"};
const char* kCjkFiller = "站队员每天测量风速气温科考的是在了和有人这中大为上个国我以要他时来用";

QString filler(std::mt19937& rng, int words) {
    std::uniform_int_distribution<int> pick(0, int(std::size(kVocabulary)) - 1);
    QStringList out;
    for (int i = 0; i < words; ++i) {
        out.append(QString::fromUtf8(kVocabulary[pick(rng)]));
        if (i % 12 == 11) {
            out.last() += QLatin1Char('.');
        }
    }
    return out.join(QLatin1Char(' '));
}

QString cjkFiller(std::mt19937& rng, int characters) {
    const QString chars = QString::fromUtf8(kCjkFiller);
    std::uniform_int_distribution<int> pick(0, int(chars.size()) - 1);
    QString out;
    for (int i = 0; i < characters; ++i) {
        out += chars.at(pick(rng));
        if (i % 20 == 19) {
            out += QChar(0x3002);
        }
    }
    return out;
}

QString chineseFiller(std::mt19937& rng, int words) {
    std::uniform_int_distribution<int> pick(0, int(std::size(kChineseWords)) - 1);
    QString out;
    std::uniform_int_distribution<int> decoy(0, int(std::size(kChineseDecoys)) - 1);
    for (int i = 0; i < words; ++i) {
        out += QString::fromUtf8(kChineseWords[pick(rng)]);
        if (i % 10 == 9) {
            out += QChar(0x3002);
        }
        if (i % 25 == 24) {
            out += QString::fromUtf8(kChineseDecoys[decoy(rng)]);
        }
    }
    return out;
}

} // namespace

class TestRetrieval : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::unique_ptr<IndexDatabase> index_;
    std::unique_ptr<IndexDatabase> chineseIndex_;
    QString pathOf(int plant) const {
        return dir_.filePath(
            QStringLiteral("docs/plant%1.txt").arg(plant, 2, 10, QLatin1Char('0')));
    }
    static int pageOf(int plant) { return 1 + plant % 4; }
    QString chinesePathOf(int plant) const {
        return dir_.filePath(QStringLiteral("zh/plant%1.txt").arg(plant));
    }

private slots:
    void initTestCase() {
        std::mt19937 rng(21);
        // 60 filler documents of four pages, and 20 with a fact in the middle of one page.
        for (int d = 0; d < 60; ++d) {
            QStringList pages;
            for (int p = 0; p < 4; ++p) {
                pages.append(d % 10 == 0 ? cjkFiller(rng, 300) : filler(rng, 250));
            }
            writeFile(dir_.filePath(QStringLiteral("docs/filler%1.txt").arg(d)),
                      pages.join(QLatin1Char('\f')));
        }
        for (int i = 0; i < int(std::size(kPlants)); ++i) {
            QStringList pages;
            for (int p = 1; p <= 4; ++p) {
                QString text = filler(rng, 250);
                if (p == pageOf(i)) {
                    text = filler(rng, 120) + QLatin1Char(' ') +
                           QString::fromUtf8(kPlants[i].fact) + QLatin1Char(' ') + filler(rng, 120);
                }
                pages.append(text);
            }
            writeFile(pathOf(i), pages.join(QLatin1Char('\f')));
        }
        // The same facts' file copied into a second collection, searched only when asked.
        writeFile(dir_.filePath(QStringLiteral("other/copy.txt")),
                  QString::fromUtf8(kPlants[0].fact));
        COLLECTION_OK(index, IndexDatabase::open(dir_.filePath(QStringLiteral("index.db"))));
        index_ = std::make_unique<IndexDatabase>(std::move(*index));
        FolderIndexer indexer(*index_, collectiontest::readPages);
        std::atomic<bool> cancel{false};
        COLLECTION_OK(docs, indexer.run(QStringLiteral("docs"),
                                        dir_.filePath(QStringLiteral("docs")), cancel));
        QCOMPARE(docs->added, 80);
        COLLECTION_OK(other, indexer.run(QStringLiteral("other"),
                                         dir_.filePath(QStringLiteral("other")), cancel));
        QCOMPARE(other->added, 1);
        // Chinese: 40 documents of four pages of look-alike words, 6 with a fact.
        for (int d = 0; d < 40; ++d) {
            QStringList pages;
            for (int p = 0; p < 4; ++p) {
                pages.append(chineseFiller(rng, 150));
            }
            writeFile(dir_.filePath(QStringLiteral("zh/filler%1.txt").arg(d)),
                      pages.join(QLatin1Char('\f')));
        }
        for (int i = 0; i < int(std::size(kChinesePlants)); ++i) {
            QStringList pages;
            for (int p = 1; p <= 4; ++p) {
                pages.append(p == pageOf(i) ? chineseFiller(rng, 60) +
                                                  QString::fromUtf8(kChinesePlants[i].fact) +
                                                  chineseFiller(rng, 60)
                                            : chineseFiller(rng, 150));
            }
            writeFile(chinesePathOf(i), pages.join(QLatin1Char('\f')));
        }
        // In an index of their own, which leaves the other questions' word weights alone.
        COLLECTION_OK(chinese, IndexDatabase::open(dir_.filePath(QStringLiteral("zh.db"))));
        chineseIndex_ = std::make_unique<IndexDatabase>(std::move(*chinese));
        FolderIndexer chineseIndexer(*chineseIndex_, collectiontest::readPages);
        COLLECTION_OK(zh, chineseIndexer.run(QStringLiteral("zh"),
                                             dir_.filePath(QStringLiteral("zh")), cancel));
        QCOMPARE(zh->added, 46);
    }

    void plantedPassageComesFirst_data() {
        QTest::addColumn<int>("plant");
        for (int i = 0; i < int(std::size(kPlants)); ++i) {
            QTest::addRow("%s", kPlants[i].question) << i;
        }
    }
    void plantedPassageComesFirst() {
        QFETCH(int, plant);
        Bm25Retriever retriever(*index_);
        COLLECTION_OK(passages,
                      retriever.retrieve({QString::fromUtf8(kPlants[plant].question), {"docs"}}));
        QVERIFY(!passages->isEmpty());
        const Passage& best = passages->front();
        QCOMPARE(best.path, pathOf(plant));
        QCOMPARE(best.page, pageOf(plant));
        QCOMPARE(best.pages, 4);
        QVERIFY(best.text.contains(QString::fromUtf8(kPlants[plant].fact)));
        QCOMPARE(best.collection, QStringLiteral("docs"));
    }

    void chineseWordsNotCharactersAreMatched_data() {
        QTest::addColumn<int>("plant");
        for (int i = 0; i < int(std::size(kChinesePlants)); ++i) {
            QTest::addRow("%s", kChinesePlants[i].question) << i;
        }
    }
    void chineseWordsNotCharactersAreMatched() {
        QFETCH(int, plant);
        Bm25Retriever retriever(*chineseIndex_);
        COLLECTION_OK(passages, retriever.retrieve(
                                    {QString::fromUtf8(kChinesePlants[plant].question), {"zh"}}));
        QVERIFY(!passages->isEmpty());
        QCOMPARE(passages->front().path, chinesePathOf(plant));
        QCOMPARE(passages->front().page, pageOf(plant));
        QVERIFY(passages->front().text.contains(QString::fromUtf8(kChinesePlants[plant].fact)));
    }

    void unansweredChineseQuestionFindsNothing() {
        // A name no document has keeps its weight although its pairs are absent.
        Bm25Retriever retriever(*chineseIndex_);
        COLLECTION_OK(none,
                      retriever.retrieve({QString::fromUtf8("弗里多尼亚的首都是什么？"), {"zh"}}));
        QVERIFY(none->isEmpty());
        COLLECTION_OK(absent, retriever.retrieve({QString::fromUtf8("弗里多尼亚"), {"zh"}}));
        QVERIFY(absent->isEmpty());
    }

    void unansweredQuestionFindsNothing() {
        Bm25Retriever retriever(*index_);
        // "capital" is in the filler; Freedonia is in no document.
        COLLECTION_OK(none, retriever.retrieve(
                                {QStringLiteral("What is the capital of Freedonia?"), {"docs"}}));
        QVERIFY(none->isEmpty());
        COLLECTION_OK(empty, retriever.retrieve({QStringLiteral("what is it?"), {"docs"}}));
        QVERIFY(empty->isEmpty());
        COLLECTION_OK(nowhere, retriever.retrieve({QStringLiteral("Varnholm lighthouse"), {}}));
        QVERIFY(nowhere->isEmpty());
    }

    void onlyTheChosenCollectionsAreSearched() {
        Bm25Retriever retriever(*index_);
        const QString q = QString::fromUtf8(kPlants[0].question);
        COLLECTION_OK(other, retriever.retrieve({q, {"other"}}));
        QCOMPARE(other->size(), 1);
        QVERIFY(other->front().path.endsWith(QLatin1String("other/copy.txt")));
        QCOMPARE(other->front().pages, 1);
        COLLECTION_OK(both, retriever.retrieve({q, {"docs", "other"}}));
        QVERIFY(!both->isEmpty());
    }

    void passagesAreDistinctAndWithinBudget() {
        Bm25Retriever retriever(*index_);
        // Common words: many candidates, overlapping neighbours among them.
        RetrievalQuery query{QStringLiteral("island steps door room cake butter"), {"docs"}};
        query.tokenBudget = 700;
        query.maxPassages = 10;
        COLLECTION_OK(passages, retriever.retrieve(query));
        QVERIFY(!passages->isEmpty());
        int tokens = 0;
        for (int i = 0; i < passages->size(); ++i) {
            const Passage& p = passages->at(i);
            tokens += estimateTokens(p.text);
            for (int j = 0; j < i; ++j) {
                const Passage& q = passages->at(j);
                const bool overlap = p.path == q.path && p.page == q.page &&
                                     p.start < q.start + q.text.size() &&
                                     q.start < p.start + p.text.size();
                QVERIFY(!overlap);
                QVERIFY(p.score <= q.score);
            }
        }
        QVERIFY(tokens <= 700);
    }

    void aSmallBudgetCutsTheBestPassageRatherThanFindingNothing() {
        Bm25Retriever retriever(*index_);
        RetrievalQuery query{QString::fromUtf8(kPlants[3].question), {"docs"}};
        query.tokenBudget = 30;
        COLLECTION_OK(passages, retriever.retrieve(query));
        QCOMPARE(passages->size(), 1);
        const Passage& p = passages->front();
        QCOMPARE(p.path, pathOf(3));
        QVERIFY(estimateTokens(p.text) <= 30);
        QVERIFY(p.text.size() > 30); // most of the budget used
        COLLECTION_OK(whole,
                      retriever.retrieve({QString::fromUtf8(kPlants[3].question), {"docs"}}));
        QVERIFY(whole->front().text.startsWith(p.text));
    }

    void termsLeaveOutCommonWords() {
        QCOMPARE(queryTerms(QStringLiteral("What is the payment term for Kelderman's invoices?")),
                 QStringList({"payment", "term", "kelderman", "invoices"}));
        // CJK: pairs of neighbouring characters, a character alone by itself, as indexed.
        QCOMPARE(queryTerms(QString::fromUtf8("风速？")), QStringList({"风速"}));
        QCOMPARE(queryTerms(QString::fromUtf8("东京分店 Umsatz 的？")),
                 QStringList({"东京", "京分", "分店", "umsatz", "的"}));
        QCOMPARE(searchableText(QString::fromUtf8("在东京分店, Hearth 的")),
                 QString::fromUtf8(" 在东  东京  京分  分店 , Hearth  的"));
    }
};

QTEST_GUILESS_MAIN(TestRetrieval)
#include "tst_retrieval.moc"
