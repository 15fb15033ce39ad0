#include "engine/services/text_model_service.hpp"

#include "engine/services/survey_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/text_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "reports/text/language.hpp"
#include "reports/text/stored_analysis.hpp"
#include "reports/text/term_weights.hpp"
#include "reports/text/tokenizer.hpp"
#include "surveys/score_band.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <map>

namespace touchpoint::engine::services {
namespace json = boost::json;
namespace text = reports::text;

store::text_analysis_row to_stored(const text::text_analysis& analysis, int revision) {
    store::text_analysis_row row;
    row.language = analysis.language;
    row.sentiment = analysis.feeling.score;
    row.feeling = std::string(text::to_string(analysis.feeling.label));
    row.themes = text::stored_themes(analysis.themes);
    row.phrases = text::stored_phrases(analysis.phrases);
    row.revision = revision;
    return row;
}

text_model_service::text_model_service(store::database& db, learning_policy policy) : db_(db), policy_(policy) {
    model_ = load();
}

std::shared_ptr<const text_model> text_model_service::current() const {
    std::lock_guard lock(mutex_);
    return model_;
}

std::shared_ptr<const text_model> text_model_service::load() {
    store::leased_session lease(db_);
    store::text_repository repository(lease);
    const auto row = repository.model();
    const auto terms = repository.learned_terms();
    auto model = std::make_shared<text_model>();
    model->revision = row.revision;
    model->learned_comments = row.learned_comments;
    model->learned_terms = terms.size();
    model->taxonomy = std::shared_ptr<const text::theme_taxonomy>(std::shared_ptr<void>(),
                                                                  &text::theme_taxonomy::default_taxonomy());
    if (row.taxonomy) {
        std::vector<std::string> errors;
        auto parsed = text::theme_taxonomy::parse(parse_stored_json(*row.taxonomy), &errors);
        // Stored only after validation; should it still fail, analysing with the
        // default beats analysing with nothing.
        if (errors.empty()) {
            model->taxonomy = std::make_shared<const text::theme_taxonomy>(std::move(parsed));
            model->default_taxonomy = false;
        } else {
            spdlog::error("the stored theme taxonomy is invalid ({}); using the default", errors.front());
        }
    }
    model->analyzer = text::text_analyzer(model->taxonomy);
    std::map<std::string, text::learned_weights> learned;
    for (const auto& term : terms) learned[term.language][term.feature] = static_cast<float>(term.weight);
    for (auto& [language, weights] : learned) model->analyzer.set_learned(language, std::move(weights));
    return model;
}

bool text_model_service::refresh() {
    int stored = 0;
    {
        store::leased_session lease(db_);
        stored = store::text_repository(lease).model().revision;
    }
    if (stored == current()->revision) return false;
    auto loaded = load();
    std::lock_guard lock(mutex_);
    model_ = std::move(loaded);
    return true;
}

store::text_analysis_row text_model_service::analyse(std::string_view text, std::string_view locale) const {
    const auto model = current();
    return to_stored(model->analyzer.analyse(text, locale), model->revision);
}

json::object text_model_service::taxonomy_document() const {
    const auto model = current();
    json::object out = model->taxonomy->to_json().as_object();
    out["revision"] = model->revision;
    out["default"] = model->default_taxonomy;
    return out;
}

outcome<json::object> text_model_service::replace_taxonomy(const json::value& body) {
    std::vector<std::string> messages;
    const auto parsed = text::theme_taxonomy::parse(body, &messages);
    if (!messages.empty()) {
        surveys::field_errors errors;
        for (const auto& message : messages) {
            const auto colon = message.find(": ");
            if (colon == std::string::npos) errors.push_back({"themes", message});
            else errors.push_back({message.substr(0, colon), message.substr(colon + 2)});
        }
        return invalid(std::move(errors), "the taxonomy has invalid fields");
    }
    {
        store::leased_session lease(db_);
        store::write_transaction transaction(db_, lease);
        store::text_repository(lease).save_taxonomy(json::serialize(parsed.to_json()), now_ms());
        transaction.commit();
    }
    refresh();
    return taxonomy_document();
}

json::object text_model_service::restore_default_taxonomy() {
    {
        store::leased_session lease(db_);
        store::write_transaction transaction(db_, lease);
        store::text_repository(lease).save_taxonomy(std::nullopt, now_ms());
        transaction.commit();
    }
    refresh();
    return taxonomy_document();
}

std::optional<learning_outcome> text_model_service::learn(survey_service& survey_source, bool force) {
    store::leased_session lease(db_);
    store::text_repository repository(lease);
    const auto row = repository.model();
    const auto texts = repository.text_answer_count();
    const auto added = texts - row.learned_comments;
    const bool due = added >= policy_.min_new_comments &&
                     static_cast<double>(added) >= policy_.growth * static_cast<double>(row.learned_comments);
    if (!force && !due) return std::nullopt;

    // Each survey's comments are read against its headline question: a
    // detractor's words lean negative, a promoter's positive.
    std::map<std::string, text::term_learner> learners;
    for (const auto& survey_id : repository.surveys_with_texts()) {
        auto survey = survey_source.get(survey_id);
        if (!survey) continue;
        const auto* headline = surveys::headline_question(*survey->definition);
        if (!headline) continue;
        repository.for_each_scored_text(survey_id, headline->id,
                                        [&](const std::string& comment, const std::string& language, std::int64_t score) {
            if (!text::is_analysed_language(language)) return;
            const int polarity = surveys::score_polarity(headline->type, score);
            if (polarity == 0) return;
            learners.try_emplace(language, language)
                .first->second.add(text::analyse_words(text::tokenize(comment, language), language), polarity);
        });
    }
    std::vector<store::learned_term> terms;
    std::int64_t comments = 0;
    for (const auto& [language, learner] : learners) {
        if (learner.comments() < policy_.min_language_comments) continue;
        comments += learner.comments();
        for (const auto& [feature, weight] : learner.weights()) terms.push_back({language, feature, weight});
    }
    // Nothing learned before or now: the model stays as it is (no re-analysis),
    // and the next check looks again, when more comments may reach the minimum.
    if (terms.empty() && current()->learned_terms == 0) return std::nullopt;
    store::write_transaction transaction(db_, lease);
    const auto revision = repository.save_learned(terms, row.revision, texts, now_ms());
    if (!revision) return std::nullopt; // another process changed the model first
    transaction.commit();
    refresh();
    spdlog::info("learned {} domain words from {} scored comments (text model revision {})", terms.size(), comments,
                 *revision);
    return learning_outcome{*revision, comments, terms.size()};
}

} // namespace touchpoint::engine::services
