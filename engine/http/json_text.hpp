// JSON text for response bodies. Boost.JSON 1.81 prints every double in
// exponent form (an NPS of 45.5 as 4.55E1); clients and people read these, so
// numbers are printed in their shortest plain form instead (45.5, 100).
#pragma once

#include <boost/json/fwd.hpp>

#include <string>

namespace touchpoint::engine::http {

std::string to_json_text(const boost::json::value& value);

} // namespace touchpoint::engine::http
