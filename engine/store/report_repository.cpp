#include "engine/store/report_repository.hpp"

#include <soci/soci.h>

#include <limits>
#include <tuple>
#include <stdexcept>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {
constexpr long long day_ms = 86'400'000;

// A contact attribute of `c.attributes` as text: JSON true/false read as
// "true"/"false" on both databases.
std::string contact_attribute_sql(dialect kind, const std::string& name) {
    if (!is_report_attribute_name(name)) throw std::invalid_argument("invalid attribute name for a report");
    if (kind == dialect::postgresql) return "(CAST(c.attributes AS jsonb) ->> '" + name + "')";
    const std::string path = "'$.\"" + name + "\"'";
    return "(CASE json_type(c.attributes, " + path + ") WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' "
           "ELSE CAST(json_extract(c.attributes, " + path + ") AS TEXT) END)";
}

// One report query under construction: the joins and conditions its filter and
// segment need, and the text parameters to bind in order. Numbers are written
// into the text: they come from this code, never from a request as text.
class report_query {
public:
    report_query(soci::session& session, const std::string& survey_id, const report_filter& filter,
                 const report_segment& segment)
        : dialect_(dialect_of(session)) {
        where_ = "a.survey_id = " + placeholder(survey_id);
        if (filter.from) where_ += " AND a.created_at >= " + std::to_string(*filter.from);
        if (filter.to) where_ += " AND a.created_at < " + std::to_string(*filter.to);
        // Channel, locale, campaign and contact are copied onto each answer row:
        // no join to responses or invitations.
        if (filter.channel) condition("a.channel", *filter.channel);
        if (filter.locale) condition("a.locale", *filter.locale);
        if (filter.campaign_id) condition("a.campaign_id", *filter.campaign_id);
        // The contacts that match are found once, not looked up per answer.
        for (const auto& [name, value] : filter.attributes)
            where_ += " AND a.contact_id IN (SELECT c.id FROM contacts c WHERE " +
                      contact_attribute_sql(dialect_, name) + " = " + placeholder(value) + ")";
        switch (segment.kind) {
        case segment_kind::none: break;
        case segment_kind::channel: segment_ = "a.channel"; break;
        case segment_kind::locale: segment_ = "a.locale"; break;
        case segment_kind::campaign: segment_ = "a.campaign_id"; break;
        case segment_kind::attribute:
            // Each contact's value is read once, not once per answer.
            with_ = "WITH seg AS MATERIALIZED (SELECT c.id, " + contact_attribute_sql(dialect_, segment.attribute) +
                    " AS v FROM contacts c) ";
            segment_ = "seg.v";
            break;
        }
    }

    void add_condition(const std::string& text) { where_ += " AND " + text; }
    // A parameter for text the caller appends to the conditions next.
    std::string parameter(const std::string& value) { return placeholder(value); }
    // A join written before the WHERE clause; its parameter binds first.
    void add_join(const std::string& text_before_value, const std::string& value) {
        params_.insert(params_.begin(), value);
        joins_ += " " + text_before_value + ":j0";
    }
    bool segmented() const { return !segment_.empty(); }
    // The start of the statement: the segment's table first, when it has one.
    std::string select() const { return with_ + "SELECT "; }
    // The segment's column for the select list; a constant NULL when unsegmented
    // keeps the row shape the same.
    std::string segment_column() const { return segmented() ? segment_ : "NULL"; }
    std::string group_suffix() const { return segmented() ? ", " + segment_ : ""; }

    std::string from_clause() const {
        std::string out = "FROM answers a";
        if (!with_.empty()) out += " LEFT JOIN seg ON seg.id = a.contact_id";
        return out + joins_ + " WHERE " + where_;
    }

    // Runs `sql`, whose first column is the segment: bind_columns adds the into()s
    // of the other columns, read_row makes a result of the current row.
    template <class Row, class BindColumns, class ReadRow>
    std::vector<Row> fetch(soci::session& session, const std::string& sql, BindColumns bind_columns, ReadRow read_row) {
        std::vector<Row> rows;
        stream(session, sql, bind_columns, [&](std::optional<std::string> segment) {
            rows.push_back(read_row(std::move(segment)));
        });
        return rows;
    }

    // The same, handing each row to `visit` as it is read.
    template <class BindColumns, class Visit>
    void stream(soci::session& session, const std::string& sql, BindColumns bind_columns, Visit visit) {
        std::string segment_value;
        soci::indicator segment_indicator = soci::i_null;
        soci::statement statement(session);
        statement.exchange(into(segment_value, segment_indicator));
        bind_columns(statement);
        for (auto& param : params_) statement.exchange(use(param));
        statement.alloc();
        statement.prepare(sql);
        statement.define_and_bind();
        statement.execute(false);
        while (statement.fetch())
            visit(segment_indicator == soci::i_ok ? std::optional<std::string>(segment_value) : std::nullopt);
    }

private:
    void condition(const std::string& column, const std::string& value) {
        where_ += " AND " + column + " = " + placeholder(value);
    }
    std::string placeholder(const std::string& value) {
        params_.push_back(value);
        return ":p" + std::to_string(params_.size());
    }

    dialect dialect_ = dialect::sqlite;
    std::string where_, segment_, joins_, with_;
    std::vector<std::string> params_;
};

// The cut of each day as an SQL expression of a.day: a constant, or a CASE over
// the DST runs.
std::string cut_expression(const std::vector<day_cut_run>& cuts) {
    if (cuts.size() == 1) return std::to_string(cuts.front().cut_ms);
    std::string out = "CASE";
    for (std::size_t i = 1; i < cuts.size(); ++i)
        out += " WHEN a.day < " + std::to_string(cuts[i].first_day) + " THEN " + std::to_string(cuts[i - 1].cut_ms);
    return out + " ELSE " + std::to_string(cuts.back().cut_ms) + " END";
}

} // namespace

bool is_report_attribute_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (char ch : name)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
              ch == '.'))
            return false;
    return true;
}

const char* const score_counts_sql =
    "SELECT question_id, day, score, COUNT(*) FROM answers "
    "WHERE survey_id = :survey AND day >= :from_day AND day <= :to_day "
    "AND created_at >= :from AND created_at < :to AND score IS NOT NULL "
    "GROUP BY day, question_id, score";

std::optional<std::pair<std::int64_t, std::int64_t>> report_repository::score_day_range(const std::string& survey_id) {
    long long first = 0, last = 0;
    soci::indicator first_indicator = soci::i_null, last_indicator = soci::i_null;
    session_ << "SELECT MIN(day), MAX(day) FROM answers WHERE survey_id = :survey AND score IS NOT NULL",
        use(survey_id), into(first, first_indicator), into(last, last_indicator);
    if (first_indicator != soci::i_ok || last_indicator != soci::i_ok) return std::nullopt;
    return std::pair<std::int64_t, std::int64_t>{first, last};
}

std::vector<score_count> report_repository::score_counts(const std::string& survey_id, const report_filter& filter,
                                                         const report_segment& segment,
                                                         const std::vector<day_cut_run>& cuts) {
    report_query query(session_, survey_id, filter, segment);
    // The day range is a seek in answers_scores, whose order (day, question, score)
    // is also the grouping order: unsegmented, the aggregate streams over the
    // index with no sort. The cut is an aggregate, not a grouping key, to keep it so.
    if (filter.from) query.add_condition("a.day >= " + std::to_string(*filter.from / day_ms - 1));
    if (filter.to) query.add_condition("a.day <= " + std::to_string(*filter.to / day_ms + 1));
    query.add_condition("a.score IS NOT NULL");
    const std::string after_cut =
        cuts.empty() ? "COUNT(*)"
                     : "SUM(CASE WHEN a.created_at - a.day * " + std::to_string(day_ms) + " >= " + cut_expression(cuts) +
                           " THEN 1 ELSE 0 END)";
    const std::string sql = query.select() + query.segment_column() + ", a.question_id, a.day, a.score, COUNT(*), " +
                            after_cut + " " + query.from_clause() + " GROUP BY a.day, a.question_id, a.score" +
                            query.group_suffix();
    score_count row;
    long long day = 0, score = 0, count = 0, after = 0;
    return query.fetch<score_count>(
        session_, sql,
        [&](soci::statement& statement) {
            statement.exchange(into(row.question_id));
            statement.exchange(into(day));
            statement.exchange(into(score));
            statement.exchange(into(count));
            statement.exchange(into(after));
        },
        [&](std::optional<std::string> segment_value) {
            row.segment = std::move(segment_value);
            row.day = day;
            row.score = score;
            row.count = count;
            row.after_cut = after;
            return row;
        });
}

std::vector<choice_count> report_repository::choice_counts(const std::string& survey_id, const report_filter& filter,
                                                           const report_segment& segment) {
    report_query query(session_, survey_id, filter, segment);
    query.add_condition("a.choice IS NOT NULL");
    const std::string sql = query.select() + query.segment_column() + ", a.question_id, a.choice, COUNT(*) " +
                            query.from_clause() + " GROUP BY a.question_id, a.choice" + query.group_suffix();
    choice_count row;
    long long count = 0;
    return query.fetch<choice_count>(
        session_, sql,
        [&](soci::statement& statement) {
            statement.exchange(into(row.question_id));
            statement.exchange(into(row.choice));
            statement.exchange(into(count));
        },
        [&](std::optional<std::string> segment_value) {
            row.segment = std::move(segment_value);
            row.count = count;
            return row;
        });
}

std::vector<choice_respondents> report_repository::choice_respondent_counts(const std::string& survey_id,
                                                                           const report_filter& filter,
                                                                           const report_segment& segment) {
    report_query query(session_, survey_id, filter, segment);
    query.add_condition("a.choice IS NOT NULL");
    const std::string sql = query.select() + query.segment_column() + ", a.question_id, COUNT(DISTINCT a.response_id) " +
                            query.from_clause() + " GROUP BY a.question_id" + query.group_suffix();
    choice_respondents row;
    long long count = 0;
    return query.fetch<choice_respondents>(
        session_, sql,
        [&](soci::statement& statement) {
            statement.exchange(into(row.question_id));
            statement.exchange(into(count));
        },
        [&](std::optional<std::string> segment_value) {
            row.segment = std::move(segment_value);
            row.count = count;
            return row;
        });
}

void report_repository::for_each_text_answer(const std::string& survey_id, const report_filter& filter,
                                             const std::optional<std::string>& headline_question,
                                             const std::function<void(const text_answer_row&)>& visit) {
    text_answer_row row;
    long long created = 0, score = 0;
    int revision = 0;
    double sentiment = 0;
    soci::indicator revision_indicator = soci::i_null, language_indicator = soci::i_null,
                    sentiment_indicator = soci::i_null, feeling_indicator = soci::i_null,
                    themes_indicator = soci::i_null, phrases_indicator = soci::i_null, score_indicator = soci::i_null;
    // On PostgreSQL libpq holds a whole result in memory: read it in pages, in
    // (created_at, response_id, question_id) order. SQLite steps row by row.
    const bool paged = dialect_of(session_) == dialect::postgresql;
    constexpr int page_size = 5000;
    std::optional<std::tuple<long long, std::string, std::string>> after;
    for (;;) {
        report_query query(session_, survey_id, filter, {});
        // answers_texts (survey_id, created_at) WHERE text_value IS NOT NULL holds exactly these rows.
        query.add_condition("a.text_value IS NOT NULL");
        std::string score_column = "NULL";
        if (headline_question) {
            query.add_join("LEFT JOIN answers s ON s.response_id = a.response_id AND s.score IS NOT NULL AND s.question_id = ",
                           *headline_question);
            score_column = "s.score";
        }
        if (after) {
            const auto& [time, response, question] = *after;
            const auto response_parameter = query.parameter(response);
            const auto question_parameter = query.parameter(question);
            query.add_condition("(a.created_at, a.response_id, a.question_id) > (" + std::to_string(time) + ", " +
                                response_parameter + ", " + question_parameter + ")");
        }
        std::string sql = query.select() + "NULL, a.question_id, a.response_id, a.created_at, a.text_value, a.analysis_revision, "
                          "a.language, a.sentiment, a.feeling, a.themes, a.phrases, " +
                          score_column + " " + query.from_clause();
        if (paged) sql += " ORDER BY a.created_at, a.response_id, a.question_id LIMIT " + std::to_string(page_size);
        int rows = 0;
        query.stream(
        session_, sql,
        [&](soci::statement& statement) {
            statement.exchange(into(row.question_id));
            statement.exchange(into(row.response_id));
            statement.exchange(into(created));
            statement.exchange(into(row.text));
            statement.exchange(into(revision, revision_indicator));
            statement.exchange(into(row.language, language_indicator));
            statement.exchange(into(sentiment, sentiment_indicator));
            statement.exchange(into(row.feeling, feeling_indicator));
            statement.exchange(into(row.themes, themes_indicator));
            statement.exchange(into(row.phrases, phrases_indicator));
            statement.exchange(into(score, score_indicator));
        },
        [&](std::optional<std::string>) {
            text_answer_row out;
            out.question_id = row.question_id;
            out.response_id = row.response_id;
            out.created_at = created;
            out.text = row.text;
            out.revision = revision_indicator == soci::i_ok ? std::optional<int>(revision) : std::nullopt;
            if (language_indicator == soci::i_ok) out.language = row.language;
            if (feeling_indicator == soci::i_ok) out.feeling = row.feeling;
            if (themes_indicator == soci::i_ok) out.themes = row.themes;
            if (phrases_indicator == soci::i_ok) out.phrases = row.phrases;
            out.sentiment = sentiment_indicator == soci::i_ok ? sentiment : 0;
            if (score_indicator == soci::i_ok) out.score = score;
            ++rows;
            after.emplace(out.created_at, out.response_id, out.question_id);
            visit(out);
        });
        if (!paged || rows < page_size) return;
    }
}

std::vector<invitation_funnel> report_repository::invitation_funnels(const std::string& survey_id,
                                                                     const report_filter& filter) {
    // Invitations carry no locale: a locale filter is the caller's to report as not applied.
    std::vector<std::string> params{survey_id};
    std::string where = "i.survey_id = :p1";
    auto condition = [&](const std::string& column, const std::string& value) {
        params.push_back(value);
        where += " AND " + column + " = :p" + std::to_string(params.size());
    };
    if (filter.from) where += " AND i.created_at >= " + std::to_string(*filter.from);
    if (filter.to) where += " AND i.created_at < " + std::to_string(*filter.to);
    if (filter.channel) condition("i.channel", *filter.channel);
    if (filter.campaign_id) condition("i.campaign_id", *filter.campaign_id);
    for (const auto& [name, value] : filter.attributes) condition(contact_attribute_sql(dialect_of(session_), name), value);
    // responses.invitation_id is unique: each invitation joins at most one response.
    // An answered invitation counts as opened even when its page was never shown
    // (a one-click score or an in-app answer).
    std::string sql =
        "SELECT i.campaign_id, i.channel, COUNT(*), "
        "SUM(CASE WHEN i.opened_at IS NOT NULL OR r.id IS NOT NULL THEN 1 ELSE 0 END), COUNT(r.id), "
        "SUM(CASE WHEN r.complete = 1 THEN 1 ELSE 0 END) "
        "FROM invitations i LEFT JOIN responses r ON r.invitation_id = i.id";
    if (!filter.attributes.empty()) sql += " LEFT JOIN contacts c ON c.id = i.contact_id";
    sql += " WHERE " + where + " GROUP BY i.campaign_id, i.channel";

    std::vector<invitation_funnel> rows;
    invitation_funnel row;
    std::string campaign;
    soci::indicator campaign_indicator = soci::i_null, completed_indicator = soci::i_null;
    long long invitations = 0, opened = 0, responded = 0, completed = 0;
    soci::statement statement(session_);
    statement.exchange(into(campaign, campaign_indicator));
    statement.exchange(into(row.channel));
    statement.exchange(into(invitations));
    statement.exchange(into(opened));
    statement.exchange(into(responded));
    statement.exchange(into(completed, completed_indicator));
    for (auto& param : params) statement.exchange(use(param));
    statement.alloc();
    statement.prepare(sql);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) {
        row.campaign_id = campaign_indicator == soci::i_ok ? std::optional<std::string>(campaign) : std::nullopt;
        row.invitations = invitations;
        row.opened = opened;
        row.responded = responded;
        row.completed = completed_indicator == soci::i_ok ? completed : 0;
        rows.push_back(row);
    }
    return rows;
}

} // namespace touchpoint::engine::store
