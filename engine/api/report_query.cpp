#include "engine/api/report_query.hpp"

#include "engine/api/json_io.hpp"

namespace touchpoint::engine::api {

namespace {

// segment=channel|locale|campaign|attr.NAME
services::outcome<services::score_report_query> read_segment(const std::string& name, services::score_report_query query) {
    query.segment_name = name;
    if (name == "channel") query.segment.kind = store::segment_kind::channel;
    else if (name == "locale") query.segment.kind = store::segment_kind::locale;
    else if (name == "campaign") query.segment.kind = store::segment_kind::campaign;
    else if (name.starts_with("attr.") && store::is_report_attribute_name(name.substr(5))) {
        query.segment.kind = store::segment_kind::attribute;
        query.segment.attribute = name.substr(5);
    } else {
        return services::invalid_field("segment", "must be channel, locale, campaign or attr.NAME (NAME of letters, digits, _ - .)");
    }
    return query;
}

services::outcome<std::optional<std::int64_t>> read_report_time(const http::request& req, const std::string& name,
                                                               const reports::time_zone& zone) {
    auto parsed = read_time_param(req, name);
    if (!parsed || !*parsed) return parsed;
    const auto text = req.query_param(name).value_or("");
    if (text.size() == 10 && !zone.is_utc()) return std::optional<std::int64_t>{zone.start_of_local_day(reports::day_of_millis(**parsed))};
    return parsed;
}

} // namespace

services::outcome<report_period> read_report_period(const http::request& req) {
    report_period period;
    period.timezone = req.query_param("timezone").value_or("UTC");
    auto zone = reports::time_zone::find(period.timezone);
    if (!zone) return services::invalid_field("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
    auto from = read_report_time(req, "from", *zone);
    if (!from) return from.error();
    auto to = read_report_time(req, "to", *zone);
    if (!to) return to.error();
    period.from = *from;
    period.to = *to;
    return period;
}

services::outcome<services::score_report_query> read_score_query(const http::request& req) {
    services::score_report_query query;
    auto period = read_report_period(req);
    if (!period) return period.error();
    query.timezone = period->timezone;
    query.filter.from = period->from;
    query.filter.to = period->to;
    if (auto interval = req.query_param("interval")) {
        query.bucket_interval = reports::parse_interval(*interval);
        if (!query.bucket_interval) return services::invalid_field("interval", "must be day, week or month");
    }
    auto text_filter = [&](const char* name, std::optional<std::string>& into) -> bool {
        auto value = req.query_param(name);
        if (!value) return true;
        if (value->empty() || value->size() > 200) return false;
        into = *value;
        return true;
    };
    if (!text_filter("channel", query.filter.channel)) return services::invalid_field("channel", "must be a non-empty text");
    if (!text_filter("locale", query.filter.locale)) return services::invalid_field("locale", "must be a non-empty text");
    if (!text_filter("campaign", query.filter.campaign_id))
        return services::invalid_field("campaign", "must be a non-empty text");
    for (const auto& [name, value] : req.query) {
        if (!name.starts_with("attr.")) continue;
        if (!store::is_report_attribute_name(name.substr(5)))
            return services::invalid_field(name, "attribute names are letters, digits, _ - and ., at most 64");
        if (value.size() > 200) return services::invalid_field(name, "must be at most 200 characters");
        query.filter.attributes.emplace_back(name.substr(5), value);
    }
    if (auto segment = req.query_param("segment")) return read_segment(*segment, std::move(query));
    return query;
}

} // namespace touchpoint::engine::api
