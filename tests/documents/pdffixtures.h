// PDFs written by the tests with Qt's own PDF writer (QPdfWriter), so no fixture file is
// checked in: pages of text, pages with only a picture (what a scanner makes), and many
// pages. Needs a QGuiApplication (fonts).
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
