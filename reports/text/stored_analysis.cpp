#include "reports/text/stored_analysis.hpp"

namespace touchpoint::reports::text {
namespace {

void for_each_part(std::string_view text, char separator, const std::function<void(std::string_view)>& visit) {
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find(separator, start), text.size());
        if (end > start) visit(text.substr(start, end - start));
        start = end + 1;
    }
}

} // namespace

std::string stored_themes(const std::vector<std::string>& theme_ids) {
    std::string out;
    for (const auto& id : theme_ids) {
        if (!out.empty()) out += ' ';
        out += id;
    }
    return out;
}

std::string stored_phrases(const std::vector<key_phrase>& phrases) {
    std::string out;
    for (const auto& phrase : phrases) {
        out += phrase.stems;
        out += '\t';
        out += phrase.words;
        out += '\n';
    }
    return out;
}

void for_each_stored_theme(std::string_view stored, const std::function<void(std::string_view)>& visit) {
    for_each_part(stored, ' ', visit);
}

void for_each_stored_phrase(std::string_view stored,
                            const std::function<void(std::string_view, std::string_view)>& visit) {
    for_each_part(stored, '\n', [&](std::string_view line) {
        const auto tab = line.find('\t');
        if (tab != std::string_view::npos) visit(line.substr(0, tab), line.substr(tab + 1));
    });
}

} // namespace touchpoint::reports::text
