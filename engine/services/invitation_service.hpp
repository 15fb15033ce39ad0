// Invitations and the respondent links they carry.
#pragma once

#include "engine/security/token_signer.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/invitation_repository.hpp"

#include <boost/json/fwd.hpp>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

struct invitation_view {
    store::invitation_row row;
    std::optional<std::string> contact_external_id;
    std::string token;
    std::string url;
};

inline constexpr int default_invitation_days = 90;

class invitation_service {
public:
    invitation_service(store::database& db, const security::token_signer& signer, std::string public_url)
        : db_(db), signer_(signer), public_url_(std::move(public_url)) {}

    // {"survey_id", "contact"?, "channel":"link", "expires_in_days"?}
    outcome<invitation_view> create(const boost::json::value& body);
    // Filters by survey, contact (external id) and status.
    outcome<std::vector<invitation_view>> list(const std::optional<std::string>& survey_id,
                                               const std::optional<std::string>& contact_external_id,
                                               const std::optional<std::string>& status,
                                               const std::optional<std::string>& campaign_id,
                                               const std::optional<store::page_cursor>& after, int limit);

    std::string url_for(const std::string& token) const { return public_url_ + "/s/" + token; }
    // The invitation with its token and URL.
    invitation_view view_of(store::invitation_row row, std::optional<std::string> external_id) const;

private:
    store::database& db_;
    const security::token_signer& signer_;
    std::string public_url_;
};

} // namespace touchpoint::engine::services
