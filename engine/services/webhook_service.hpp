// Webhook subscriptions (/v1/webhooks): where the engine POSTs which event
// types, with filters, signed with a secret shown once. A rotation keeps the
// previous secret signing too for 24 hours, so receivers switch without a gap.
#pragma once

#include "channels/webhook/webhook_signature.hpp"
#include "engine/services/service_error.hpp"
#include "engine/services/subscription_directory.hpp"
#include "engine/store/webhook_repository.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::engine::store {
class database;
class leased_session;
}

namespace touchpoint::engine::services {

inline constexpr std::array<std::string_view, 6> webhook_event_types{
    "survey.requested", "response.created", "response.completed", "response.updated", "contact.unsubscribed",
    "invitation.failed"};

// How long a rotated-out secret keeps signing.
inline constexpr std::int64_t secret_overlap_ms = 24LL * 3600 * 1000;

struct webhook_view {
    store::webhook_row row;
    std::vector<std::string> events;
    boost::json::object filters;
    std::optional<std::string> shown_secret; // only when just created or rotated
};

class webhook_service {
public:
    // allow_private: --webhook-allow-private, targets on private addresses accepted.
    // Every change is told to `directory`, so this process's deliveries see it at once.
    webhook_service(store::database& db, bool allow_private, subscription_directory& directory)
        : db_(db), allow_private_(allow_private), directory_(directory) {}

    // {"url","events":[..],"filters":{"survey_id","campaign_id","band"},"description"}; 422 names the field.
    outcome<webhook_view> create(const boost::json::value& body);
    outcome<webhook_view> get(const std::string& id);
    std::vector<webhook_view> list(const std::optional<store::page_cursor>& after, int limit);
    // The same fields, and "status": active or disabled (pending messages are cancelled).
    outcome<webhook_view> update(const std::string& id, const boost::json::value& body);
    // Marks it deleted: nothing more is sent (pending messages are cancelled); its delivery log stays.
    outcome<webhook_view> remove(const std::string& id);
    // A new secret, shown once; the previous one keeps signing for 24 hours.
    outcome<webhook_view> rotate_secret(const std::string& id);

private:
    // Writes the subscription; one no longer active has its pending messages
    // cancelled and the invitations left without a message failed (no_subscriber).
    void save(store::leased_session& lease, const store::webhook_row& row);

    store::database& db_;
    bool allow_private_;
    subscription_directory& directory_;
};

} // namespace touchpoint::engine::services
