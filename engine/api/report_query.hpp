// Reading a report's query string: dates in the report's time zone, filters,
// the segment and the interval, with a 422 naming the parameter at fault.
#pragma once

#include "engine/http/message.hpp"
#include "engine/services/report_service.hpp"
#include "reports/time_zone.hpp"

namespace touchpoint::engine::api {

// ?timezone (an IANA name, UTC by default), and ?from and ?to in it: a date
// without a time ("2026-11-01") is that day's local midnight; a full time stays
// the instant it names.
struct report_period {
    std::string timezone;
    std::optional<std::int64_t> from, to;
};
services::outcome<report_period> read_report_period(const http::request& req);

// from, to, timezone, interval, channel, locale, campaign, attr.NAME, segment.
services::outcome<services::score_report_query> read_score_query(const http::request& req);

} // namespace touchpoint::engine::api
