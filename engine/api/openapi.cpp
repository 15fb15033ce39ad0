// The OpenAPI document lives in engine/api/openapi.json, where it reads and
// diffs as what it is; the build embeds it (cmake/EmbedText.cmake) and the tests
// in tests/api lint it and check every route's real answers against it.
#include "engine/api/openapi.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {

extern const char* const openapi_json; // generated from openapi.json

const boost::json::object& openapi_document() {
    // The configure step has already refused a document that does not parse.
    static const boost::json::object document = boost::json::parse(openapi_json).as_object();
    return document;
}

} // namespace touchpoint::engine::api
