#include "reports/choice_report.hpp"

#include "reports/rounding.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::reports {
namespace json = boost::json;

choice_counts count_choices(const choice_tally& tally) {
    choice_counts out{tally.id, tally.type, tally.respondents, {}};
    auto add = [&](const std::string& option, std::int64_t count) {
        const double share = tally.respondents > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(tally.respondents) : 0.0;
        out.options.push_back({option, count, share});
    };
    for (const auto& option : tally.options) {
        const auto found = tally.counts.find(option);
        add(option, found == tally.counts.end() ? 0 : found->second);
    }
    for (const auto& [option, count] : tally.counts)
        if (std::find(tally.options.begin(), tally.options.end(), option) == tally.options.end()) add(option, count);
    return out;
}

std::vector<choice_segment> choice_segments(const std::map<segment_value, choice_tally>& by_segment, std::size_t* omitted) {
    std::vector<const std::pair<const segment_value, choice_tally>*> ordered;
    for (const auto& entry : by_segment) ordered.push_back(&entry);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->second.respondents > b->second.respondents; });
    if (omitted) *omitted = ordered.size() > max_segments ? ordered.size() - max_segments : 0;
    if (ordered.size() > max_segments) ordered.resize(max_segments);
    std::vector<choice_segment> out;
    for (const auto* entry : ordered) {
        auto counts = count_choices(entry->second);
        out.push_back({entry->first, counts.n, std::move(counts.options)});
    }
    return out;
}

void tag_invoke(const json::value_from_tag&, json::value& out, const option_count& option) {
    out = json::object{{"id", option.id}, {"count", option.count}, {"share", round2(option.share)}};
}

void tag_invoke(const json::value_from_tag&, json::value& out, const choice_segment& segment) {
    out = json::object{{"value", segment.value ? json::value(*segment.value) : json::value(nullptr)},
                       {"n", segment.n},
                       {"choices", json::value_from(segment.options)}};
}

void tag_invoke(const json::value_from_tag&, json::value& out, const choice_counts& counts) {
    out = json::object{{"id", counts.id},
                       {"type", surveys::to_string(counts.type)},
                       {"n", counts.n},
                       {"choices", json::value_from(counts.options)}};
}

} // namespace touchpoint::reports
