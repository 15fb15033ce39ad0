// How the answers table keeps an analysis's themes and key phrases: theme ids
// separated by spaces, and one "stems<TAB>words" line per phrase. Written at
// ingest and by the text pass, read by the response list and the text report.
#pragma once

#include "reports/text/key_phrases.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

std::string stored_themes(const std::vector<std::string>& theme_ids);
std::string stored_phrases(const std::vector<key_phrase>& phrases);

void for_each_stored_theme(std::string_view stored, const std::function<void(std::string_view id)>& visit);
void for_each_stored_phrase(std::string_view stored,
                            const std::function<void(std::string_view stems, std::string_view words)>& visit);

} // namespace touchpoint::reports::text
