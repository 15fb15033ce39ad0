// The text model (taxonomy, learned words, revision) and the analyses of the
// free-text answers: what the background text pass and the model read and write.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct text_model_row {
    int revision = 1;
    std::optional<std::string> taxonomy; // JSON; empty: the default taxonomy
    std::int64_t learned_comments = 0; // text answers when words were last learned
};

struct learned_term {
    std::string language;
    std::string feature;
    double weight = 0;
};

// A text answer whose analysis is missing or older than the model.
struct pending_text {
    std::string response_id;
    std::string question_id;
    std::string text;
    std::string locale; // the response's
};

class text_repository {
public:
    explicit text_repository(soci::session& session) : session_(session) {}
    explicit text_repository(leased_session& lease) : session_(lease.session()) {}

    text_model_row model();
    std::vector<learned_term> learned_terms();
    // Stores the taxonomy (empty: back to the default) and raises the revision;
    // returns the new revision. Runs in the caller's transaction.
    int save_taxonomy(const std::optional<std::string>& taxonomy, std::int64_t now);
    // Replaces the learned words and raises the revision, unless the model has
    // changed since `expected_revision` (another process learned first): then
    // nothing is written and the result is empty. Runs in the caller's transaction.
    std::optional<int> save_learned(const std::vector<learned_term>& terms, int expected_revision,
                                    std::int64_t comments, std::int64_t now);

    // Up to `limit` text answers analysed below `revision`.
    std::vector<pending_text> pending(int revision, int limit);
    // Writes an analysis unless the text changed meanwhile (a respondent's edit
    // wrote its own) or a newer revision is there already.
    void save_analysis(const pending_text& answer, const text_analysis_row& analysis);

    std::int64_t text_answer_count();
    std::vector<std::string> surveys_with_texts();
    // Each text of the survey with the score its response gave `question_id`.
    void for_each_scored_text(const std::string& survey_id, const std::string& question_id,
                              const std::function<void(const std::string& text, const std::string& language,
                                                       std::int64_t score)>& visit);

    // The analyses of the text answers of these responses, by response id.
    std::vector<std::pair<std::string, text_analysis_row>> analyses_of(const std::vector<std::string>& response_ids);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
