#include "engine/services/invitation_service.hpp"

#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/survey_repository.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

invitation_view invitation_service::view_of(store::invitation_row row, std::optional<std::string> external_id) const {
    invitation_view view;
    view.token = signer_.issue({row.id, row.expires_at});
    view.url = url_for(view.token);
    view.row = std::move(row);
    view.contact_external_id = std::move(external_id);
    return view;
}

outcome<invitation_view> invitation_service::create(const json::value& body) {
    if (!body.is_object()) return invalid_field("body", "must be a JSON object");
    const auto& obj = body.get_object();
    surveys::field_errors errors;
    std::string survey_id, channel = "link";
    std::optional<std::string> contact, campaign;
    int days = default_invitation_days;
    if (const auto* value = obj.if_contains("survey_id"); value && value->is_string() && !value->get_string().empty())
        survey_id = std::string(value->get_string());
    else errors.push_back({"survey_id", "is required: the id of the survey to answer"});
    if (const auto* value = obj.if_contains("contact"); value && !value->is_null()) {
        if (value->is_string() && !value->get_string().empty()) contact = std::string(value->get_string());
        else errors.push_back({"contact", "must be the external id of a contact"});
    }
    if (const auto* value = obj.if_contains("channel"); value && !value->is_null()) {
        if (!value->is_string()) errors.push_back({"channel", "must be link, email or webhook"});
        else channel = std::string(value->get_string());
        if (channel == "email" || channel == "webhook")
            errors.push_back({"channel", "delivery by " + channel + " is not available in this version; use link"});
        else if (channel != "link") errors.push_back({"channel", "must be link, email or webhook"});
    }
    if (const auto* value = obj.if_contains("campaign_id"); value && !value->is_null()) {
        if (value->is_string() && !value->get_string().empty() && value->get_string().size() <= 100)
            campaign = std::string(value->get_string());
        else errors.push_back({"campaign_id", "must be a text of 1 to 100 characters naming the campaign"});
    }
    if (const auto* value = obj.if_contains("expires_in_days"); value && !value->is_null()) {
        if (value->is_int64() && value->get_int64() >= 1 && value->get_int64() <= 3650) days = static_cast<int>(value->get_int64());
        else errors.push_back({"expires_in_days", "must be an integer from 1 to 3650"});
    }
    if (!errors.empty()) return invalid(std::move(errors), "the invitation has invalid fields");

    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    auto survey = store::survey_repository(lease).find(survey_id);
    if (!survey) return not_found("no survey with id " + survey_id);
    if (survey->status == "archived") return service_error{409, "survey_archived", "survey " + survey_id + " is archived", {}};
    store::invitation_row row;
    if (contact) {
        auto found = store::contact_repository(lease).find_by_external_id(*contact);
        if (!found) return not_found("no contact with external id " + *contact);
        row.contact_id = found->id;
    }
    row.id = security::new_invitation_id();
    row.survey_id = survey_id;
    row.channel = channel;
    row.campaign_id = campaign;
    row.status = "created";
    row.created_at = now_ms();
    // Whole seconds: the token carries the expiry at that precision.
    row.expires_at = (row.created_at / 1000 + static_cast<std::int64_t>(days) * 86'400) * 1000;
    store::invitation_repository(lease).insert(row);
    transaction.commit();
    return view_of(std::move(row), contact);
}

outcome<std::vector<invitation_view>> invitation_service::list(const std::optional<std::string>& survey_id,
                                                               const std::optional<std::string>& contact_external_id,
                                                               const std::optional<std::string>& status,
                                                               const std::optional<std::string>& campaign_id,
                                                               const std::optional<store::page_cursor>& after, int limit) {
    store::leased_session lease(db_);
    store::invitation_filter filter{survey_id, std::nullopt, status, campaign_id};
    if (contact_external_id) {
        auto contact = store::contact_repository(lease).find_by_external_id(*contact_external_id);
        if (!contact) return not_found("no contact with external id " + *contact_external_id);
        filter.contact_id = contact->id;
    }
    std::vector<invitation_view> out;
    for (auto& row : store::invitation_repository(lease).list(filter, after, limit)) {
        std::optional<std::string> external;
        if (row.contact_id == filter.contact_id) external = contact_external_id;
        else if (row.contact_id)
            if (auto contact = store::contact_repository(lease).find(*row.contact_id)) external = contact->external_id;
        out.push_back(view_of(std::move(row), std::move(external)));
    }
    return out;
}

} // namespace touchpoint::engine::services
