#include "engine/services/settings_service.hpp"

#include "engine/store/database.hpp"
#include "engine/store/settings_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

lifecycle::fatigue_settings settings_service::fatigue(store::leased_session& lease) {
    auto stored = store::settings_repository(lease).get("fatigue");
    if (!stored) return {};
    surveys::field_errors errors;
    // Stored by update(), which validated it; a document that no longer reads falls back to the defaults.
    return lifecycle::parse_fatigue(parse_stored_json(*stored), "fatigue", errors).value_or(lifecycle::fatigue_settings{});
}

lifecycle::fatigue_settings settings_service::fatigue() {
    store::leased_session lease(db_);
    return fatigue(lease);
}

json::object settings_service::to_json() { return {{"fatigue", lifecycle::fatigue_to_json(fatigue())}}; }

outcome<json::object> settings_service::update(const json::value& body) {
    const auto* fatigue_value = body.is_object() ? body.get_object().if_contains("fatigue") : nullptr;
    if (!fatigue_value) return invalid_field("fatigue", "is required: {\"min_days_between_surveys\": 30, \"max_surveys\": {...}}");
    surveys::field_errors errors;
    auto parsed = lifecycle::parse_fatigue(*fatigue_value, "fatigue", errors);
    if (!parsed) {
        auto message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                          : std::string("the settings have invalid fields");
        return invalid(std::move(errors), std::move(message));
    }
    store::leased_session lease(db_);
    store::settings_repository(lease).put("fatigue", json::serialize(lifecycle::fatigue_to_json(*parsed)), now_ms());
    return json::object{{"fatigue", lifecycle::fatigue_to_json(*parsed)}};
}

} // namespace touchpoint::engine::services
