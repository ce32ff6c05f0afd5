#include "archivesources.h"

namespace hearth::storage::archive {

namespace {

// A whole number from `min` to `max` (the table's int columns), or a problem for `key`.
int bounded(Fields& f, const char* key, int64_t min, int64_t max) {
    const std::optional<int64_t> v = f.optional_integer(key);
    if (!v || *v < min || *v > max) {
        f.fail(key, "expected a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
        return int(min);
    }
    return int(*v);
}

} // namespace

std::vector<std::string> read_names(Fields& f, const char* key) {
    std::vector<std::string> names;
    json::Value list = f.take(key);
    if (!list.is_array()) {
        f.fail(key, "expected an array of texts");
        return names;
    }
    for (json::Value& name : list.array()) {
        if (!name.is_string() || name.string().empty()) {
            f.fail(key, "expected an array of texts that are not empty");
            return {};
        }
        if (name.string().find_first_of("\r\n") != std::string::npos) {
            f.fail(key, "a name holds a line break");
            return {};
        }
        names.push_back(std::move(name.string()));
    }
    return names;
}

// The document search behind an answer (archive version 4; earlier versions have none):
// the collections' names and the sources numbered 1 to N in order, as the prompt gave them.
std::optional<AnswerSearch> read_document_search(Fields& parent, Role role) {
    if (!parent.has("document_search") || parent.is_null("document_search")) {
        return std::nullopt;
    }
    if (role != Role::Assistant) {
        parent.fail("document_search", "only an answer has sources");
        return std::nullopt;
    }
    Fields f(parent.take("document_search"), parent.where() + ".document_search");
    AnswerSearch search;
    search.collections = read_names(f, "collections");
    json::Value list = f.take("sources");
    if (!list.is_array()) {
        f.fail("sources", "expected an array");
    } else {
        constexpr int64_t kMax = 0x7fffffff;
        for (size_t i = 0; i < list.array().size(); ++i) {
            Fields g(std::move(list.array()[i]), f.where() + ".sources[" + std::to_string(i) + "]");
            AnswerSource a;
            if (g.optional_integer("number") != std::optional<int64_t>(int64_t(i) + 1)) {
                g.fail("number", "expected " + std::to_string(i + 1) +
                                     ": sources are numbered from 1 in order");
            }
            a.number = int(i) + 1;
            a.collection = g.string("collection");
            a.path = g.string("path");
            a.title = g.string("title");
            a.page = bounded(g, "page", 1, kMax);
            a.pages = bounded(g, "pages", a.page, kMax);
            a.start = bounded(g, "start", 0, kMax);
            a.excerpt = g.string("excerpt");
            if (a.path.empty()) {
                g.fail("path", "expected the path of the file");
            }
            if (std::optional<Error> e = g.finish()) {
                f.take_error(std::move(*e));
                break;
            }
            search.sources.push_back(std::move(a));
        }
    }
    if (std::optional<Error> e = f.finish()) {
        parent.take_error(std::move(*e));
    }
    return search;
}

} // namespace hearth::storage::archive
