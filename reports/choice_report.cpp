#include "reports/choice_report.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

namespace touchpoint::reports {
namespace json = boost::json;

json::object choice_question_report(const choice_tally& tally) {
    auto choice = [&](const std::string& option, std::int64_t count) {
        const double share = tally.respondents > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(tally.respondents) : 0.0;
        return json::object{{"id", option}, {"count", count}, {"share", std::round(share * 100.0) / 100.0}};
    };
    json::array choices;
    for (const auto& option : tally.options) {
        const auto found = tally.counts.find(option);
        choices.push_back(choice(option, found == tally.counts.end() ? 0 : found->second));
    }
    for (const auto& [option, count] : tally.counts)
        if (std::find(tally.options.begin(), tally.options.end(), option) == tally.options.end())
            choices.push_back(choice(option, count));
    return json::object{{"id", tally.id},
                        {"type", surveys::to_string(tally.type)},
                        {"n", tally.respondents},
                        {"choices", std::move(choices)}};
}

json::array choice_segments_report(const std::map<segment_value, choice_tally>& by_segment, std::size_t* omitted) {
    std::vector<const std::pair<const segment_value, choice_tally>*> ordered;
    for (const auto& entry : by_segment) ordered.push_back(&entry);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->second.respondents > b->second.respondents; });
    if (omitted) *omitted = ordered.size() > max_segments ? ordered.size() - max_segments : 0;
    if (ordered.size() > max_segments) ordered.resize(max_segments);
    json::array out;
    for (const auto* entry : ordered) {
        auto report = choice_question_report(entry->second);
        json::object segment{{"value", entry->first ? json::value(*entry->first) : json::value(nullptr)},
                             {"n", report["n"]},
                             {"choices", std::move(report["choices"])}};
        out.push_back(std::move(segment));
    }
    return out;
}

} // namespace touchpoint::reports
