// SQL aggregates behind the reports: nothing here loads individual responses.
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace touchpoint::engine::store {

// Which responses a report covers. Every field narrows it; attributes are the
// contact's current attributes, compared as text.
struct report_filter {
    std::optional<std::int64_t> from; // created_at in [from, to)
    std::optional<std::int64_t> to;
    std::optional<std::string> channel;
    std::optional<std::string> locale;
    std::optional<std::string> campaign_id;
    std::vector<std::pair<std::string, std::string>> attributes; // name, value
};

enum class segment_kind { none, channel, locale, campaign, attribute };

struct report_segment {
    segment_kind kind = segment_kind::none;
    std::string attribute; // for segment_kind::attribute
};

// Contact attribute names a report may name: letters, digits, '_', '-' and '.',
// 1 to 64 of them (they are spliced into a JSON path).
bool is_report_attribute_name(std::string_view name);

// Local midnights cut UTC days at an offset that changes only with DST: from
// first_day on (until the next run), each day is cut cut_ms after its start.
struct day_cut_run {
    std::int64_t first_day = 0;
    std::int64_t cut_ms = 0;
};

struct score_count {
    std::optional<std::string> segment; // set when the query is segmented (null values stay empty)
    std::string question_id;
    std::int64_t day = 0; // UTC days since 1970-01-01
    std::int64_t score = 0;
    std::int64_t count = 0;
    std::int64_t after_cut = 0; // how many of count were created at or after the day's cut
};

// The unfiltered aggregate behind score_counts, exposed so the benchmark can time it bare.
extern const char* const score_counts_sql;

struct choice_count {
    std::optional<std::string> segment;
    std::string question_id;
    std::string choice;
    std::int64_t count = 0;
};

// Responses that chose anything on a choice question: the base of its shares
// (with multi_choice one response counts once however many options it took).
struct choice_respondents {
    std::optional<std::string> segment;
    std::string question_id;
    std::int64_t count = 0;
};

// One text answer with its stored analysis, as the text report streams them.
struct text_answer_row {
    std::string question_id;
    std::string response_id;
    std::int64_t created_at = 0;
    std::string text;
    std::optional<int> revision; // 0: not analysed yet
    std::string language, feeling, themes, phrases;
    double sentiment = 0;
    std::optional<std::int64_t> score; // the response's answer to the headline question
};

// Invitations of one campaign (none: sent outside campaigns) and channel, and
// how far they got.
struct invitation_funnel {
    std::optional<std::string> campaign_id;
    std::string channel;
    std::int64_t invitations = 0;
    std::int64_t opened = 0;    // page shown, or answered
    std::int64_t responded = 0; // any answer stored
    std::int64_t completed = 0;
};

class report_repository {
public:
    explicit report_repository(soci::session& session) : session_(session) {}
    explicit report_repository(leased_session& lease) : session_(lease.session()) {}

    // The first and last UTC day holding a score for the survey; empty when none.
    std::optional<std::pair<std::int64_t, std::int64_t>> score_day_range(const std::string& survey_id);

    // Counts of each score per question and UTC day (and segment value). With
    // cuts, after_cut tells how many fall after each day's cut; without, all do.
    std::vector<score_count> score_counts(const std::string& survey_id, const report_filter& filter,
                                          const report_segment& segment = {},
                                          const std::vector<day_cut_run>& cuts = {});

    std::vector<choice_count> choice_counts(const std::string& survey_id, const report_filter& filter,
                                            const report_segment& segment = {});
    std::vector<choice_respondents> choice_respondent_counts(const std::string& survey_id, const report_filter& filter,
                                                             const report_segment& segment = {});

    // Streams the survey's text answers that pass the filter, each with the
    // response's score on `headline_question` (when given), in no set order.
    void for_each_text_answer(const std::string& survey_id, const report_filter& filter,
                              const std::optional<std::string>& headline_question,
                              const std::function<void(const text_answer_row&)>& visit);

    // Invitations of the survey per campaign and channel, created in the filter's
    // [from, to), for contacts with its attributes; its locale does not apply.
    std::vector<invitation_funnel> invitation_funnels(const std::string& survey_id, const report_filter& filter);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
