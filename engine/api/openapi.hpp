// The OpenAPI 3 document served at /v1/openapi.json.
#pragma once

#include <boost/json/object.hpp>

namespace touchpoint::engine::api {

boost::json::object openapi_document();

} // namespace touchpoint::engine::api
