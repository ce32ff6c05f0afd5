#include "retrievalprompt.h"

#include "answersources.h"

namespace hearth::collections {

QString retrievalTurn(const QString& question, const QList<Passage>& passages,
                      const QStringList& collectionNames) {
    QStringList blocks;
    if (passages.isEmpty()) {
        QStringList quoted;
        for (const QString& name : collectionNames) {
            quoted.append(QLatin1Char('"') + name + QLatin1Char('"'));
        }
        blocks.append(QStringLiteral("The user's documents (%1) were searched for this question "
                                     "and nothing relevant was found. Say that the documents do "
                                     "not answer it, and cite no sources. If you answer from "
                                     "general knowledge, say so.")
                          .arg(quoted.join(QLatin1String(", "))));
    } else {
        blocks.append(QStringLiteral(
            "Answer the question using the numbered sources below, which come from the user's "
            "documents. Cite every source you use by its number in square brackets, like [1]. "
            "If the sources do not answer the question, say so instead of guessing, and never "
            "cite a source that is not listed."));
        for (qsizetype i = 0; i < passages.size(); ++i) {
            const Passage& p = passages[i];
            QString heading = QStringLiteral("[%1] %2").arg(i + 1).arg(p.title);
            if (p.pages > 1) {
                heading += QStringLiteral(", page %1").arg(p.page);
            }
            blocks.append(heading + QLatin1Char('\n') + p.text.trimmed());
        }
    }
    blocks.append(QStringLiteral("Question: ") + question.trimmed());
    return blocks.join(QLatin1String("\n\n"));
}

QList<int> citedNumbers(const QString& answer, int count) {
    const std::vector<int> numbers = storage::cited_numbers(answer.toStdString(), count);
    return QList<int>(numbers.begin(), numbers.end());
}

} // namespace hearth::collections
