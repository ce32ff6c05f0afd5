// The index of a collection: chunking, and passes over a folder whose files are added,
// changed, deleted and renamed while a pass runs; untrusted input (symbolic-link loops,
// files over the size limit, files that cannot be extracted, PDFs that need a password);
// cancelling; the upgrade of an index that held CJK text as single characters.
#include "bm25retriever.h"
#include "chunker.h"
#include "collectiontest.h"
#include "folderindexer.h"
#include "indexdatabase.h"
#include "indexschema.h"
#include "pdffixtures.h"

#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

using namespace hearth::collections;
using collectiontest::writeFile;

class TestCollectionIndex : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString docs() const { return dir_.filePath(QStringLiteral("docs")); }
    QString doc(const char* name) const { return docs() + QLatin1Char('/') + QLatin1String(name); }

    // Paths of the collection's indexed files, relative to docs().
    QStringList indexedPaths(IndexDatabase& index) {
        QStringList paths;
        auto files = index.files(QStringLiteral("c1"));
        if (files) {
            for (const IndexedFile& f : *files) {
                paths.append(QDir(docs()).relativeFilePath(f.path));
            }
        }
        return paths;
    }
    QStringList found(IndexDatabase& index, const QString& question) {
        Bm25Retriever retriever(index);
        QStringList paths;
        auto passages = retriever.retrieve({question, {QStringLiteral("c1")}});
        if (passages) {
            for (const Passage& p : *passages) {
                paths.append(QDir(docs()).relativeFilePath(p.path));
            }
        }
        return paths;
    }

private slots:
    void init() {
        QDir(docs()).removeRecursively();
        QFile::remove(dir_.filePath(QStringLiteral("index.db")));
        QDir().mkpath(docs());
    }

    void chunksOverlapAndKeepToTheirPage() {
        QStringList words;
        for (int i = 0; i < 500; ++i) {
            words.append(QStringLiteral("w%1").arg(i));
        }
        const QList<StoredChunk> chunks =
            chunkPages({words.join(QLatin1Char(' ')), QStringLiteral("second page")});
        // 500 words: chunks of 180 starting every 150 words (0, 150, 300, 450), the last
        // running to the page's end; then the second page alone.
        QCOMPARE(chunks.size(), 5);
        QVERIFY(chunks[0].text.startsWith(QLatin1String("w0 ")));
        QVERIFY(chunks[0].text.endsWith(QLatin1String(" w179")));
        QVERIFY(chunks[1].text.startsWith(QLatin1String("w150 ")));
        QVERIFY(chunks[2].text.endsWith(QLatin1String(" w479")));
        QVERIFY(chunks[3].text.startsWith(QLatin1String("w450 ")));
        QVERIFY(chunks[3].text.endsWith(QLatin1String(" w499")));
        QCOMPARE(chunks[4].page, 2);
        QCOMPARE(chunks[4].text, QStringLiteral("second page"));
        QCOMPARE(chunks[1].start, words.mid(0, 150).join(QLatin1Char(' ')).size() + 1);
        // Chinese without spaces: each character a word, so it is cut too.
        const QList<StoredChunk> cjk = chunkPages({QString(400, QChar(0x6C34))});
        QCOMPARE(cjk.size(), 3);
        QCOMPARE(cjk[0].text.size(), 180);
        // One enormous "word" is cut at the character limit.
        const QList<StoredChunk> blob = chunkPages({QString(5000, QLatin1Char('x'))});
        QVERIFY(blob.size() >= 4);
        for (const StoredChunk& c : blob) {
            QVERIFY(c.text.size() <= ChunkSizes{}.maxChars);
        }
    }

    void changesWhileIndexingAreCaughtByTheNextPass() {
        for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}) {
            writeFile(doc(name), QStringLiteral("original text of %1 with word orig%2")
                                     .arg(QLatin1String(name))
                                     .arg(QLatin1String(name).at(0)));
        }
        COLLECTION_OK(index, IndexDatabase::open(dir_.filePath(QStringLiteral("index.db"))));
        QMap<QString, int> reads; // extractions per file name
        std::function<void(const QString&)> during;
        FolderIndexer indexer(*index, [&](const QString& path, const std::atomic<bool>&) {
            const QString name = QFileInfo(path).fileName();
            reads[name] += 1;
            if (during) {
                during(name);
            }
            return collectiontest::readPages(path);
        });
        std::atomic<bool> cancel{false};
        COLLECTION_OK(first, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QCOMPARE(first->added, 5);
        QCOMPARE(indexedPaths(*index), QStringList({"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}));

        // The second pass: b changes and a is renamed after they were read, d changes and e
        // is deleted before they are reached, f is added, and c is deleted while it is read.
        writeFile(doc("b.txt"), QStringLiteral("first change of b: origb"));
        writeFile(doc("c.txt"), QStringLiteral("first change of c: origc"));
        writeFile(doc("d.txt"), QStringLiteral("first change of d: origd"));
        QTest::qWait(20); // a later modification time than the first pass saw
        reads.clear();
        during = [&](const QString& name) {
            if (name == QLatin1String("c.txt")) {
                writeFile(doc("b.txt"), QStringLiteral("b rewritten as newb"));
                writeFile(doc("d.txt"), QStringLiteral("d rewritten as newd"));
                QVERIFY(QFile::remove(doc("e.txt")));
                QVERIFY(QDir().mkpath(doc("sub")));
                QVERIFY(QFile::rename(doc("a.txt"), doc("sub/z.txt")));
                writeFile(doc("f.txt"), QStringLiteral("a new file with newf"));
                QVERIFY(QFile::remove(doc("c.txt")));
            }
        };
        COLLECTION_OK(second, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QVERIFY(!second->cancelled);
        QCOMPARE(reads.value(QStringLiteral("c.txt")), 1);
        QCOMPARE(reads.value(QStringLiteral("d.txt")), 1); // read after it changed
        QVERIFY(found(*index, QStringLiteral("newd")).contains(QStringLiteral("d.txt")));

        // The pass that follows (the watcher's or the periodic rescan) settles everything.
        during = nullptr;
        reads.clear();
        COLLECTION_OK(third, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QCOMPARE(indexedPaths(*index), QStringList({"b.txt", "d.txt", "f.txt", "sub/z.txt"}));
        // Only what changed was read again: b (changed after it was read) and f (new); z is
        // a's bytes under a new name, recognized by its hash.
        QCOMPARE(reads.keys(), QStringList({"b.txt", "f.txt"}));
        QCOMPARE(third->renamed, 1);
        QCOMPARE(third->removed, 2); // c and e
        QCOMPARE(found(*index, QStringLiteral("newb")), QStringList({"b.txt"}));
        QVERIFY(found(*index, QStringLiteral("origb")).isEmpty());
        QCOMPARE(found(*index, QStringLiteral("newf")), QStringList({"f.txt"}));
        QCOMPARE(found(*index, QStringLiteral("origa")), QStringList({"sub/z.txt"}));
        QVERIFY(found(*index, QStringLiteral("orige")).isEmpty());
        QVERIFY(found(*index, QStringLiteral("origc")).isEmpty());

        // Nothing changed: nothing is read.
        reads.clear();
        COLLECTION_OK(fourth, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QVERIFY(reads.isEmpty());
        QCOMPARE(fourth->unchanged, 4);
    }

    void untrustedFoldersNeverHang() {
        writeFile(doc("good.md"), QStringLiteral("a readable note about herons"));
        writeFile(doc("big.txt"), QString(5000, QLatin1Char('x')));
        writeFile(doc("broken.pdf"), QStringLiteral("not a pdf"));
        writeFile(doc("picture.png"), QStringLiteral("ignored: not a document kind"));
        writeFile(dir_.filePath(QStringLiteral("outside.txt")), QStringLiteral("outside herons"));
        std::error_code ec;
        // A loop (a link to the folder itself), a link to a file outside, a dangling link.
        std::filesystem::create_directory_symlink(docs().toStdString(), doc("loop").toStdString(),
                                                  ec);
        QVERIFY(!ec);
        std::filesystem::create_symlink(dir_.filePath(QStringLiteral("outside.txt")).toStdString(),
                                        doc("link.txt").toStdString(), ec);
        QVERIFY(!ec);
        std::filesystem::create_symlink("/nonexistent/x.txt", doc("dangling.txt").toStdString(),
                                        ec);
        QVERIFY(!ec);

        COLLECTION_OK(index, IndexDatabase::open(dir_.filePath(QStringLiteral("index.db"))));
        QStringList reads;
        IndexLimits limits;
        limits.maxTextBytes = 1000;
        FolderIndexer indexer(
            *index,
            [&](const QString& path,
                const std::atomic<bool>&) -> hearth::Result<ExtractedDocument> {
                reads.append(QFileInfo(path).fileName());
                if (path.endsWith(QLatin1String(".pdf"))) {
                    return hearth::Error{"this PDF is damaged"};
                }
                return collectiontest::readPages(path);
            },
            limits);
        std::atomic<bool> cancel{false};
        COLLECTION_OK(summary, indexer.run(QStringLiteral("c1"), docs(), cancel));
        reads.sort();
        QCOMPARE(reads, QStringList({"broken.pdf", "good.md"})); // big.txt never read
        QCOMPARE(summary->added, 1);
        QCOMPARE(summary->failed, 2);
        COLLECTION_OK(big, index->file(QStringLiteral("c1"), doc("big.txt")));
        QVERIFY(big->has_value());
        QVERIFY((*big)->error.startsWith(QLatin1String("too large")));
        COLLECTION_OK(broken, index->file(QStringLiteral("c1"), doc("broken.pdf")));
        QCOMPARE((*broken)->error, QStringLiteral("this PDF is damaged"));
        QCOMPARE(found(*index, QStringLiteral("herons")), QStringList({"good.md"}));
        // A failed file is not retried until it changes.
        reads.clear();
        COLLECTION_OK(again, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QVERIFY(reads.isEmpty());
        COLLECTION_OK(totals, index->totals(QStringLiteral("c1")));
        QCOMPARE(totals->files, 3);
        QCOMPARE(totals->failed, 2);
        // A folder that is gone is an error, not a crash, and forgets nothing.
        auto missing =
            indexer.run(QStringLiteral("c1"), dir_.filePath(QStringLiteral("gone")), cancel);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.find("cannot be found") != std::string::npos);
        QCOMPARE(index->totals(QStringLiteral("c1"))->files, 3);
    }

    void cancelStopsBetweenFilesAndForgetsNothing() {
        for (int i = 0; i < 10; ++i) {
            writeFile(docs() + QStringLiteral("/n%1.txt").arg(i), QStringLiteral("note %1").arg(i));
        }
        COLLECTION_OK(index, IndexDatabase::open(dir_.filePath(QStringLiteral("index.db"))));
        std::atomic<bool> cancel{false};
        int reads = 0;
        FolderIndexer indexer(*index, [&](const QString& path, const std::atomic<bool>&) {
            if (++reads == 3) {
                cancel.store(true);
            }
            return collectiontest::readPages(path);
        });
        COLLECTION_OK(summary, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QVERIFY(summary->cancelled);
        QCOMPARE(reads, 3);
        QCOMPARE(index->totals(QStringLiteral("c1"))->files, 3);
        cancel.store(false);
        COLLECTION_OK(rest, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QCOMPARE(rest->added, 7);
        QCOMPARE(rest->unchanged, 3);
        // Removing the collection removes its files and their chunks.
        QVERIFY(index->removeCollection(QStringLiteral("c1")).ok());
        QCOMPARE(index->totals(QStringLiteral("c1"))->chunks, 0);
        QVERIFY(found(*index, QStringLiteral("note")).isEmpty());
    }

    void passwordProtectedPdfsAreRecordedWithTheReason() {
        // PDFs encrypted by qpdf, read by the app's extractor: one that needs a password is
        // recorded as unreadable with the reason; one encrypted with an empty user password
        // (it only restricts printing or copying) is indexed like any other.
        const QByteArray plain =
            pdfWithPages({QStringLiteral("The lighthouse keeper logs every passing ship.")});
        QString why;
        const QByteArray locked =
            encryptedPdf(plain, QStringLiteral("secret"), PdfCipher::Aes256, &why);
        if (locked.isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("no password-protected PDF to test: ") + why));
        }
        const QByteArray restricted = encryptedPdf(plain, QString(), PdfCipher::Aes128, &why);
        QVERIFY2(!restricted.isEmpty(), qPrintable(why));
        for (const auto& [name, bytes] :
             {std::pair{"locked.pdf", locked}, std::pair{"restricted.pdf", restricted}}) {
            QFile file(doc(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        writeFile(doc("notes.md"), QStringLiteral("The lighthouse was built in 1902."));
        COLLECTION_OK(index, IndexDatabase::open(dir_.filePath(QStringLiteral("index.db"))));
        FolderIndexer indexer(*index, documentExtractor());
        std::atomic<bool> cancel{false};
        COLLECTION_OK(summary, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QCOMPARE(summary->added, 2);
        QCOMPARE(summary->failed, 1);
        COLLECTION_OK(file, index->file(QStringLiteral("c1"), doc("locked.pdf")));
        QVERIFY(file->has_value());
        QCOMPARE((*file)->error,
                 QStringLiteral("This PDF is protected by a password: locked.pdf."
                                " Save a copy without the password and try again."));
        QCOMPARE(found(*index, QStringLiteral("keeper passing ship")),
                 QStringList({"restricted.pdf"}));
        COLLECTION_OK(totals, index->totals(QStringLiteral("c1")));
        QCOMPARE(totals->files, 3);
        QCOMPARE(totals->failed, 1);
    }

    void cjkFilesAreReadAgainAfterTheUpgrade() {
        // An index of version 1, where CJK text was single characters, written with that
        // version's step and rows as it made them: the upgrade forgets the file with CJK
        // text and keeps the other; the next pass reads the forgotten one again, and its
        // words are found as pairs of characters.
        writeFile(doc("zh.txt"), QString::fromUtf8("东京分店的销售额是八千万日元。"));
        writeFile(doc("en.txt"), QStringLiteral("Herons nest by the river."));
        const QString path = dir_.filePath(QStringLiteral("old.db"));
        {
            auto db = hearth::storage::Database::open(path.toStdString());
            QVERIFY(db.ok());
            QVERIFY(hearth::storage::migrate(*db, indexMigrations().first(1)).ok());
            const auto add = [&](const char* name, const QString& text, const QString& indexed) {
                const QFileInfo info(doc(name));
                const QString sql =
                    QStringLiteral(
                        "INSERT INTO files (collection, path, size, mtime, sha256, pages)"
                        " VALUES ('c1', '%1', %2, %3, 'old', 1);"
                        "INSERT INTO chunks (file_id, page, start, text)"
                        " VALUES (last_insert_rowid(), 1, 0, '%4');"
                        "INSERT INTO chunk_search (rowid, text, collection)"
                        " VALUES (last_insert_rowid(), '%5', 'cc1');")
                        .arg(info.absoluteFilePath())
                        .arg(info.size())
                        .arg(info.lastModified().toMSecsSinceEpoch())
                        .arg(text, indexed);
                return db->exec(sql.toStdString()).ok();
            };
            const QString zh = QString::fromUtf8("东京分店的销售额是八千万日元。");
            QString single; // version 1: every CJK character a word
            for (QChar c : zh) {
                single += QLatin1Char(' ') + c + QLatin1Char(' ');
            }
            QVERIFY(add("zh.txt", zh, single));
            QVERIFY(add("en.txt", QStringLiteral("Herons nest by the river."),
                        QStringLiteral("Herons nest by the river.")));
            QCOMPARE(db->user_version().value(), 1);
        }
        COLLECTION_OK(index, IndexDatabase::open(path));
        QCOMPARE(indexedPaths(*index), QStringList({"en.txt"}));
        FolderIndexer indexer(*index, collectiontest::readPages);
        std::atomic<bool> cancel{false};
        COLLECTION_OK(summary, indexer.run(QStringLiteral("c1"), docs(), cancel));
        QCOMPARE(summary->added, 1);
        QCOMPARE(summary->unchanged, 1);
        QCOMPARE(found(*index, QString::fromUtf8("东京分店的销售额是多少？")),
                 QStringList({"zh.txt"}));
        QCOMPARE(found(*index, QStringLiteral("herons")), QStringList({"en.txt"}));
    }

    void aDamagedIndexIsRebuilt() {
        const QString path = dir_.filePath(QStringLiteral("damaged.db"));
        writeFile(path, QString(4096, QLatin1Char('?')));
        COLLECTION_OK(index, IndexDatabase::open(path));
        QCOMPARE(index->totals(QStringLiteral("c1"))->files, 0);
    }
};

QTEST_MAIN(TestCollectionIndex) // QGuiApplication: the PDFs are drawn with fonts
#include "tst_collection_index.moc"
