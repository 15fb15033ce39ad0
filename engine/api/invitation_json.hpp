// An invitation as the API writes it (GET /v1/invitations, POST /v1/events).
#pragma once

#include "engine/services/invitation_service.hpp"

#include <boost/json/object.hpp>

namespace touchpoint::engine::api {

boost::json::object invitation_json(const services::invitation_view& view);

} // namespace touchpoint::engine::api
