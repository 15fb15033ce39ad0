#include "reports/lifecycle_report.hpp"

#include "reports/csv_writer.hpp"
#include "reports/json_cell.hpp"
#include "reports/period_change.hpp"
#include "reports/rounding.hpp"
#include "reports/score_report.hpp"
#include "reports/time_bucket.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace touchpoint::reports {
namespace json = boost::json;

namespace {

double days_between(std::int64_t from_ms, std::int64_t to_ms) {
    return static_cast<double>(to_ms - from_ms) / static_cast<double>(millis_per_day);
}

// The value at quantile q of sorted values, between the two nearest ranks.
double quantile(const std::vector<float>& sorted, double q) {
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - static_cast<double>(below));
}

json::value summary_json(std::vector<float>& values) {
    const auto s = summarize(values);
    if (s.n == 0) return nullptr;
    return json::object{{"n", s.n}, {"median", round2(s.median)}, {"mean", round2(s.mean)}, {"p90", round2(s.p90)},
                        {"min", round2(s.min)}, {"max", round2(s.max)}};
}

json::value share(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return nullptr;
    return round2(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string month_of(std::int64_t first_day) { return format_day(first_day).substr(0, 7); }

} // namespace

summary summarize(std::vector<float>& values) {
    summary out;
    out.n = values.size();
    if (values.empty()) return out;
    std::ranges::sort(values);
    out.median = quantile(values, 0.5);
    out.p90 = quantile(values, 0.9);
    out.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    out.min = values.front();
    out.max = values.back();
    return out;
}

// What the report measures over one group of contacts (the whole period or a cohort).
struct lifecycle_report_builder::measures {
    std::int64_t contacts = 0;
    // Floats: a day's fraction to the second needs no more, and a million
    // contacts cost 4 MB per measure instead of 8.
    std::vector<float> days_to_onboard;
    std::vector<float> interactions;
    std::vector<std::vector<float>> days_to_milestone;

    explicit measures(std::size_t milestones) : days_to_milestone(milestones) {}

    void add(const lifecycle_contact& contact) {
        ++contacts;
        if (contact.ended) days_to_onboard.push_back(static_cast<float>(days_between(contact.started, *contact.ended)));
        if (contact.ended && contact.interactions) interactions.push_back(static_cast<float>(*contact.interactions));
        for (std::size_t i = 0; i < days_to_milestone.size() && i < contact.milestones.size(); ++i)
            if (contact.milestones[i])
                days_to_milestone[i].push_back(static_cast<float>(days_between(contact.started, *contact.milestones[i])));
    }

    void absorb(const measures& other) {
        contacts += other.contacts;
        days_to_onboard.insert(days_to_onboard.end(), other.days_to_onboard.begin(), other.days_to_onboard.end());
        interactions.insert(interactions.end(), other.interactions.begin(), other.interactions.end());
        for (std::size_t i = 0; i < days_to_milestone.size(); ++i)
            days_to_milestone[i].insert(days_to_milestone[i].end(), other.days_to_milestone[i].begin(),
                                        other.days_to_milestone[i].end());
    }

    json::object to_json(const lifecycle_settings& settings) {
        json::object out;
        out["contacts"] = contacts;
        const auto reached = static_cast<std::int64_t>(days_to_onboard.size());
        json::object onboarding{{"reached", reached}, {"not_reached", contacts - reached},
                                {"reached_share", share(reached, contacts)}, {"days", summary_json(days_to_onboard)}};
        if (!settings.interactions.empty()) onboarding["interactions"] = summary_json(interactions);
        out["onboarding"] = std::move(onboarding);
        json::array milestones;
        for (std::size_t i = 0; i < days_to_milestone.size(); ++i) {
            const auto got = static_cast<std::int64_t>(days_to_milestone[i].size());
            milestones.push_back(json::object{{"name", settings.milestones[i]}, {"reached", got},
                                              {"not_reached", contacts - got}, {"reached_share", share(got, contacts)},
                                              {"days", summary_json(days_to_milestone[i])}});
        }
        out["milestones"] = std::move(milestones);
        return out;
    }
};

lifecycle_report_builder::lifecycle_report_builder(lifecycle_settings settings, const time_zone& zone)
    : settings_(std::move(settings)), zone_(zone) {}
lifecycle_report_builder::lifecycle_report_builder(lifecycle_report_builder&&) noexcept = default;
lifecycle_report_builder::~lifecycle_report_builder() = default;

void lifecycle_report_builder::add(const lifecycle_contact& contact) {
    const auto month = bucket_start(zone_.local_day(contact.started), interval::month);
    auto& cohort = cohorts_[month];
    if (!cohort) cohort = std::make_unique<measures>(settings_.milestones.size());
    cohort->add(contact);
    if (!settings_.satisfaction || !contact.score) return;
    if (contact.ended) onboarded_scores_.emplace_back(days_between(contact.started, *contact.ended), *contact.score);
    else ++not_onboarded_scores_[*contact.score];
}

json::object lifecycle_report_builder::to_json() {
    // The whole period is the cohorts together, gathered only now: while rows
    // stream in, each contact's figures are held once.
    measures all(settings_.milestones.size());
    for (const auto& [first_day, cohort] : cohorts_) all.absorb(*cohort);
    std::optional<double> median_days; // of everyone who onboarded
    if (!all.days_to_onboard.empty()) median_days = summarize(all.days_to_onboard).median;
    json::object report = all.to_json(settings_);
    json::array cohorts;
    for (auto& [first_day, cohort] : cohorts_) {
        json::object entry{{"month", month_of(first_day)}};
        for (auto& [key, value] : cohort->to_json(settings_)) entry[key] = std::move(value);
        cohorts.push_back(std::move(entry));
    }
    report["cohorts"] = std::move(cohorts);

    if (!settings_.satisfaction) {
        report["satisfaction"] = nullptr;
        return report;
    }
    const auto& question = *settings_.satisfaction;
    json::object satisfaction{{"survey_id", question.survey_id}, {"question_id", question.question_id},
                              {"type", surveys::to_string(question.type)}};
    const auto threshold = settings_.fast_days ? settings_.fast_days : median_days;
    satisfaction["fast_days"] = threshold ? json::value(round2(*threshold)) : json::value(nullptr);
    satisfaction["threshold"] = settings_.fast_days ? "fast_days" : "median days to onboard";
    score_distribution fast, slow;
    for (const auto& [days, score] : onboarded_scores_) ++((threshold && days <= *threshold) ? fast : slow)[score];
    satisfaction["fast"] = statistics_to_json(compute_statistics(question.type, fast));
    satisfaction["slow"] = statistics_to_json(compute_statistics(question.type, slow));
    satisfaction["not_onboarded"] = statistics_to_json(compute_statistics(question.type, not_onboarded_scores_));
    // Fast minus slow, with the score report's z test.
    const auto compared = compare_periods(question.type, slow, fast);
    satisfaction["fast_versus_slow"] = compared ? json::value(period_change_to_json(*compared)) : json::value(nullptr);
    report["satisfaction"] = std::move(satisfaction);
    return report;
}

namespace {

void cohort_rows(std::string& out, const std::string& month, const json::object& group) {
    const auto* onboarding = group.if_contains("onboarding");
    if (onboarding && onboarding->is_object()) {
        const auto& o = onboarding->get_object();
        append_csv_row(out, {month, "onboarding", cell(group.if_contains("contacts")), cell(o.if_contains("reached")),
                             cell(o.if_contains("not_reached")), cell(o.if_contains("reached_share")),
                             cell(at_path(o, {"days", "median"})), cell(at_path(o, {"days", "mean"})),
                             cell(at_path(o, {"days", "p90"})), cell(at_path(o, {"interactions", "median"})),
                             cell(at_path(o, {"interactions", "mean"})), cell(at_path(o, {"interactions", "p90"}))});
    }
    const auto* milestones = group.if_contains("milestones");
    if (!milestones || !milestones->is_array()) return;
    for (const auto& item : milestones->get_array()) {
        const auto& m = item.as_object();
        append_csv_row(out, {month, cell(m.if_contains("name")), cell(group.if_contains("contacts")),
                             cell(m.if_contains("reached")), cell(m.if_contains("not_reached")),
                             cell(m.if_contains("reached_share")), cell(at_path(m, {"days", "median"})),
                             cell(at_path(m, {"days", "mean"})), cell(at_path(m, {"days", "p90"})), "", "", ""});
    }
}

} // namespace

std::string lifecycle_cohorts_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"month", "measure", "contacts", "reached", "not_reached", "reached_share", "median_days",
                         "mean_days", "p90_days", "interactions_median", "interactions_mean", "interactions_p90"});
    cohort_rows(out, "all", report);
    if (const auto* cohorts = report.if_contains("cohorts"); cohorts && cohorts->is_array())
        for (const auto& cohort : cohorts->get_array())
            cohort_rows(out, cell(cohort.as_object().if_contains("month")), cohort.as_object());
    return out;
}

std::string lifecycle_satisfaction_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"group", "n", "mean", "nps", "satisfied_share", "easy_share"});
    const auto* satisfaction = report.if_contains("satisfaction");
    if (!satisfaction || !satisfaction->is_object()) return out;
    for (const char* group : {"fast", "slow", "not_onboarded"}) {
        const auto* stats = satisfaction->get_object().if_contains(group);
        if (!stats || !stats->is_object()) continue;
        const auto& s = stats->get_object();
        append_csv_row(out, {group, cell(s.if_contains("n")), cell(s.if_contains("mean")), cell(at_path(s, {"nps", "score"})),
                             cell(at_path(s, {"csat", "satisfied_share"})), cell(at_path(s, {"ces", "easy_share"}))});
    }
    return out;
}

} // namespace touchpoint::reports
