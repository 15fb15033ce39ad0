#include "reports/score_report.hpp"

#include "reports/time_zone.hpp"

#include <algorithm>
#include <unordered_map>

namespace touchpoint::reports {
namespace {

void add(score_distribution& into, const score_distribution& from) {
    for (const auto& [score, count] : from) into[score] += count;
}

std::int64_t answers_in(const score_distribution& distribution) {
    std::int64_t n = 0;
    for (const auto& [score, count] : distribution) n += count;
    return n;
}

} // namespace

score_summary summarize_scores(surveys::question_type type, score_distribution distribution) {
    auto statistics = compute_statistics(type, distribution);
    return {std::move(distribution), std::move(statistics)};
}

const scored_question* headline_of(const score_report& report) {
    for (const auto type : {surveys::question_type::nps, surveys::question_type::csat, surveys::question_type::ces})
        for (const auto& question : report.questions)
            if (const auto* scored = std::get_if<scored_question>(&question); scored && scored->type == type) return scored;
    return nullptr;
}

std::vector<score_segment> score_segments(surveys::question_type type,
                                          const std::map<segment_value, score_distribution>& by_segment,
                                          std::size_t* omitted) {
    score_distribution total;
    std::vector<std::pair<std::int64_t, const std::pair<const segment_value, score_distribution>*>> ordered;
    for (const auto& entry : by_segment) {
        add(total, entry.second);
        ordered.emplace_back(answers_in(entry.second), &entry);
    }
    // Largest first; equal sizes by value so the order is stable.
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (omitted) *omitted = ordered.size() > max_segments ? ordered.size() - max_segments : 0;
    if (ordered.size() > max_segments) ordered.resize(max_segments);
    std::vector<score_segment> out;
    for (const auto& [n, entry] : ordered) {
        const auto& [value, distribution] = *entry;
        score_distribution rest = total;
        for (const auto& [score, count] : distribution) {
            rest[score] -= count;
            if (rest[score] == 0) rest.erase(score);
        }
        out.push_back({value, summarize_scores(type, distribution), compare_periods(type, rest, distribution)});
    }
    return out;
}

scored_question score_question(const question_scores& scores, const score_report_options& options) {
    score_distribution total;
    std::map<std::int64_t, score_distribution> buckets;
    for (const auto& [day, distribution] : scores.by_day) {
        add(total, distribution);
        if (options.bucket_interval) add(buckets[bucket_start(day, *options.bucket_interval)], distribution);
    }
    scored_question out{scores.id, scores.type, summarize_scores(scores.type, std::move(total)), {}, {}, 0};
    if (options.bucket_interval) {
        auto& list = out.buckets.emplace();
        for (auto& [start, distribution] : buckets) {
            score_bucket bucket{start, summarize_scores(scores.type, std::move(distribution)), std::nullopt, 0};
            // Against the bucket before it that has answers.
            if (!list.empty()) {
                bucket.change = compare_periods(scores.type, list.back().scores.distribution, bucket.scores.distribution);
                bucket.previous_start = list.back().start;
            }
            list.push_back(std::move(bucket));
        }
    }
    if (options.segmented) out.segments = score_segments(scores.type, scores.by_segment, &out.segments_omitted);
    return out;
}

struct score_report_builder::state {
    const time_zone& zone;
    score_report_options options;
    std::vector<std::string> order; // question ids in the definition's order
    std::map<std::string, question_scores> scored;
    std::map<std::string, choice_tally> tallies;
    std::map<std::string, std::map<segment_value, choice_tally>> segment_tallies;
    std::unordered_map<std::int64_t, day_split> splits; // UTC day -> its local days

    const day_split& split_of(std::int64_t utc_day) {
        auto found = splits.find(utc_day);
        if (found == splits.end()) found = splits.emplace(utc_day, zone.split_of_utc_day(utc_day)).first;
        return found->second;
    }

    choice_tally& segment_tally(const choice_tally& whole, const segment_value& value) {
        auto& tally = segment_tallies[whole.id][value];
        if (tally.id.empty()) {
            tally.id = whole.id;
            tally.type = whole.type;
            tally.options = whole.options;
        }
        return tally;
    }
};

score_report_builder::score_report_builder(const std::vector<surveys::question>& questions, const time_zone& zone,
                                           score_report_options options)
    : state_(std::make_unique<state>(state{zone, options, {}, {}, {}, {}, {}})) {
    for (const auto& q : questions) {
        if (surveys::is_scored(q.type) || q.type == surveys::question_type::yes_no) {
            state_->scored[q.id] = {q.id, q.type, {}, {}};
            state_->order.push_back(q.id);
        } else if (surveys::has_options(q.type)) {
            auto& tally = state_->tallies[q.id];
            tally.id = q.id;
            tally.type = q.type;
            for (const auto& option : q.options) tally.options.push_back(option.id);
            state_->order.push_back(q.id);
        }
    }
}

score_report_builder::~score_report_builder() = default;

void score_report_builder::add_scores(const std::string& question_id, std::int64_t utc_day, std::int64_t score,
                                      std::int64_t count, std::int64_t after_cut, const segment_value& segment) {
    auto q = state_->scored.find(question_id);
    if (q == state_->scored.end()) return;
    // [0, cut) of the UTC day belongs to one local day, the rest to the next.
    const auto& split = state_->split_of(utc_day);
    if (count > after_cut) q->second.by_day[split.before][score] += count - after_cut;
    if (after_cut > 0) q->second.by_day[split.after][score] += after_cut;
    if (state_->options.segmented) q->second.by_segment[segment][score] += count;
}

void score_report_builder::add_choice(const std::string& question_id, const std::string& option, std::int64_t count,
                                      const segment_value& segment) {
    auto q = state_->tallies.find(question_id);
    if (q == state_->tallies.end()) return;
    q->second.counts[option] += count;
    if (state_->options.segmented) state_->segment_tally(q->second, segment).counts[option] += count;
}

void score_report_builder::add_choice_respondents(const std::string& question_id, std::int64_t count,
                                                  const segment_value& segment) {
    auto q = state_->tallies.find(question_id);
    if (q == state_->tallies.end()) return;
    q->second.respondents += count;
    if (state_->options.segmented) state_->segment_tally(q->second, segment).respondents += count;
}

std::vector<report_question> score_report_builder::questions() const {
    std::vector<report_question> out;
    for (const auto& id : state_->order) {
        if (auto scored = state_->scored.find(id); scored != state_->scored.end()) {
            out.emplace_back(score_question(scored->second, state_->options));
            continue;
        }
        const auto& tally = state_->tallies.at(id);
        choice_question question{count_choices(tally), std::nullopt, 0};
        if (state_->options.segmented) {
            const auto segments = state_->segment_tallies.find(id);
            question.segments = segments == state_->segment_tallies.end()
                                    ? std::vector<choice_segment>{}
                                    : choice_segments(segments->second, &question.segments_omitted);
        }
        out.emplace_back(std::move(question));
    }
    return out;
}

} // namespace touchpoint::reports
