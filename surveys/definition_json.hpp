// Survey definitions as JSON, in the shape of the public contract (DESIGN.md).
#pragma once

#include "surveys/survey_definition.hpp"

#include <boost/json/object.hpp>

namespace touchpoint::surveys {

boost::json::object to_json(const question& q);
boost::json::object to_json(const survey_definition& definition);

// The survey as one person sees it in `locale` (one of the survey's locales):
// the same shape with each text a string in that locale (falling back as
// pick_text does), "text_by_band" mapping each band to its wording, and
// "labels" {"min","max"} as strings. For a product that shows the survey itself.
boost::json::object to_localized_json(const survey_definition& definition, std::string_view locale);

} // namespace touchpoint::surveys
