#include "engine/pages/page_routes.hpp"

#include "engine/http/html_response.hpp"
#include "engine/pages/survey_page.hpp"
#include "engine/security/crypto.hpp"
#include "engine/services/response_service.hpp"
#include "surveys/answer_validator.hpp"
#include "surveys/locale_matcher.hpp"
#include "surveys/score_band.hpp"
#include "surveys/utf8.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <boost/url/decode_view.hpp>

#include <algorithm>
#include <charconv>

namespace touchpoint::engine::pages {
namespace json = boost::json;

namespace {

http::response html(int status, std::string body, const std::optional<std::string>& nonce = std::nullopt) {
    return http::html_response(status, std::move(body), content_security_policy(nonce));
}

// An explicit choice first, then the contact's locale, then the browser's.
std::string choose_locale(const http::request& req, const services::answer_session& session,
                          const std::optional<std::string>& requested) {
    const auto& survey = *session.definition;
    return surveys::choose_locale(survey.locales, survey.default_locale,
                                  {requested.value_or(""), session.context.contact_locale.value_or("")},
                                  req.header("accept-language"));
}

// The page for a link that cannot be answered, in the browser's language.
http::response refusal(std::string_view accept_language, const services::service_error& error) {
    const auto locale = surveys::choose_locale({"en", "fr", "nl"}, "en", {}, accept_language);
    const std::string_view kind = error.status == 410 ? std::string_view(error.code) : "not_found";
    return html(error.status, render_message_page(locale, kind));
}

// The first nps, csat or ces question: the one a one-click link scores.
const surveys::question* primary_score_question(const surveys::survey_definition& survey) {
    for (const auto& q : survey.questions)
        if (!surveys::band_names(q.type).empty()) return &q;
    return nullptr;
}

} // namespace

std::map<std::string, std::vector<std::string>> parse_form(std::string_view body) {
    std::map<std::string, std::vector<std::string>> out;
    auto decode = [](std::string_view text) {
        std::string spaced(text);
        std::ranges::replace(spaced, '+', ' ');
        auto valid = boost::urls::make_pct_string_view(spaced);
        if (!valid) return std::string();
        std::string decoded;
        for (char c : boost::urls::decode_view(*valid)) decoded += c;
        return decoded;
    };
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        out[decode(pair.substr(0, eq))].push_back(eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1)));
    }
    return out;
}

void add_page_routes(http::router& r, services::response_service& responses, bool answers_on_network_thread) {
    r.add("GET", "/s/{token}", [&responses](http::request& req) {
        auto session = responses.open(req.params["token"]);
        if (!session) return refusal(req.header("accept-language"), session.error());
        // A HEAD (link checkers, previews) is not a person opening the survey.
        if (req.method != "HEAD") responses.record_opened(*session);
        survey_page_model model;
        model.survey = session->definition.get();
        model.token = req.params["token"];
        model.locale = choose_locale(req, *session, req.query_param("lang"));
        model.answers = session->answers;
        // A one-click score link only preselects the score here: recording it on a
        // plain GET would let mail scanners, which fetch every link, answer for the person.
        if (auto score_text = req.query_param("score"); score_text && !score_text->empty())
            if (const auto* q = primary_score_question(*session->definition)) {
                long long score = -1;
                auto [ptr, ec] = std::from_chars(score_text->data(), score_text->data() + score_text->size(), score);
                if (ec == std::errc{} && ptr == score_text->data() + score_text->size() && score >= q->min && score <= q->max) {
                    model.answers[q->id] = static_cast<std::int64_t>(score);
                    const auto nonce = security::random_bytes(16);
                    model.one_click_nonce = security::base64url_encode(nonce);
                    model.one_click_question = q->id;
                    model.one_click_score = score;
                }
            }
        return html(200, render_survey_page(model), model.one_click_nonce);
    });

    r.add("POST", "/s/{token}", [&responses](http::request& req) {
        auto session = responses.open(req.params["token"]);
        if (!session) return refusal(req.header("accept-language"), session.error());
        const auto type = req.header("content-type");
        if (!type.starts_with("application/x-www-form-urlencoded"))
            return html(415, render_message_page(choose_locale(req, *session, std::nullopt), "unreadable_form"));
        auto form = parse_form(req.body);
        // A field that is not UTF-8 is refused beside its question, and nothing is stored.
        surveys::field_errors malformed;
        for (auto it = form.begin(); it != form.end();) {
            const bool bad = !surveys::is_valid_utf8(it->first) ||
                             std::ranges::any_of(it->second, [](const auto& v) { return !surveys::is_valid_utf8(v); });
            if (!bad) {
                ++it;
                continue;
            }
            malformed.push_back({surveys::is_valid_utf8(it->first) ? it->first : "form", "is not valid UTF-8 text"});
            it = form.erase(it);
        }
        const auto mode = form.contains("_mode") ? form.at("_mode").front() : "";
        std::optional<std::string> requested;
        if (form.contains("_locale")) requested = form.at("_locale").front();
        const auto locale = choose_locale(req, *session, requested);

        // A full form states every shown question: one left blank is cleared. A
        // one-click score ("_mode=score") sets just that score.
        json::object answers;
        const auto& survey = *session->definition;
        for (const auto& q : survey.questions) {
            auto it = form.find(q.id);
            if (it == form.end()) {
                if (mode != "score") answers[q.id] = nullptr;
                continue;
            }
            if (q.type == surveys::question_type::multi_choice) answers[q.id] = json::value_from(it->second);
            else answers[q.id] = it->second.back();
        }
        json::value answers_value(std::move(answers));
        if (!malformed.empty()) {
            survey_page_model model;
            model.survey = &survey;
            model.token = req.params["token"];
            model.locale = locale;
            model.errors = std::move(malformed);
            model.answers = surveys::validate_answers(survey, answers_value, false).answers;
            return html(400, render_survey_page(model));
        }
        // Answered after the group commit that makes the response durable, through the
        // same asynchronous path as POST /v1/responses; no thread waits meanwhile.
        http::response out;
        out.deferred = [&responses, session = std::move(*session), answers_value = std::move(answers_value), mode, locale,
                        token = req.params["token"],
                        accept_language = std::string(req.header("accept-language"))](http::reply_function reply) mutable {
            const services::submission input{&answers_value, mode != "score", mode == "score" ? "email" : "link", locale};
            auto invalid = responses.submit_async(
                session, input,
                [reply, score_only = mode == "score", locale, token, definition = session.definition](
                    services::response_service::stored_or_failure result) {
                    reply([result = std::move(result), score_only, locale, token, definition] {
                        if (std::holds_alternative<store::response_row>(result)) {
                            if (score_only) return http::response{204, {}, {}, {}, {}};
                            return html(200, render_thank_you_page(locale, definition->name, token));
                        }
                        try {
                            std::rethrow_exception(std::get<std::exception_ptr>(result));
                        } catch (const std::exception& error) {
                            spdlog::error("storing a response failed: {}", error.what());
                        }
                        return html(500, render_message_page(locale, "failed"));
                    });
                });
            if (!invalid) return;
            reply([error = std::move(*invalid), definition = session.definition, answers_value, locale, token, accept_language] {
                if (error.status != 422) return refusal(accept_language, error);
                survey_page_model model;
                model.survey = definition.get();
                model.token = token;
                model.locale = locale;
                model.errors = error.details;
                // Show what the person entered, keeping what validated.
                model.answers = surveys::validate_answers(*definition, answers_value, false).answers;
                return html(422, render_survey_page(model));
            });
        };
        return out;
    }, answers_on_network_thread ? http::runs_on::network_thread : http::runs_on::worker_pool);
}

} // namespace touchpoint::engine::pages
