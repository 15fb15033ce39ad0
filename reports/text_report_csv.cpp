#include "reports/text_report_csv.hpp"

#include "reports/csv_writer.hpp"
#include "reports/json_cell.hpp"

#include <boost/json.hpp>

namespace touchpoint::reports {
namespace json = boost::json;

namespace {

template <class Visit>
void for_each_question(const json::object& report, Visit visit) {
    const auto* questions = report.if_contains("questions");
    if (!questions || !questions->is_array()) return;
    for (const auto& q : questions->get_array())
        if (q.is_object()) visit(q.get_object());
}

const json::array& array_at(const json::object& object, const char* key) {
    static const json::array empty;
    const auto* found = object.if_contains(key);
    return found && found->is_array() ? found->get_array() : empty;
}

void verbatim_rows(std::string& out, const json::object& question, const std::string& theme, const json::value* verbatims) {
    if (!verbatims || !verbatims->is_object()) return;
    for (const char* side : {"negative", "positive"})
        for (const auto& v : array_at(verbatims->get_object(), side)) {
            const auto& item = v.as_object();
            append_csv_row(out, {cell(question.if_contains("id")), theme, side, cell(item.if_contains("response_id")),
                                 cell(item.if_contains("language")), cell(item.if_contains("sentiment")),
                                 cell(item.if_contains("score")), cell(item.if_contains("text"))});
        }
}

} // namespace

std::string theme_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "theme", "name", "mentions", "share", "sentiment_mean", "positive", "negative",
                         "neutral", "mixed", "score_n", "nps", "satisfied_share", "easy_share", "score_mean"});
    for_each_question(report, [&](const json::object& q) {
        for (const auto& t : array_at(q, "themes")) {
            const auto& theme = t.as_object();
            append_csv_row(out, {cell(q.if_contains("id")), cell(theme.if_contains("id")), cell(theme.if_contains("name")),
                                 cell(theme.if_contains("mentions")), cell(theme.if_contains("share")),
                                 cell(at_path(theme, {"sentiment", "mean"})), cell(at_path(theme, {"sentiment", "positive"})),
                                 cell(at_path(theme, {"sentiment", "negative"})), cell(at_path(theme, {"sentiment", "neutral"})),
                                 cell(at_path(theme, {"sentiment", "mixed"})), cell(at_path(theme, {"score", "n"})),
                                 cell(at_path(theme, {"score", "nps", "score"})),
                                 cell(at_path(theme, {"score", "csat", "satisfied_share"})),
                                 cell(at_path(theme, {"score", "ces", "easy_share"})), cell(at_path(theme, {"score", "mean"}))});
        }
    });
    return out;
}

std::string driver_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "theme", "name", "low_band", "high_band", "low_mentions", "high_mentions",
                         "low_share", "high_share", "log_odds", "z", "significant", "leans"});
    for_each_question(report, [&](const json::object& q) {
        const auto* drivers = q.if_contains("drivers");
        if (!drivers || !drivers->is_object()) return;
        const auto& d = drivers->get_object();
        for (const auto& t : array_at(d, "themes")) {
            const auto& row = t.as_object();
            append_csv_row(out, {cell(q.if_contains("id")), cell(row.if_contains("theme")), cell(row.if_contains("name")),
                                 cell(d.if_contains("low_band")), cell(d.if_contains("high_band")),
                                 cell(row.if_contains("low_mentions")), cell(row.if_contains("high_mentions")),
                                 cell(row.if_contains("low_share")), cell(row.if_contains("high_share")),
                                 cell(row.if_contains("log_odds")), cell(row.if_contains("z")),
                                 cell(row.if_contains("significant")), cell(row.if_contains("leans"))});
        }
    });
    return out;
}

std::string phrase_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "phrase", "stems", "language", "mentions", "sentiment", "theme"});
    for_each_question(report, [&](const json::object& q) {
        for (const auto& p : array_at(q, "phrases")) {
            const auto& phrase = p.as_object();
            append_csv_row(out, {cell(q.if_contains("id")), cell(phrase.if_contains("phrase")), cell(phrase.if_contains("stems")),
                                 cell(phrase.if_contains("language")), cell(phrase.if_contains("mentions")),
                                 cell(phrase.if_contains("sentiment")), cell(phrase.if_contains("theme"))});
        }
    });
    return out;
}

std::string verbatim_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "theme", "side", "response_id", "language", "sentiment", "score", "text"});
    for_each_question(report, [&](const json::object& q) {
        verbatim_rows(out, q, "", q.if_contains("verbatims"));
        for (const auto& t : array_at(q, "themes"))
            verbatim_rows(out, q, cell(t.as_object().if_contains("id")), t.as_object().if_contains("verbatims"));
    });
    return out;
}

} // namespace touchpoint::reports
