#include "engine/api/openapi.hpp"

#include <boost/json.hpp>

#include <string_view>

namespace touchpoint::engine::api {
namespace json = boost::json;

namespace {

enum class auth { none, admin, ingest, token };

struct operation {
    std::string_view method;
    std::string_view path;
    std::string_view summary;
    auth security;
    std::string_view query; // comma-separated query parameters
    std::string_view success; // status code
    std::string_view content; // response media type
};

constexpr operation operations[] = {
    {"get", "/healthz", "Liveness: 200 while the process serves", auth::none, "", "200", "application/json"},
    {"get", "/metrics", "Prometheus text metrics: requests by route and status, latency, responses stored", auth::none, "", "200", "text/plain"},
    {"get", "/v1/openapi.json", "This document", auth::none, "", "200", "application/json"},
    {"get", "/v1/templates", "Built-in templates nps, csat, ces, onboarding with their definitions", auth::none, "", "200", "application/json"},
    {"post", "/v1/surveys", "Create a survey from a full definition or {template, name, locales}", auth::admin, "", "201", "application/json"},
    {"get", "/v1/surveys", "List surveys (cursor paging)", auth::admin, "cursor,limit,include_archived", "200", "application/json"},
    {"get", "/v1/surveys/{id}", "Read a survey and its current version", auth::admin, "", "200", "application/json"},
    {"put", "/v1/surveys/{id}", "Replace the definition; a new version once the current one has responses", auth::admin, "", "200", "application/json"},
    {"delete", "/v1/surveys/{id}", "Archive a survey: its links answer 410", auth::admin, "", "200", "application/json"},
    {"put", "/v1/contacts/{external_id}", "Upsert a contact {email,name,locale,timezone,attributes}: 201 created, 200 updated", auth::ingest, "", "200", "application/json"},
    {"get", "/v1/contacts/{external_id}", "Read a contact", auth::ingest, "", "200", "application/json"},
    {"delete", "/v1/contacts/{external_id}", "Erase a contact (GDPR): personal data and free text go, scores stay anonymous", auth::ingest, "", "204", ""},
    {"post", "/v1/events", "Record a lifecycle event {id (idempotency key), contact, name, occurred_at, properties}: 202, stored once per id", auth::ingest, "", "202", "application/json"},
    {"post", "/v1/events/batch", "Record up to 1000 events {events:[...]} in one transaction, all or none", auth::ingest, "", "202", "application/json"},
    {"post", "/v1/invitations", "Create an invitation {survey_id, contact, channel: link, campaign_id, expires_in_days}: returns token and url", auth::admin, "", "201", "application/json"},
    {"get", "/v1/invitations", "List invitations", auth::admin, "survey_id,contact,campaign,status,cursor,limit", "200", "application/json"},
    {"post", "/v1/responses", "In-app answers {token, answers, complete}; the token is the credential", auth::token, "", "200", "application/json"},
    {"get", "/v1/responses", "List responses (cursor paging)", auth::admin, "survey_id,from,to,cursor,limit", "200", "application/json"},
    {"get", "/v1/responses/export", "Stream every matching response as CSV or NDJSON", auth::admin, "format,survey_id,from,to", "200", "text/csv"},
    {"get", "/v1/reports/{survey_id}/scores", "Score report: NPS, CSAT, CES, ratings, yes/no and choice shares, distributions, time buckets, response rates per campaign and channel (include=rates)", auth::admin, "from,to,interval,timezone,segment,channel,locale,campaign,attr.NAME,include,format,table", "200", "application/json"},
    {"get", "/v1/reports/{survey_id}/text", "Text report: themes with sentiment, scores and verbatims; drivers (log-odds z); discovered phrases", auth::admin, "from,to,timezone,channel,locale,campaign,attr.NAME,format,table", "200", "application/json"},
    {"get", "/v1/reports/lifecycle", "Lifecycle report: days to onboard and to milestones, interactions, by monthly signup cohort; satisfaction of fast versus slow onboarders", auth::admin, "start,end,milestones,interactions,from,to,timezone,survey,question,fast_days,format,table", "200", "application/json"},
    {"post", "/v1/reports/{survey_id}/share", "A share link to the HTML report {expires_in_days: 1-365, default 30}: returns url and expires_at", auth::admin, "", "201", "application/json"},
    {"get", "/reports/{survey_id}", "The HTML report with SVG charts; an admin key or ?access= from a share link; the score report's parameters", auth::admin, "access,from,to,interval,timezone,segment,channel,locale,campaign,attr.NAME", "200", "text/html"},
    {"get", "/v1/themes", "The theme taxonomy the text analysis matches comments against", auth::admin, "", "200", "application/json"},
    {"put", "/v1/themes", "Replace the theme taxonomy {themes:[{id,name,keywords:{en,fr,nl}}]}; stored comments are re-analysed", auth::admin, "", "200", "application/json"},
    {"delete", "/v1/themes", "Restore the default theme taxonomy", auth::admin, "", "200", "application/json"},
    {"get", "/s/{token}", "Hosted survey page; ?score=N lands a one-click score link", auth::token, "score", "200", "text/html"},
    {"post", "/s/{token}", "Submit the hosted survey form (application/x-www-form-urlencoded)", auth::token, "", "200", "text/html"},
};

json::array parameters_of(const operation& op) {
    json::array out;
    std::string_view path = op.path;
    for (auto open = path.find('{'); open != std::string_view::npos; open = path.find('{', open + 1)) {
        const auto close = path.find('}', open);
        out.push_back(json::object{{"name", std::string(path.substr(open + 1, close - open - 1))}, {"in", "path"},
                                   {"required", true}, {"schema", json::object{{"type", "string"}}}});
    }
    std::string_view query = op.query;
    while (!query.empty()) {
        const auto comma = query.find(',');
        out.push_back(json::object{{"name", std::string(query.substr(0, comma))}, {"in", "query"}, {"required", false},
                                   {"schema", json::object{{"type", "string"}}}});
        query = comma == std::string_view::npos ? std::string_view{} : query.substr(comma + 1);
    }
    return out;
}

} // namespace

json::object openapi_document() {
    json::object paths;
    for (const auto& op : operations) {
        json::object operation_object{{"summary", op.summary}, {"parameters", parameters_of(op)}};
        json::object success{{"description", "success"}};
        if (!op.content.empty()) success["content"] = json::object{{std::string(op.content), json::object{}}};
        json::object responses{{std::string(op.success), std::move(success)},
                               {"default", json::object{{"description", "error"},
                                                        {"content", json::object{{"application/json", json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}}}}};
        operation_object["responses"] = std::move(responses);
        if (op.security == auth::admin) operation_object["security"] = json::array{json::object{{"adminKey", json::array{}}}};
        if (op.security == auth::ingest)
            operation_object["security"] = json::array{json::object{{"ingestKey", json::array{}}}, json::object{{"adminKey", json::array{}}}};
        auto& item = paths[op.path];
        if (!item.is_object()) item = json::object{};
        item.as_object()[op.method] = std::move(operation_object);
    }
    auto components = json::parse(R"json({
      "securitySchemes": {
        "adminKey": {"type": "http", "scheme": "bearer", "description": "an admin-scope key"},
        "ingestKey": {"type": "http", "scheme": "bearer", "description": "an ingest-scope key: events and contacts"}},
      "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "details": {"type": "array", "items": {"type": "object", "properties": {
          "field": {"type": "string"}, "message": {"type": "string"}}}}}}}}}})json");
    return {{"openapi", "3.0.3"},
            {"info", json::object{{"title", "Touchpoint API"}, {"version", "1"}}},
            {"paths", std::move(paths)},
            {"components", std::move(components)}};
}

} // namespace touchpoint::engine::api
