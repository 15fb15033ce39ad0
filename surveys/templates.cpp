#include "surveys/templates.hpp"

#include "surveys/definition_parser.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace touchpoint::surveys {
namespace json = boost::json;
namespace {

constexpr std::array<std::string_view, 4> names{"nps", "csat", "ces", "onboarding"};

// The "why" follow-up shared by the score templates: its wording follows the band.
constexpr std::string_view nps_template = R"json({
  "name": "Net Promoter Score", "kind": "nps", "default_locale": "en", "locales": ["en", "fr", "nl"],
  "questions": [
    {"id": "q_score", "type": "nps", "required": true,
     "text": {"en": "How likely are you to recommend us to a friend or colleague?",
              "fr": "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?",
              "nl": "Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend of collega?"},
     "labels": {"min": {"en": "Not at all likely", "fr": "Pas du tout probable", "nl": "Helemaal niet waarschijnlijk"},
                "max": {"en": "Extremely likely", "fr": "Très probable", "nl": "Zeer waarschijnlijk"}}},
    {"id": "q_why", "type": "text",
     "text": {"en": "What is the main reason for your score?",
              "fr": "Quelle est la principale raison de votre note ?",
              "nl": "Wat is de belangrijkste reden voor uw score?"},
     "band_of": "q_score",
     "text_by_band": {
       "detractor": {"en": "We are sorry to hear that. What should we improve?",
                     "fr": "Nous en sommes désolés. Que devrions-nous améliorer ?",
                     "nl": "Dat spijt ons. Wat moeten we verbeteren?"},
       "passive": {"en": "What would make us a 10 for you?",
                   "fr": "Que faudrait-il pour que nous méritions un 10 ?",
                   "nl": "Wat zou ons een 10 waard maken?"},
       "promoter": {"en": "Great to hear! What do you like most?",
                    "fr": "Merci ! Qu'appréciez-vous le plus ?",
                    "nl": "Fijn om te horen! Wat waardeert u het meest?"}}}
  ]})json";

constexpr std::string_view csat_template = R"json({
  "name": "Customer satisfaction", "kind": "csat", "default_locale": "en", "locales": ["en", "fr", "nl"],
  "questions": [
    {"id": "q_score", "type": "csat", "required": true,
     "text": {"en": "How satisfied are you with the help you received?",
              "fr": "Dans quelle mesure êtes-vous satisfait de l'aide reçue ?",
              "nl": "Hoe tevreden bent u over de hulp die u kreeg?"},
     "labels": {"min": {"en": "Very dissatisfied", "fr": "Très insatisfait", "nl": "Zeer ontevreden"},
                "max": {"en": "Very satisfied", "fr": "Très satisfait", "nl": "Zeer tevreden"}}},
    {"id": "q_why", "type": "text",
     "text": {"en": "Tell us more about your rating.",
              "fr": "Dites-nous en plus sur votre note.",
              "nl": "Vertel ons meer over uw beoordeling."},
     "band_of": "q_score",
     "text_by_band": {
       "dissatisfied": {"en": "We are sorry. What went wrong?",
                        "fr": "Nous en sommes désolés. Qu'est-ce qui n'a pas fonctionné ?",
                        "nl": "Excuses. Wat ging er mis?"},
       "neutral": {"en": "What could we have done better?",
                   "fr": "Qu'aurions-nous pu mieux faire ?",
                   "nl": "Wat hadden we beter kunnen doen?"},
       "satisfied": {"en": "Glad we could help! What went well?",
                     "fr": "Ravis d'avoir pu vous aider ! Qu'est-ce qui vous a plu ?",
                     "nl": "Fijn dat we konden helpen! Wat ging er goed?"}}}
  ]})json";

constexpr std::string_view ces_template = R"json({
  "name": "Customer effort", "kind": "ces", "default_locale": "en", "locales": ["en", "fr", "nl"],
  "questions": [
    {"id": "q_score", "type": "ces", "required": true,
     "text": {"en": "How easy was it to get your issue resolved?",
              "fr": "Dans quelle mesure a-t-il été facile de résoudre votre problème ?",
              "nl": "Hoe gemakkelijk was het om uw probleem opgelost te krijgen?"},
     "labels": {"min": {"en": "Very difficult", "fr": "Très difficile", "nl": "Zeer moeilijk"},
                "max": {"en": "Very easy", "fr": "Très facile", "nl": "Zeer gemakkelijk"}}},
    {"id": "q_why", "type": "text",
     "text": {"en": "What made it easy or hard?",
              "fr": "Qu'est-ce qui a rendu cela facile ou difficile ?",
              "nl": "Wat maakte het gemakkelijk of moeilijk?"},
     "band_of": "q_score",
     "text_by_band": {
       "difficult": {"en": "What made it hard?", "fr": "Qu'est-ce qui a rendu cela difficile ?", "nl": "Wat maakte het moeilijk?"},
       "neutral": {"en": "What would have made it easier?", "fr": "Qu'est-ce qui l'aurait rendu plus facile ?", "nl": "Wat had het gemakkelijker gemaakt?"},
       "easy": {"en": "What made it easy?", "fr": "Qu'est-ce qui l'a rendu facile ?", "nl": "Wat maakte het gemakkelijk?"}}}
  ]})json";

constexpr std::string_view onboarding_template = R"json({
  "name": "Onboarding feedback", "kind": "onboarding", "default_locale": "en", "locales": ["en", "fr", "nl"],
  "questions": [
    {"id": "q_setup", "type": "ces", "required": true,
     "text": {"en": "How easy was it to set up the product?",
              "fr": "Dans quelle mesure la mise en place du produit a-t-elle été facile ?",
              "nl": "Hoe gemakkelijk was het om het product in te richten?"},
     "labels": {"min": {"en": "Very difficult", "fr": "Très difficile", "nl": "Zeer moeilijk"},
                "max": {"en": "Very easy", "fr": "Très facile", "nl": "Zeer gemakkelijk"}}},
    {"id": "q_migration", "type": "single_choice",
     "text": {"en": "Did moving your data from your previous system work?",
              "fr": "La reprise des données de votre ancien système a-t-elle fonctionné ?",
              "nl": "Is het overzetten van uw gegevens uit uw vorige systeem gelukt?"},
     "options": [
       {"id": "fully", "text": {"en": "Yes, completely", "fr": "Oui, entièrement", "nl": "Ja, volledig"}},
       {"id": "partly", "text": {"en": "Partly", "fr": "En partie", "nl": "Gedeeltelijk"}},
       {"id": "failed", "text": {"en": "No", "fr": "Non", "nl": "Nee"}},
       {"id": "not_applicable", "text": {"en": "I had no previous system", "fr": "Je n'avais pas de système précédent", "nl": "Ik had geen vorig systeem"}}]},
    {"id": "q_training", "type": "rating", "min": 1, "max": 5,
     "text": {"en": "How much did our training and documentation help you get started?",
              "fr": "Dans quelle mesure nos formations et notre documentation vous ont-elles aidé à démarrer ?",
              "nl": "Hoeveel hebben onze training en documentatie u geholpen om te starten?"},
     "labels": {"min": {"en": "Not at all", "fr": "Pas du tout", "nl": "Helemaal niet"},
                "max": {"en": "A great deal", "fr": "Énormément", "nl": "Heel veel"}}},
    {"id": "q_time_to_value", "type": "single_choice",
     "text": {"en": "How long did it take before the product gave you real value?",
              "fr": "Combien de temps a-t-il fallu avant que le produit vous apporte une vraie valeur ?",
              "nl": "Hoe lang duurde het voordat het product u echt iets opleverde?"},
     "options": [
       {"id": "same_day", "text": {"en": "The same day", "fr": "Le jour même", "nl": "Dezelfde dag"}},
       {"id": "first_week", "text": {"en": "Within a week", "fr": "En moins d'une semaine", "nl": "Binnen een week"}},
       {"id": "first_month", "text": {"en": "Within a month", "fr": "En moins d'un mois", "nl": "Binnen een maand"}},
       {"id": "longer", "text": {"en": "Longer than a month", "fr": "Plus d'un mois", "nl": "Langer dan een maand"}},
       {"id": "not_yet", "text": {"en": "Not yet", "fr": "Pas encore", "nl": "Nog niet"}}]},
    {"id": "q_missing", "type": "text",
     "text": {"en": "What is missing, or what would have helped you most?",
              "fr": "Que manque-t-il, ou qu'est-ce qui vous aurait le plus aidé ?",
              "nl": "Wat ontbreekt er, of wat had u het meest geholpen?"}},
    {"id": "q_overall", "type": "csat",
     "text": {"en": "Overall, how satisfied are you with your onboarding?",
              "fr": "Globalement, êtes-vous satisfait de votre prise en main ?",
              "nl": "Hoe tevreden bent u over het algemeen over uw onboarding?"},
     "labels": {"min": {"en": "Very dissatisfied", "fr": "Très insatisfait", "nl": "Zeer ontevreden"},
                "max": {"en": "Very satisfied", "fr": "Très satisfait", "nl": "Zeer tevreden"}}}
  ]})json";

std::string_view source_of(std::string_view name) {
    if (name == "nps") return nps_template;
    if (name == "csat") return csat_template;
    if (name == "ces") return ces_template;
    if (name == "onboarding") return onboarding_template;
    return {};
}

void keep_locales(localized_text& text, const std::vector<std::string>& locales) {
    std::erase_if(text, [&](const auto& item) { return std::ranges::find(locales, item.first) == locales.end(); });
}

void keep_locales(survey_definition& survey) {
    for (auto& q : survey.questions) {
        keep_locales(q.text, survey.locales);
        keep_locales(q.min_label, survey.locales);
        keep_locales(q.max_label, survey.locales);
        for (auto& [band, text] : q.text_by_band) keep_locales(text, survey.locales);
        for (auto& option : q.options) keep_locales(option.text, survey.locales);
    }
}

} // namespace

std::span<const std::string_view> template_names() { return names; }

std::vector<std::string> template_locales() { return {"en", "fr", "nl"}; }

std::optional<survey_definition> find_template(std::string_view name) {
    const auto source = source_of(name);
    if (source.empty()) return std::nullopt;
    auto parsed = parse_definition(json::parse(source));
    // The templates are part of the program: one that does not parse is a bug.
    if (!parsed.ok()) throw std::logic_error("built-in template " + std::string(name) + " is invalid: " + parsed.errors.front().field);
    return std::move(parsed.definition);
}

template_result instantiate_template(const template_request& request) {
    template_result result;
    auto definition = find_template(request.template_name);
    if (!definition) {
        result.errors.push_back({"template", "must be one of nps, csat, ces, onboarding"});
        return result;
    }
    auto locales = request.locales.empty() ? definition->locales : request.locales;
    for (std::size_t i = 0; i < locales.size(); ++i)
        if (!definition->offers_locale(locales[i]))
            result.errors.push_back({"locales[" + std::to_string(i) + "]", "the template is written in en, fr and nl only"});
    const auto default_locale = request.default_locale.empty() ? locales.front() : request.default_locale;
    if (std::ranges::find(locales, default_locale) == locales.end())
        result.errors.push_back({"default_locale", "must be one of the survey's locales"});
    if (request.survey_name.size() > max_name_length)
        result.errors.push_back({"name", "must be at most " + std::to_string(max_name_length) + " bytes"});
    if (!result.ok()) return result;

    definition->locales = std::move(locales);
    definition->default_locale = default_locale;
    if (!request.survey_name.empty()) definition->name = request.survey_name;
    keep_locales(*definition);
    result.definition = std::move(*definition);
    return result;
}

} // namespace touchpoint::surveys
