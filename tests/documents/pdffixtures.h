// PDFs written by the tests with Qt's own PDF writer (QPdfWriter), so no fixture file is
// checked in: pages of text, pages with only a picture (what a scanner makes), and many
// pages; and such a PDF encrypted by qpdf (Qt's writer cannot encrypt). Needs a
// QGuiApplication (fonts).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// One page per string, each drawn as text (a real text layer). `title` goes into the
// document's metadata when not empty.
QByteArray pdfWithPages(const QStringList& pages, const QString& title = {});
// `pages` pages holding "Page <n> of the long document" (1-based).
QByteArray pdfWithNumberedPages(int pages);
// Pages with a picture of text and no text layer.
QByteArray pdfWithoutText(int pages);

// How encryptedPdf protects a PDF: RC4 with a 40-bit key (PDF 1.1), AES-128 (PDF 1.6) or
// AES-256 (PDF 2.0).
enum class PdfCipher { Rc4Bits40, Aes128, Aes256 };

// `pdf` encrypted by qpdf with `userPassword` (empty: it opens without one, as a PDF that
// only restricts printing or copying does) and the owner password "owner". Empty when qpdf
// is not installed or fails; then `why` says which.
QByteArray encryptedPdf(const QByteArray& pdf, const QString& userPassword, PdfCipher cipher,
                        QString* why);
// What qpdf says of `pdf`: 0 it needs a password to open, 2 it is not encrypted, 3 it is
// encrypted and opens without a password (qpdf --requires-password's exit status); -1 when
// qpdf could not be run.
int qpdfRequiresPassword(const QByteArray& pdf);
