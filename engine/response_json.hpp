// A response as the API and webhook messages show it (DESIGN.md, "Payload
// shapes"): {"id","survey_id","survey_version","contact","invitation_id",
// "channel","locale","answers","complete","analysis","created_at","updated_at"}.
#pragma once

#include "engine/store/records.hpp"

#include <boost/json/object.hpp>

namespace touchpoint::engine {

// "analysis" holds each text answer's language, sentiment, themes and phrases
// by question id, or {"pending": true} until the text pass has analysed it.
boost::json::object response_json(const store::response_row& row);

} // namespace touchpoint::engine
