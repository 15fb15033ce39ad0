// Server-rendered respondent pages: the survey form, the thank-you page and the
// error pages. No JavaScript is needed to answer and no external asset is loaded.
#pragma once

#include "surveys/answers.hpp"
#include "surveys/field_error.hpp"
#include "surveys/survey_definition.hpp"

#include <optional>
#include <string>

namespace touchpoint::engine::pages {

struct survey_page_model {
    const surveys::survey_definition* survey = nullptr;
    std::string token;
    std::string locale;
    surveys::answer_map answers;  // prefilled values
    surveys::field_errors errors; // from a rejected submit
    // Set on the landing of a one-click score link: the script nonce that lets the
    // page record the score once a browser runs it (scanners that fetch without
    // running scripts record nothing).
    std::optional<std::string> one_click_nonce;
    std::string one_click_question;
    long long one_click_score = 0;
};

std::string render_survey_page(const survey_page_model& model);
std::string render_thank_you_page(const std::string& locale, const std::string& title, const std::string& token);
// kind: "not_found", "expired", "closed", "withdrawn", "unreadable_form" or "failed".
std::string render_message_page(const std::string& locale, std::string_view kind);

// The Content-Security-Policy of a page, allowing the one inline script by nonce.
std::string content_security_policy(const std::optional<std::string>& nonce);

} // namespace touchpoint::engine::pages
