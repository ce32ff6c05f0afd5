#include "mathparser_p.h"

using namespace Qt::StringLiterals;

namespace hearth::math {

using detail::Failure;
using detail::Parser;

ParseResult parse(QStringView latex) {
    ParseResult result;
    if (latex.size() > kMaxLength) {
        result.error = ParseError{kMaxLength, u"formula too long"_s};
        return result;
    }
    try {
        Parser parser(latex);
        result.tree = parser.document();
        if (result.tree.children.empty()) {
            result.error = ParseError{0, u"empty formula"_s};
            result.tree = Node{};
        }
    } catch (const Failure& f) {
        result.error = ParseError{f.position, f.message};
        result.tree = Node{};
    }
    return result;
}

} // namespace hearth::math
