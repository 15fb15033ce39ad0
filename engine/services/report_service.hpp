// Score, text and lifecycle reports: the store's aggregates fetched and handed
// to the report builders of reports/.
#pragma once

#include "engine/services/service_error.hpp"
#include "engine/store/report_repository.hpp"
#include "reports/lifecycle_report.hpp"
#include "reports/score_report.hpp"
#include "reports/time_bucket.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class survey_service;
class text_model_service;

struct score_report_query {
    store::report_filter filter;
    store::report_segment segment;
    std::string segment_name; // as asked: "channel", "attr.plan"
    std::optional<reports::interval> bucket_interval;
    std::string timezone = "UTC"; // an IANA name; buckets follow its calendar
    // Response rates join every invitation to its response (about 1 µs each on
    // SQLite), which would dominate a report that is otherwise one index scan.
    bool include_rates = false;
};

struct lifecycle_report_query {
    reports::lifecycle_settings settings; // its satisfaction is filled from survey_id
    std::optional<std::int64_t> from, to;  // the start event in [from, to)
    std::string timezone = "UTC";          // cohorts are its calendar months
    std::optional<std::string> survey_id;  // the onboarding survey, for satisfaction
    std::optional<std::string> question_id; // default: the survey's headline question
};

class report_service {
public:
    report_service(store::database& db, survey_service& surveys, const text_model_service& texts)
        : db_(db), surveys_(surveys), texts_(texts) {}

    outcome<reports::score_report> scores(const std::string& survey_id, const score_report_query& query);
    // Themes, drivers, phrases and verbatims of the free-text answers; the
    // query's filters apply, its interval and segment do not.
    outcome<boost::json::object> text(const std::string& survey_id, const score_report_query& query);

    // Onboarding and milestone timing by monthly cohort from the events.
    outcome<boost::json::object> lifecycle(lifecycle_report_query query);

private:
    store::database& db_;
    survey_service& surveys_;
    const text_model_service& texts_;
};

} // namespace touchpoint::engine::services
