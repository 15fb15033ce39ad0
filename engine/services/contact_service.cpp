#include "engine/services/contact_service.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/services/webhook_messages.hpp"

#include "engine/security/crypto.hpp"
#include "engine/services/campaign_firing.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/response_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "surveys/localized_text.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
namespace json = boost::json;

namespace {

constexpr std::size_t max_attributes = 100;

bool has_control_characters(std::string_view text) {
    return std::ranges::any_of(text, [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

bool looks_like_email(std::string_view email) {
    const auto at = email.find('@');
    return email.size() <= 254 && at != std::string_view::npos && at > 0 && email.find('@', at + 1) == std::string_view::npos &&
           email.find('.', at) != std::string_view::npos && email.back() != '.' && !has_control_characters(email) &&
           email.find(' ') == std::string_view::npos;
}

bool looks_like_timezone(std::string_view zone) {
    if (zone == "UTC") return true;
    return !zone.empty() && zone.size() <= 64 && zone.find('/') != std::string_view::npos &&
           std::ranges::all_of(zone, [](unsigned char c) { return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+'; });
}

// Applies one optional text field: absent keeps, null clears, a string is checked.
void apply_text(const json::object& body, std::string_view key, std::optional<std::string>& target,
                surveys::field_errors& errors, bool (*valid)(std::string_view), std::string_view expectation) {
    const auto* value = body.if_contains(key);
    if (!value) return;
    if (value->is_null()) {
        target.reset();
        return;
    }
    if (!value->is_string() || !valid(value->get_string())) {
        errors.push_back({std::string(key), std::string(expectation)});
        return;
    }
    target = std::string(value->get_string());
}

} // namespace

outcome<upserted_contact> contact_service::upsert(const std::string& external_id, const json::value& body) {
    if (external_id.empty() || external_id.size() > 200 || has_control_characters(external_id))
        return invalid_field("external_id", "must be 1 to 200 printable characters");
    if (!body.is_object()) return invalid_field("body", "must be a JSON object");
    const auto& obj = body.get_object();

    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::contact_repository contacts(lease);
    auto existing = contacts.find_by_external_id(external_id);
    upserted_contact result;
    result.created = !existing;
    auto& row = result.row;
    if (existing) row = *existing;
    else {
        row.id = security::new_ordered_id("cnt");
        row.external_id = external_id;
        row.created_at = now_ms();
    }

    surveys::field_errors errors;
    apply_text(obj, "email", row.email, errors, looks_like_email, "must be an email address");
    apply_text(obj, "name", row.name, errors, [](std::string_view s) { return s.size() <= 200 && !has_control_characters(s); },
               "must be a string of at most 200 characters");
    apply_text(obj, "locale", row.locale, errors, surveys::is_valid_locale, "must be a locale code such as \"en\" or \"fr-BE\"");
    apply_text(obj, "timezone", row.timezone, errors, looks_like_timezone, "must be an IANA time zone such as \"Europe/Paris\"");

    auto attributes = parse_stored_json(row.attributes).as_object();
    if (const auto* value = obj.if_contains("attributes"); value && !value->is_null()) {
        if (!value->is_object()) errors.push_back({"attributes", "must be an object of name to string, number or boolean"});
        else for (const auto& [key, attribute] : value->get_object()) {
            const auto field = "attributes." + std::string(key);
            if (key.empty() || key.size() > 64) errors.push_back({field, "names must be 1 to 64 characters"});
            else if (attribute.is_null()) attributes.erase(key);
            else if (attribute.is_string() || attribute.is_number() || attribute.is_bool()) attributes[key] = attribute;
            else errors.push_back({field, "must be a string, number or boolean"});
        }
        if (attributes.size() > max_attributes)
            errors.push_back({"attributes", "must hold at most " + std::to_string(max_attributes) + " attributes"});
    }
    std::optional<bool> unsubscribe;
    if (const auto* value = obj.if_contains("unsubscribed"); value && !value->is_null()) {
        if (value->is_bool()) unsubscribe = value->get_bool();
        else errors.push_back({"unsubscribed", "must be true (no more surveys) or false (surveys again)"});
    }
    if (!errors.empty()) return invalid(std::move(errors), "the contact has invalid fields");

    row.attributes = json::serialize(attributes);
    const auto now = now_ms();
    row.updated_at = now;
    if (result.created) contacts.insert(row);
    else contacts.update(row);
    result.unsubscribed_at = result.created ? std::nullopt : contacts.unsubscribed_at(row.id);
    bool told = false;
    if (unsubscribe == true && !result.unsubscribed_at) {
        // No more surveys: what was scheduled for it ends here, and subscribers hear of it.
        contacts.lock_for_surveys(row.id);
        contacts.set_unsubscribed_at(row.id, now);
        result.unsubscribed_at = now;
        const auto cancelled = store::invitation_repository(lease).cancel_scheduled_of_contact(row.id, "unsubscribed");
        store::job_repository jobs(lease);
        for (const auto& id : cancelled) jobs.cancel_for_invitation(id, now);
        if (subscriptions_) {
            webhook_message message;
            message.type = "contact.unsubscribed";
            message.data = {{"contact", row.external_id}, {"unsubscribed_at", format_time(now)},
                            {"cancelled_invitations", json::value_from(cancelled)}};
            told = enqueue_webhook_message(jobs, subscriptions_->active(lease), message, now) > 0;
        }
    } else if (unsubscribe == false && result.unsubscribed_at) {
        contacts.set_unsubscribed_at(row.id, std::nullopt);
        result.unsubscribed_at.reset();
    }
    // Dates in its attributes, and recurring chains that start with the contact, scheduled with it.
    const auto made = on_contact_changed(lease, row.id, now);
    transaction.commit();
    if (wake_ && (told || any_due(made, now))) wake_();
    return result;
}

outcome<upserted_contact> contact_service::get(const std::string& external_id) {
    store::leased_session lease(db_);
    store::contact_repository contacts(lease);
    auto row = contacts.find_by_external_id(external_id);
    if (!row) return not_found("no contact with external id " + external_id);
    upserted_contact out;
    out.unsubscribed_at = contacts.unsubscribed_at(row->id);
    out.row = std::move(*row);
    return out;
}

outcome<void> contact_service::erase(const std::string& external_id) {
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::contact_repository contacts(lease);
    auto row = contacts.find_by_external_id(external_id);
    if (!row) return not_found("no contact with external id " + external_id);

    store::response_repository responses(lease);
    for (const auto& response : responses.list_by_contact(row->id)) {
        auto answers = parse_stored_json(response.answers).as_object();
        // Version lookups bypass the cache's revision check: old versions are immutable.
        auto definition = surveys_.definition(lease, response.survey_id, response.survey_version, -1, 0);
        for (auto it = answers.begin(); it != answers.end();) {
            const auto* q = definition ? definition->find_question(it->key()) : nullptr;
            if (!q || q->type == surveys::question_type::text) it = answers.erase(it);
            else ++it;
        }
        responses.replace_answers_document(response.id, json::serialize(answers));
    }
    contacts.erase(row->id);
    transaction.commit();
    return {};
}

} // namespace touchpoint::engine::services
