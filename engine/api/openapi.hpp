// The OpenAPI 3.1 document served at /v1/openapi.json.
#pragma once

#include <boost/json/object.hpp>

namespace touchpoint::engine::api {

// engine/api/openapi.json, embedded at build time and parsed once.
const boost::json::object& openapi_document();

} // namespace touchpoint::engine::api
