// The text model every process analyses with: the theme taxonomy (the default
// or the marketers' edit) and the domain words learned from scored comments.
// It lives in the database with a revision, so several engine processes analyse
// alike: each reloads when the revision moves, and the text pass re-analyses
// the answers an older revision produced.
#pragma once

#include "engine/services/service_error.hpp"
#include "engine/store/records.hpp"
#include "reports/text/text_analyzer.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class survey_service;

struct text_model {
    int revision = 0;
    bool default_taxonomy = true;
    std::int64_t learned_comments = 0; // scored comments the learned words came from
    std::size_t learned_terms = 0;
    std::shared_ptr<const reports::text::theme_taxonomy> taxonomy;
    reports::text::text_analyzer analyzer;
};

// When learning runs and what it needs (see docs/text-analysis.md).
struct learning_policy {
    std::int64_t min_new_comments = 50;     // texts added since the last learning
    double growth = 0.2;                    // and at least this share more than then
    std::int64_t min_language_comments = 50; // scored comments a language needs to learn from
};

struct learning_outcome {
    int revision = 0;
    std::int64_t comments = 0; // scored comments learned from
    std::size_t terms = 0;
};

class text_model_service {
public:
    explicit text_model_service(store::database& db, learning_policy policy = {});

    std::shared_ptr<const text_model> current() const;
    // Reloads the model when its stored revision moved; true when it did.
    bool refresh();

    // The analysis of one text answer as stored, stamped with the model's revision.
    store::text_analysis_row analyse(std::string_view text, std::string_view locale) const;

    // {"revision", "default", "themes":[...]}
    boost::json::object taxonomy_document() const;
    // Validates and stores an edited taxonomy; the text pass then re-analyses.
    outcome<boost::json::object> replace_taxonomy(const boost::json::value& body);
    boost::json::object restore_default_taxonomy();

    // Learns domain words from every scored comment when enough new texts came
    // in since the last time (or always, with `force`); empty when it did not
    // learn or another process learned first.
    std::optional<learning_outcome> learn(survey_service& survey_source, bool force = false);

private:
    std::shared_ptr<const text_model> load();

    store::database& db_;
    learning_policy policy_;
    mutable std::mutex mutex_;
    std::shared_ptr<const text_model> model_;
};

// Themes and phrases as the answers table keeps them.
store::text_analysis_row to_stored(const reports::text::text_analysis& analysis, int revision);

} // namespace touchpoint::engine::services
