// PDF -> text by page through Qt PDF (PDFium). Internal to hearth_documents; see
// documenttext.h for the contract.
#pragma once

#include "documenttext.h"

class QIODevice;

// `device` open for reading and seekable (a file or a buffer); `fileName` for messages and
// the fallback title.
DocumentResult extractPdf(QIODevice* device, const QString& fileName,
                          const DocumentProgress& progress);
