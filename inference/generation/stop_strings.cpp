#include "generation/stop_strings.h"

#include <algorithm>
#include <utility>

namespace hearth {

StopStringFilter::StopStringFilter(std::vector<std::string> stops) : stops_(std::move(stops)) {
    std::erase_if(stops_, [](const std::string& s) { return s.empty(); });
}

std::string StopStringFilter::push(std::string_view text) {
    if (stopped_) {
        return {};
    }
    if (stops_.empty()) {
        return std::string(text);
    }
    held_ += text;
    // The earliest match of any stop string (the longest one when several start there).
    size_t at = std::string::npos;
    for (const std::string& stop : stops_) {
        const size_t pos = held_.find(stop);
        if (pos != std::string::npos &&
            (pos < at || (pos == at && stop.size() > matched_.size()))) {
            at = pos;
            matched_ = stop;
        }
    }
    if (at != std::string::npos) {
        stopped_ = true;
        std::string out = held_.substr(0, at);
        held_.clear();
        return out;
    }
    // Hold back the longest end of the text that is the start of some stop string. It
    // begins where a stop string begins, so the text given out ends on a character boundary.
    size_t keep = 0;
    for (const std::string& stop : stops_) {
        const size_t longest = std::min(stop.size() - 1, held_.size());
        for (size_t k = longest; k > keep; --k) {
            if (std::string_view(held_).substr(held_.size() - k) ==
                std::string_view(stop).substr(0, k)) {
                keep = k;
                break;
            }
        }
    }
    std::string out = held_.substr(0, held_.size() - keep);
    held_.erase(0, held_.size() - keep);
    return out;
}

std::string StopStringFilter::finish() {
    if (stopped_) {
        return {};
    }
    return std::exchange(held_, {});
}

} // namespace hearth
