// The words of the respondent pages in each language they are written in.
#pragma once

#include <string>
#include <string_view>

namespace touchpoint::engine::pages {

struct page_strings {
    std::string_view submit, required, errors_title, thank_you_title, thank_you_body, confirm_score, score_recorded,
        yes, no, not_found_title, not_found_body, expired_title, expired_body, closed_title, closed_body,
        withdrawn_title, withdrawn_body, unreadable_form_title, unreadable_form_body,
        failed_title, failed_body, edit_again;
};

// English, French or Dutch by the language of `locale`; English otherwise.
const page_strings& strings_for(std::string_view locale);

} // namespace touchpoint::engine::pages
