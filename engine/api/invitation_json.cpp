#include "engine/api/invitation_json.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
namespace {

json::value optional_time(const std::optional<std::int64_t>& value) {
    return value ? json::value(format_time(*value)) : json::value(nullptr);
}

} // namespace

json::object invitation_json(const services::invitation_view& view) {
    const auto& row = view.row;
    return {{"id", row.id}, {"survey_id", row.survey_id},
            {"contact", view.contact_external_id ? json::value(*view.contact_external_id) : json::value(nullptr)},
            {"channel", row.channel},
            {"campaign_id", row.campaign_id ? json::value(*row.campaign_id) : json::value(nullptr)},
            {"status", row.status}, {"token", view.token}, {"url", view.url},
            {"expires_at", optional_time(row.expires_at)}, {"created_at", format_time(row.created_at)},
            {"opened_at", optional_time(row.opened_at)}, {"responded_at", optional_time(row.responded_at)},
            {"reason", row.reason ? json::value(*row.reason) : json::value(nullptr)},
            {"due_at", optional_time(row.due_at)}, {"sent_at", optional_time(row.sent_at)},
            {"delivered_at", optional_time(row.delivered_at)}, {"attempts", row.attempts}};
}

} // namespace touchpoint::engine::api
