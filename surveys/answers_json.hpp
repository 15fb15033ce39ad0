// Answers to and from the JSON stored with a response and shown by the API.
#pragma once

#include "surveys/answers.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace touchpoint::surveys {

boost::json::object to_json(const answer_map& answers);
boost::json::value to_json(const answer_value& value);

// Reads answers stored by to_json; values of unknown shape are skipped.
answer_map answers_from_json(const boost::json::value& stored);

} // namespace touchpoint::surveys
