// POST /v1/campaigns/preview: replays the stored events and contacts of a recent
// period through a campaign definition, saved or not, without sending anything:
// how many invitations it would have made, on which days, and how many each rule
// skipped (docs/campaigns.md, "Preview"). The rules are the trigger service's own
// (lifecycle::campaign_replay); this service reads the request and the store.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/lifecycle/campaign_replay.hpp"
#include "engine/lifecycle/iso_duration.hpp"
#include "engine/services/service_error.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class campaign_service;

// {"campaign": {...definition...}} or {"campaign_id": "cmp_…"}, exactly one, and
// an optional "since" (default P30D).
struct preview_request {
    std::optional<boost::json::value> campaign;
    std::optional<std::string> campaign_id;
    lifecycle::iso_duration since = *lifecycle::parse_iso_duration("P30D");
};

// The longest period a preview replays.
inline constexpr std::int64_t max_preview_days = 366;

// Reads the body's shape: 422 naming the field when it is wrong (a field it
// does not know, both or neither of campaign and campaign_id, a since that is not a
// positive ISO 8601 duration of at most 366 days). The definition itself is read later.
outcome<preview_request> read_preview_request(const boost::json::value& body, std::int64_t now);

struct campaign_preview {
    std::optional<std::string> campaign_id; // a saved campaign's
    lifecycle::trigger_type trigger = lifecycle::trigger_type::event;
    std::int64_t since = 0, until = 0;
    std::int64_t events = 0; // stored events read
    lifecycle::replay_summary summary;
    std::int64_t elapsed_ms = 0;
};

class campaign_preview_service {
public:
    campaign_preview_service(store::database& db, campaign_service& campaigns) : db_(db), campaigns_(campaigns) {}

    outcome<campaign_preview> preview(const boost::json::value& body);

private:
    store::database& db_;
    campaign_service& campaigns_;
};

} // namespace touchpoint::engine::services
