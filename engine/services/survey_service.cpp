#include "engine/services/survey_service.hpp"

#include "engine/security/crypto.hpp"
#include "engine/store/database.hpp"
#include "engine/store/survey_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "surveys/definition_json.hpp"
#include "surveys/definition_parser.hpp"
#include "surveys/templates.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

namespace {

outcome<surveys::survey_definition> definition_from_request(const json::value& body) {
    if (!body.is_object()) return invalid_field("body", "must be a JSON object");
    const auto& obj = body.get_object();
    if (!obj.contains("template")) {
        auto parsed = surveys::parse_definition(body);
        if (!parsed.ok()) return invalid(std::move(parsed.errors), "the survey definition has invalid fields");
        return std::move(parsed.definition);
    }
    surveys::template_request request;
    surveys::field_errors errors;
    if (!obj.at("template").is_string()) return invalid_field("template", "must be one of nps, csat, ces, onboarding");
    request.template_name = std::string(obj.at("template").get_string());
    if (const auto* name = obj.if_contains("name")) {
        if (name->is_string()) request.survey_name = std::string(name->get_string());
        else errors.push_back({"name", "must be a string"});
    }
    if (const auto* locale = obj.if_contains("default_locale")) {
        if (locale->is_string()) request.default_locale = std::string(locale->get_string());
        else errors.push_back({"default_locale", "must be a string"});
    }
    if (const auto* locales = obj.if_contains("locales")) {
        if (!locales->is_array()) errors.push_back({"locales", "must be an array of locale codes"});
        else for (std::size_t i = 0; i < locales->get_array().size(); ++i) {
            const auto& item = locales->get_array()[i];
            if (item.is_string()) request.locales.emplace_back(item.get_string());
            else errors.push_back({"locales[" + std::to_string(i) + "]", "must be a string"});
        }
    }
    if (!errors.empty()) return invalid(std::move(errors));
    auto made = surveys::instantiate_template(request);
    if (!made.ok()) return invalid(std::move(made.errors));
    return std::move(made.definition);
}

} // namespace

definition_cache::definition_ptr survey_service::definition(const std::string& survey_id, int version,
                                                            int current_version, std::int64_t updated_at) {
    const std::int64_t revision = version == current_version ? updated_at : 0;
    if (auto cached = cache_.find(survey_id, version, revision)) return cached;
    store::leased_session lease(db_);
    return definition(lease, survey_id, version, current_version, updated_at);
}

definition_cache::definition_ptr survey_service::definition(store::leased_session& lease, const std::string& survey_id,
                                                            int version, int current_version, std::int64_t updated_at) {
    const std::int64_t revision = version == current_version ? updated_at : 0;
    if (auto cached = cache_.find(survey_id, version, revision)) return cached;
    auto text = store::survey_repository(lease).find_version_definition(survey_id, version);
    if (!text) return nullptr;
    auto parsed = surveys::parse_definition(parse_stored_json(*text));
    auto definition = std::make_shared<const surveys::survey_definition>(std::move(parsed.definition));
    cache_.put(survey_id, version, revision, definition);
    return definition;
}

survey_view survey_service::view_of(store::survey_row row) {
    const std::int64_t revision = row.updated_at;
    auto cached = cache_.find(row.id, row.current_version, revision);
    if (!cached) {
        auto parsed = surveys::parse_definition(parse_stored_json(row.definition));
        cached = std::make_shared<const surveys::survey_definition>(std::move(parsed.definition));
        cache_.put(row.id, row.current_version, revision, cached);
    }
    return {std::move(row), std::move(cached)};
}

outcome<survey_view> survey_service::create(const json::value& body) {
    auto definition = definition_from_request(body);
    if (!definition) return definition.error();
    store::survey_row row;
    row.id = security::new_id("svy");
    row.name = definition->name;
    row.kind = std::string(surveys::to_string(definition->kind));
    row.status = "active";
    row.current_version = 1;
    row.created_at = row.updated_at = now_ms();
    row.definition = json::serialize(surveys::to_json(*definition));
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::survey_repository(lease).insert(row);
    transaction.commit();
    return view_of(std::move(row));
}

outcome<survey_view> survey_service::get(const std::string& id) {
    store::leased_session lease(db_);
    auto row = store::survey_repository(lease).find(id);
    if (!row) return not_found("no survey with id " + id);
    return view_of(std::move(*row));
}

std::vector<survey_view> survey_service::list(const std::optional<store::page_cursor>& after, int limit,
                                              bool include_archived) {
    std::vector<store::survey_row> rows;
    {
        store::leased_session lease(db_);
        rows = store::survey_repository(lease).list(after, limit, include_archived);
    }
    std::vector<survey_view> out;
    for (auto& row : rows) out.push_back(view_of(std::move(row)));
    return out;
}

outcome<survey_view> survey_service::update(const std::string& id, const json::value& body) {
    auto parsed = surveys::parse_definition(body);
    std::optional<std::string> status;
    if (body.is_object())
        if (const auto* value = body.get_object().if_contains("status")) {
            if (!value->is_string() || (value->get_string() != "active" && value->get_string() != "archived"))
                parsed.errors.push_back({"status", "must be active or archived"});
            else status = std::string(value->get_string());
        }
    if (!parsed.ok()) return invalid(std::move(parsed.errors), "the survey definition has invalid fields");

    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::survey_repository surveys_repo(lease);
    auto row = surveys_repo.find(id);
    if (!row) return not_found("no survey with id " + id);
    const auto definition = json::serialize(surveys::to_json(parsed.definition));
    const auto now = std::max(now_ms(), row->updated_at + 1); // updated_at is the cache revision: it must move
    if (surveys_repo.version_has_responses(id, row->current_version)) {
        row->current_version += 1;
        surveys_repo.add_version(id, row->current_version, definition, now);
    } else {
        surveys_repo.replace_definition(id, row->current_version, definition);
    }
    row->name = parsed.definition.name;
    row->kind = std::string(surveys::to_string(parsed.definition.kind));
    if (status) row->status = *status;
    row->updated_at = now;
    row->definition = definition;
    surveys_repo.update(*row);
    transaction.commit();
    return view_of(std::move(*row));
}

outcome<survey_view> survey_service::archive(const std::string& id) {
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::survey_repository surveys_repo(lease);
    auto row = surveys_repo.find(id);
    if (!row) return not_found("no survey with id " + id);
    row->status = "archived";
    row->updated_at = std::max(now_ms(), row->updated_at + 1);
    surveys_repo.update(*row);
    transaction.commit();
    return view_of(std::move(*row));
}

} // namespace touchpoint::engine::services
