#include "reports/response_rates.hpp"

#include "reports/csv_writer.hpp"
#include "reports/json_cell.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace touchpoint::reports {
namespace json = boost::json;

namespace {

struct funnel {
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
};

json::value rate(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return nullptr;
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void put_funnel(json::object& out, const funnel& f) {
    out["invitations"] = f.invitations;
    out["opened"] = f.tracked > 0 ? json::value(f.opened) : json::value(nullptr);
    out["responded"] = f.responded;
    out["completed"] = f.completed;
    out["open_rate"] = rate(f.opened, f.tracked);
    out["response_rate"] = rate(f.responded, f.invitations);
    out["completion_rate"] = rate(f.completed, f.invitations);
}

json::value campaign_value(const std::optional<std::string>& campaign) {
    return campaign ? json::value(*campaign) : json::value(nullptr);
}

} // namespace

bool channel_tracks_opening(const std::string& channel) { return channel != "webhook"; }

json::object response_rates_report(std::vector<invitation_counts> rows) {
    // The same order on every database: no campaign first, then by name (bytes).
    std::ranges::sort(rows, {}, [](const invitation_counts& row) { return std::tie(row.campaign_id, row.channel); });
    funnel total;
    std::map<std::optional<std::string>, funnel> by_campaign;
    std::map<std::string, funnel> by_channel;
    json::array row_items;
    for (const auto& row : rows) {
        total.add(row);
        by_campaign[row.campaign_id].add(row);
        by_channel[row.channel].add(row);
        funnel alone;
        alone.add(row);
        json::object item{{"campaign", campaign_value(row.campaign_id)}, {"channel", row.channel}};
        put_funnel(item, alone);
        row_items.push_back(std::move(item));
    }
    json::object report;
    put_funnel(report, total);
    json::array campaigns;
    for (const auto& [campaign, f] : by_campaign) {
        json::object item{{"campaign", campaign_value(campaign)}};
        put_funnel(item, f);
        campaigns.push_back(std::move(item));
    }
    json::array channels;
    for (const auto& [channel, f] : by_channel) {
        json::object item{{"channel", channel}};
        put_funnel(item, f);
        channels.push_back(std::move(item));
    }
    report["by_campaign"] = std::move(campaigns);
    report["by_channel"] = std::move(channels);
    report["rows"] = std::move(row_items);
    return report;
}

std::string response_rates_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"campaign", "channel", "invitations", "opened", "responded", "completed", "open_rate",
                         "response_rate", "completion_rate"});
    const auto* rows = at_path(report, {"response_rates", "rows"});
    if (!rows || !rows->is_array()) return out;
    for (const auto& item : rows->get_array()) {
        const auto& row = item.as_object();
        std::vector<std::string> cells;
        for (const char* key : {"campaign", "channel", "invitations", "opened", "responded", "completed", "open_rate",
                                "response_rate", "completion_rate"})
            cells.push_back(cell(row.if_contains(key)));
        append_csv_row(out, cells);
    }
    return out;
}

} // namespace touchpoint::reports
