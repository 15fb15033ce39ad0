#include "engine/store/text_repository.hpp"

#include "engine/store/nullable.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

text_model_row text_repository::model() {
    text_model_row out;
    nullable_column<std::string> taxonomy;
    long long learned = 0;
    session_ << "SELECT revision, taxonomy, learned_comments FROM text_model WHERE id = 1", into(out.revision),
        store::into(taxonomy), into(learned);
    out.taxonomy = taxonomy.get();
    out.learned_comments = learned;
    return out;
}

std::vector<learned_term> text_repository::learned_terms() {
    std::vector<learned_term> out;
    learned_term term;
    soci::statement statement = (session_.prepare << "SELECT language, feature, weight FROM learned_terms",
                                 into(term.language), into(term.feature), into(term.weight));
    statement.execute(false);
    while (statement.fetch()) out.push_back(term);
    return out;
}

int text_repository::save_taxonomy(const std::optional<std::string>& taxonomy, std::int64_t now) {
    const std::string document = taxonomy.value_or("");
    const long long at = now;
    soci::indicator present = indicator_of(taxonomy.has_value());
    session_ << "UPDATE text_model SET taxonomy = :t, revision = revision + 1, updated_at = :now WHERE id = 1",
        use(document, present), use(at);
    return model().revision;
}

std::optional<int> text_repository::save_learned(const std::vector<learned_term>& terms, int expected_revision,
                                                 std::int64_t comments, std::int64_t now) {
    const long long count = comments, at = now;
    soci::statement update = (session_.prepare << "UPDATE text_model SET revision = revision + 1, learned_comments = :n, "
                                                  "learned_at = :at, updated_at = :now WHERE id = 1 AND revision = :r",
                              use(count), use(at), use(at), use(expected_revision));
    update.execute(true);
    if (update.get_affected_rows() != 1) return std::nullopt;
    session_ << "DELETE FROM learned_terms";
    learned_term term;
    soci::statement insert = (session_.prepare << "INSERT INTO learned_terms (language, feature, weight) "
                                                  "VALUES (:l, :f, :w)",
                              use(term.language), use(term.feature), use(term.weight));
    for (const auto& t : terms) {
        term = t;
        insert.execute(true);
    }
    return expected_revision + 1;
}

std::vector<pending_text> text_repository::pending(int revision, int limit) {
    std::vector<pending_text> out;
    pending_text row;
    soci::statement statement =
        (session_.prepare << "SELECT a.response_id, a.question_id, a.text_value, r.locale FROM answers a "
                             "JOIN responses r ON r.id = a.response_id "
                             "WHERE a.text_value IS NOT NULL AND a.analysis_revision < :rev LIMIT :lim",
         into(row.response_id), into(row.question_id), into(row.text), into(row.locale), use(revision), use(limit));
    statement.execute(false);
    while (statement.fetch()) out.push_back(row);
    return out;
}

void text_repository::save_analysis(const pending_text& answer, const text_analysis_row& analysis) {
    session_ << "UPDATE answers SET language = :l, sentiment = :s, feeling = :f, themes = :t, phrases = :p, "
                "analysis_revision = :rv WHERE response_id = :r AND question_id = :q AND text_value = :text "
                "AND analysis_revision < :rv2",
        use(analysis.language), use(analysis.sentiment), use(analysis.feeling), use(analysis.themes),
        use(analysis.phrases), use(analysis.revision), use(answer.response_id), use(answer.question_id),
        use(answer.text), use(analysis.revision);
}

std::int64_t text_repository::text_answer_count() {
    long long count = 0;
    session_ << "SELECT COUNT(*) FROM answers WHERE text_value IS NOT NULL", into(count);
    return count;
}

std::vector<std::string> text_repository::surveys_with_texts() {
    std::vector<std::string> out;
    std::string id;
    soci::statement statement =
        (session_.prepare << "SELECT DISTINCT survey_id FROM answers WHERE text_value IS NOT NULL", into(id));
    statement.execute(false);
    while (statement.fetch()) out.push_back(id);
    return out;
}

void text_repository::for_each_scored_text(
    const std::string& survey_id, const std::string& question_id,
    const std::function<void(const std::string&, const std::string&, std::int64_t)>& visit) {
    std::string text, language;
    long long score = 0;
    soci::statement statement =
        (session_.prepare << "SELECT t.text_value, t.language, s.score FROM answers t "
                             "JOIN answers s ON s.response_id = t.response_id AND s.question_id = :q "
                             "WHERE t.survey_id = :survey AND t.text_value IS NOT NULL AND t.language IS NOT NULL "
                             "AND s.score IS NOT NULL",
         into(text), into(language), into(score), use(question_id), use(survey_id));
    statement.execute(false);
    while (statement.fetch()) visit(text, language, score);
}

std::vector<std::pair<std::string, text_analysis_row>>
text_repository::analyses_of(const std::vector<std::string>& response_ids) {
    std::vector<std::pair<std::string, text_analysis_row>> out;
    if (response_ids.empty()) return out;
    boost::json::array ids;
    for (const auto& id : response_ids) ids.emplace_back(id);
    const std::string ids_json = boost::json::serialize(ids);
    // One query for a page of responses: the ids travel as one JSON array.
    const std::string id_list = dialect_of(session_) == dialect::postgresql
                                    ? "SELECT json_array_elements_text(CAST(:ids AS json))"
                                    : "SELECT value FROM json_each(:ids)";
    std::string response_id;
    text_analysis_row row;
    nullable_column<std::string> language, feeling, themes, phrases;
    nullable_column<double> sentiment;
    soci::statement statement =
        (session_.prepare << "SELECT a.response_id, a.question_id, a.language, a.sentiment, a.feeling, a.themes, "
                             "a.phrases, a.analysis_revision FROM answers a WHERE a.text_value IS NOT NULL "
                             "AND a.response_id IN (" + id_list + ")",
         into(response_id), into(row.question_id), store::into(language), store::into(sentiment),
         store::into(feeling), store::into(themes), store::into(phrases), into(row.revision), use(ids_json));
    statement.execute(false);
    while (statement.fetch()) {
        auto analysis = row;
        analysis.language = language.get().value_or("");
        analysis.sentiment = sentiment.get().value_or(0);
        analysis.feeling = feeling.get().value_or("");
        analysis.themes = themes.get().value_or("");
        analysis.phrases = phrases.get().value_or("");
        out.emplace_back(response_id, std::move(analysis));
    }
    return out;
}

} // namespace touchpoint::engine::store
