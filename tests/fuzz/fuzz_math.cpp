// libFuzzer target: LaTeX formulas through the parser, the MathML writer and the box layout,
// and answer text through the formula scanner. The input is used both as one formula and
// as text to scan. Checks: the parser returns a tree or an error (never both, never
// neither); a parsed formula gives MathML and a box with finite dimensions; the scanner's
// spans cover the text exactly. A failed check aborts.
#include "formula.h"
#include "mathml.h"
#include "mathscan.h"

#include <QGuiApplication>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace {

// The layout measures glyphs, which needs a QGuiApplication (offscreen unless told otherwise).
void ensureApplication() {
    if (QGuiApplication::instance() == nullptr) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        static int argc = 1;
        static char name[] = "fuzz_math";
        static char* argv[] = {name, nullptr};
        static QGuiApplication app(argc, argv);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ensureApplication();
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    using namespace hearth::math;

    const ParseResult parsed = parse(text);
    if (parsed.ok() == parsed.error.has_value()) {
        std::abort();
    }
    if (parsed.ok()) {
        if (toMathML(text, true).isEmpty()) {
            std::abort();
        }
        const Formula formula(text, size % 2 == 0, MathFonts{});
        if (!formula.ok() || !std::isfinite(formula.width()) || !std::isfinite(formula.ascent()) ||
            !std::isfinite(formula.descent())) {
            std::abort();
        }
    } else if (parsed.error->position < 0 || parsed.error->position > text.size()) {
        std::abort();
    }

    qsizetype at = 0;
    for (const TextSpan& span : splitMath(text)) {
        if (span.start != at || span.length <= 0) {
            std::abort();
        }
        at += span.length;
    }
    if (at != text.size()) {
        std::abort();
    }
    return 0;
}
