#include "reports/response_rates.hpp"

#include "reports/csv_writer.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace touchpoint::reports {
namespace json = boost::json;

namespace {

struct tally {
    std::int64_t invitations = 0, tracked = 0, opened = 0, responded = 0, completed = 0;

    void add(const invitation_counts& row) {
        invitations += row.invitations;
        responded += row.responded;
        completed += row.completed;
        if (channel_tracks_opening(row.channel)) {
            tracked += row.invitations;
            opened += row.opened;
        }
    }

    funnel figures() const {
        auto rate = [](std::int64_t part, std::int64_t whole) -> std::optional<double> {
            if (whole == 0) return std::nullopt;
            return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
        };
        return {invitations,
                tracked > 0 ? std::optional(opened) : std::nullopt,
                responded,
                completed,
                rate(opened, tracked),
                rate(responded, invitations),
                rate(completed, invitations)};
    }
};

json::value optional_value(const auto& value) { return value ? json::value(*value) : json::value(nullptr); }

void put_funnel(json::object& out, const funnel& f) {
    out["invitations"] = f.invitations;
    out["opened"] = optional_value(f.opened);
    out["responded"] = f.responded;
    out["completed"] = f.completed;
    out["open_rate"] = optional_value(f.open_rate);
    out["response_rate"] = optional_value(f.response_rate);
    out["completion_rate"] = optional_value(f.completion_rate);
}

std::string cell(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : ""; }
std::string cell(const std::optional<double>& value) { return value ? csv_number(*value) : ""; }

} // namespace

bool channel_tracks_opening(const std::string& channel) { return channel != "webhook"; }

response_rates compute_response_rates(std::vector<invitation_counts> rows) {
    // The same order on every database: no campaign first, then by name (bytes).
    std::ranges::sort(rows, {}, [](const invitation_counts& row) { return std::tie(row.campaign_id, row.channel); });
    tally total;
    std::map<std::optional<std::string>, tally> by_campaign;
    std::map<std::string, tally> by_channel;
    response_rates out;
    for (const auto& row : rows) {
        total.add(row);
        by_campaign[row.campaign_id].add(row);
        by_channel[row.channel].add(row);
        tally alone;
        alone.add(row);
        out.rows.push_back({row.campaign_id, row.channel, alone.figures()});
    }
    out.total = total.figures();
    for (const auto& [campaign, t] : by_campaign) out.by_campaign.push_back({campaign, t.figures()});
    for (const auto& [channel, t] : by_channel) out.by_channel.push_back({channel, t.figures()});
    return out;
}

std::string response_rates_csv(const response_rates& rates) {
    std::string out;
    append_csv_row(out, {"campaign", "channel", "invitations", "opened", "responded", "completed", "open_rate",
                         "response_rate", "completion_rate"});
    for (const auto& row : rates.rows) {
        const auto& f = row.figures;
        append_csv_row(out, {row.campaign.value_or(""), row.channel, std::to_string(f.invitations), cell(f.opened),
                             std::to_string(f.responded), std::to_string(f.completed), cell(f.open_rate),
                             cell(f.response_rate), cell(f.completion_rate)});
    }
    return out;
}

void tag_invoke(const json::value_from_tag&, json::value& out, const response_rates& rates) {
    json::object report;
    put_funnel(report, rates.total);
    json::array campaigns;
    for (const auto& row : rates.by_campaign) {
        json::object item{{"campaign", optional_value(row.campaign)}};
        put_funnel(item, row.figures);
        campaigns.push_back(std::move(item));
    }
    json::array channels;
    for (const auto& row : rates.by_channel) {
        json::object item{{"channel", row.channel}};
        put_funnel(item, row.figures);
        channels.push_back(std::move(item));
    }
    json::array rows;
    for (const auto& row : rates.rows) {
        json::object item{{"campaign", optional_value(row.campaign)}, {"channel", row.channel}};
        put_funnel(item, row.figures);
        rows.push_back(std::move(item));
    }
    report["by_campaign"] = std::move(campaigns);
    report["by_channel"] = std::move(channels);
    report["rows"] = std::move(rows);
    if (!rates.not_filtered_by.empty()) report["not_filtered_by"] = json::value_from(rates.not_filtered_by);
    out = std::move(report);
}

} // namespace touchpoint::reports
