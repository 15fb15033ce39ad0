// /v1/contacts/{external_id}: upsert, read, erase. Open to ingest keys.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/contact_service.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

json::value optional_text(const std::optional<std::string>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::object contact_json(const store::contact_row& row) {
    return {{"external_id", row.external_id}, {"email", optional_text(row.email)}, {"name", optional_text(row.name)},
            {"locale", optional_text(row.locale)}, {"timezone", optional_text(row.timezone)},
            {"attributes", parse_stored_json(row.attributes)}, {"created_at", format_time(row.created_at)},
            {"updated_at", format_time(row.updated_at)}};
}

} // namespace

void add_contact_routes(http::router& r, api_context& c) {
    auto ingest = [&c](http::handler h) { return require_key(c.keys, key_scope::ingest, std::move(h)); };

    r.add("PUT", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.contacts.upsert(req.params["external_id"], *body);
        if (!result) return error_to_response(result.error());
        return http::json_response(result->created ? 201 : 200, contact_json(result->row));
    }));
    r.add("GET", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto result = c.contacts.get(req.params["external_id"]);
        if (!result) return error_to_response(result.error());
        return http::json_response(200, contact_json(*result));
    }));
    r.add("DELETE", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto result = c.contacts.erase(req.params["external_id"]);
        if (!result) return error_to_response(result.error());
        http::response out;
        out.status = 204;
        return out;
    }));
}

} // namespace touchpoint::engine::api
