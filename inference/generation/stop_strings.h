// Stop strings on streamed text: the text a stream may show, holding back whatever could
// still become one of the stop strings, and ending at the first one found. A stop string
// that arrives split across pieces (and tokens) is found all the same, and neither it nor
// anything after it is ever given out.
//
// Pieces must be whole UTF-8 (the detokenizer's); what is held back is always a prefix of a
// stop string, so every piece given out is whole UTF-8 too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth {

class StopStringFilter {
public:
    // Empty strings are ignored; no stop strings: every piece passes at once.
    explicit StopStringFilter(std::vector<std::string> stops);

    // The text that is certain now: everything up to what might begin a stop string or, at
    // a match, everything before the earliest match (then stopped() is true and later pieces
    // are dropped).
    std::string push(std::string_view text);
    // The end of the stream: whatever was held back (it never became a stop string).
    std::string finish();

    bool stopped() const { return stopped_; }
    // The stop string that matched ("" before a match).
    const std::string& matched() const { return matched_; }

private:
    std::vector<std::string> stops_;
    std::string held_;
    std::string matched_;
    bool stopped_ = false;
};

} // namespace hearth
