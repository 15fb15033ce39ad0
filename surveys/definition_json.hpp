// Survey definitions as JSON, in the shape of the public contract (DESIGN.md).
#pragma once

#include "surveys/survey_definition.hpp"

#include <boost/json/object.hpp>

namespace touchpoint::surveys {

boost::json::object to_json(const question& q);
boost::json::object to_json(const survey_definition& definition);

} // namespace touchpoint::surveys
