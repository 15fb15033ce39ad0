// The text report of a survey: per free-text question, the themes comments
// mention (with their sentiment, the score of those who mention them and
// verbatims), which themes detractors mention more than promoters (drivers),
// and the key phrases the comments repeat. Built from stored analyses streamed
// one row at a time: memory depends on themes and phrases, not on comments.
#pragma once

#include "reports/score_statistics.hpp"
#include "reports/text/themes.hpp"
#include "surveys/question_type.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports {

// One text answer with its stored analysis and the response's headline score.
struct text_row {
    std::string question_id;
    std::string response_id;
    std::int64_t created_at = 0;
    std::string text;
    bool analysed = false; // false: the text pass has not reached it yet
    std::string language;
    double sentiment = 0;
    std::string feeling;
    std::string themes;  // ids separated by spaces
    std::string phrases; // "stems\twords" lines
    std::optional<std::int64_t> score; // on the headline question
};

struct text_report_options {
    std::size_t verbatims = 3;            // per theme and side (most negative, most positive)
    std::size_t top_phrases = 20;
    std::size_t phrases_per_theme = 5;
    std::size_t max_tracked_phrases = 20'000; // beyond, phrases seen once are dropped
    std::int64_t min_phrase_mentions = 2;
};

// The headline question comments are read against (see surveys/score_band.hpp).
struct headline {
    std::string id;
    surveys::question_type type = surveys::question_type::nps;
};

class text_report_builder {
public:
    text_report_builder(std::shared_ptr<const text::theme_taxonomy> taxonomy, std::optional<headline> scored_by,
                        std::vector<std::string> question_ids, text_report_options options = {});
    ~text_report_builder();
    text_report_builder(const text_report_builder&) = delete;
    text_report_builder& operator=(const text_report_builder&) = delete;

    void add(const text_row& row);
    // {"headline", "questions":[{"id","comments","analysed","pending","languages",
    //   "sentiment","themes","drivers","phrases","verbatims"}]}
    boost::json::object to_json() const;

private:
    struct question_totals;
    std::shared_ptr<const text::theme_taxonomy> taxonomy_;
    std::optional<headline> headline_;
    text_report_options options_;
    std::vector<std::string> order_;
    std::map<std::string, std::unique_ptr<question_totals>> questions_;
};

} // namespace touchpoint::reports
