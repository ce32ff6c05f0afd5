#include "pdffixtures.h"

#include <QBuffer>
#include <QFont>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace {

template <class Draw> QByteArray writePdf(int pages, const QString& title, Draw draw) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Hearth tests"));
    QPainter painter(&writer);
    QFont font(QStringLiteral("Noto Sans"));
    font.setPixelSize(14);
    painter.setFont(font);
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            writer.newPage();
        }
        draw(painter, i);
    }
    painter.end();
    return buffer.data();
}

} // namespace

QByteArray pdfWithPages(const QStringList& pages, const QString& title) {
    return writePdf(int(pages.size()), title, [&](QPainter& painter, int i) {
        painter.drawText(QRect(40, 40, 500, 700), Qt::TextWordWrap, pages[i]);
    });
}

QByteArray pdfWithNumberedPages(int pages) {
    return writePdf(pages, {}, [](QPainter& painter, int i) {
        painter.drawText(40, 60, QStringLiteral("Page %1 of the long document").arg(i + 1));
    });
}

QByteArray pdfWithoutText(int pages) {
    // A picture of words, as a scanner would make it: pixels, not text.
    QImage scan(400, 120, QImage::Format_RGB32);
    scan.fill(Qt::white);
    QPainter imagePainter(&scan);
    imagePainter.setPen(Qt::black);
    imagePainter.drawText(QRect(10, 10, 380, 100), Qt::AlignLeft, QStringLiteral("Scanned words"));
    imagePainter.end();
    return writePdf(pages, {}, [&](QPainter& painter, int) {
        painter.drawImage(QRect(40, 40, 400, 120), scan);
    });
}
