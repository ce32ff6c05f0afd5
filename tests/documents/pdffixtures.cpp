#include "pdffixtures.h"

#include <QBuffer>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

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

// Writes `pdf` into `dir` as in.pdf and runs qpdf with `arguments`; its exit status, or -1.
int runQpdf(const QTemporaryDir& dir, const QByteArray& pdf, const QStringList& arguments,
            QString* why) {
    const QString qpdf = QStandardPaths::findExecutable(QStringLiteral("qpdf"));
    if (qpdf.isEmpty()) {
        *why = QStringLiteral("qpdf is not installed (it makes the encrypted PDFs)");
        return -1;
    }
    QFile in(dir.filePath(QStringLiteral("in.pdf")));
    if (!in.open(QIODevice::WriteOnly) || in.write(pdf) != pdf.size()) {
        *why = QStringLiteral("cannot write ") + in.fileName();
        return -1;
    }
    in.close();
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(qpdf, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        *why = QStringLiteral("qpdf did not finish: ") + process.errorString();
        return -1;
    }
    *why = QString::fromUtf8(process.readAllStandardError());
    return process.exitCode();
}

} // namespace

QByteArray encryptedPdf(const QByteArray& pdf, const QString& userPassword, PdfCipher cipher,
                        QString* why) {
    QTemporaryDir dir;
    QStringList arguments;
    switch (cipher) {
    case PdfCipher::Rc4Bits40: // qpdf writes RC4 only when told that it is weak
        arguments = {QStringLiteral("--allow-weak-crypto"), QStringLiteral("--encrypt"),
                     userPassword, QStringLiteral("owner"), QStringLiteral("40")};
        break;
    case PdfCipher::Aes128:
        arguments = {QStringLiteral("--encrypt"), userPassword, QStringLiteral("owner"),
                     QStringLiteral("128"), QStringLiteral("--use-aes=y")};
        break;
    case PdfCipher::Aes256:
        arguments = {QStringLiteral("--encrypt"), userPassword, QStringLiteral("owner"),
                     QStringLiteral("256")};
        break;
    }
    arguments << QStringLiteral("--") << QStringLiteral("in.pdf") << QStringLiteral("out.pdf");
    if (const int status = runQpdf(dir, pdf, arguments, why); status != 0) {
        if (status > 0) {
            *why = QStringLiteral("qpdf failed (%1): %2").arg(status).arg(*why);
        }
        return {};
    }
    QFile out(dir.filePath(QStringLiteral("out.pdf")));
    if (!out.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("qpdf wrote no file");
        return {};
    }
    return out.readAll();
}

int qpdfRequiresPassword(const QByteArray& pdf) {
    QTemporaryDir dir;
    QString why;
    return runQpdf(dir, pdf, {QStringLiteral("--requires-password"), QStringLiteral("in.pdf")},
                   &why);
}

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
