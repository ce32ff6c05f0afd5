#include "textdecoding.h"

#include <QStringDecoder>
#include <array>
#include <optional>

namespace {

// Byte sequences are written in hex ("89504E47" is "\x89PNG").
struct Magic {
    const char* hex;
    const char* name;
};

// First bytes of formats people are likely to drop on the composer by mistake, to name
// them in the message when the data is not text. Names are not translated (they are names).
constexpr std::array kMagic = {
    Magic{"89504E47", "PNG"},
    Magic{"FFD8FF", "JPEG"},
    Magic{"47494638", "GIF"},
    Magic{"504B0304", "ZIP"},
    Magic{"7F454C46", "ELF"},
    Magic{"1F8B", "gzip"},
    Magic{"D0CF11E0", "Office 97"},
    Magic{"377ABCAF", "7-Zip"},
    Magic{"52494646", "RIFF"},
    Magic{"494433", "MP3"},
    Magic{"4F676753", "Ogg"},
    Magic{"47475546", "GGUF"},
    Magic{"53514C69746520666F726D617420", "SQLite"},
    Magic{"4D5A", "EXE"},
};

struct Bom {
    const char* hex;
    QStringConverter::Encoding encoding;
};

// UTF-32 LE before UTF-16 LE: its mark starts with the same two bytes.
constexpr std::array kBoms = {
    Bom{"FFFE0000", QStringConverter::Utf32LE}, Bom{"0000FEFF", QStringConverter::Utf32BE},
    Bom{"EFBBBF", QStringConverter::Utf8},      Bom{"FFFE", QStringConverter::Utf16LE},
    Bom{"FEFF", QStringConverter::Utf16BE},
};

// The length of the prefix `hex` if `data` starts with it, else 0.
qsizetype prefixLength(const QByteArray& data, const char* hex) {
    const QByteArray prefix = QByteArray::fromHex(hex);
    return data.startsWith(prefix) ? prefix.size() : 0;
}

// Text with many control characters (other than tab, line ends and form feed) is binary
// data without NUL bytes, not something a person wrote.
bool mostlyControl(const QString& text) {
    const qsizetype sample = std::min<qsizetype>(text.size(), 64 * 1024);
    qsizetype control = 0;
    for (qsizetype i = 0; i < sample; ++i) {
        const char16_t c = text[i].unicode();
        control += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    }
    return sample > 0 && control * 10 > sample;
}

} // namespace

QString binaryFormatName(const QByteArray& data) {
    for (const Magic& m : kMagic) {
        if (prefixLength(data, m.hex) > 0) {
            return QString::fromUtf8(m.name);
        }
    }
    return {};
}

void cleanText(QString& text) {
    bool clean = true;
    for (const QChar c : std::as_const(text)) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\t' && u != '\n') || u == 0x7F || u == 0xFEFF || u == 0xFFFE ||
            u == 0xFFFF) {
            clean = false;
            break;
        }
    }
    if (clean) {
        return;
    }
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u == '\r') {
            out += QLatin1Char('\n');
            if (i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
                ++i;
            }
        } else if (u == '\f') {
            out += QLatin1Char('\n');
        } else if ((u < 0x20 && u != '\t' && u != '\n') || u == 0x7F || u == 0xFEFF ||
                   u == 0xFFFE || u == 0xFFFF) {
            continue;
        } else {
            out += text[i];
        }
    }
    text = std::move(out);
}

DecodedText decodeText(const QByteArray& data) {
    DecodedText result;
    std::optional<QStringConverter::Encoding> encoding;
    qsizetype skip = 0;
    for (const Bom& bom : kBoms) {
        skip = prefixLength(data, bom.hex);
        if (skip > 0) {
            encoding = bom.encoding;
            break;
        }
    }
    if (!encoding) {
        if (data.contains('\0')) {
            result.format = binaryFormatName(data);
            result.failure = DocumentError::Kind::Binary;
            return result;
        }
        encoding = QStringConverter::Utf8;
    }
    QStringDecoder decoder(*encoding, QStringConverter::Flag::Stateless);
    QString text = decoder.decode(QByteArrayView(data).sliced(skip));
    if (decoder.hasError()) {
        // A known binary format (a JPEG has no NUL in its first bytes) is named as such.
        result.format = skip == 0 ? binaryFormatName(data) : QString();
        result.failure =
            result.format.isEmpty() ? DocumentError::Kind::Encoding : DocumentError::Kind::Binary;
        return result;
    }
    if (mostlyControl(text)) {
        result.failure = DocumentError::Kind::Binary;
        return result;
    }
    cleanText(text);
    result.ok = true;
    result.text = std::move(text);
    return result;
}
