// Response rates of a survey's invitations per campaign and channel: how many
// were sent, opened (where the channel can tell), answered and completed.
#pragma once

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports {

// What the store counted for one campaign and channel.
struct invitation_counts {
    std::optional<std::string> campaign_id; // none: sent outside any campaign
    std::string channel;
    std::int64_t invitations = 0;
    std::int64_t opened = 0;
    std::int64_t responded = 0;
    std::int64_t completed = 0;
};

// Whether opening is observed on a channel: the hosted page (link, email) sees
// it; a webhook hands the survey to the customer's product, which does not say.
bool channel_tracks_opening(const std::string& channel);

// One funnel. Rates are percents of the invitations (open_rate of those on
// channels that track opening); a rate with nothing to divide by is empty, and
// so is `opened` where no channel tracks it.
struct funnel {
    std::int64_t invitations = 0;
    std::optional<std::int64_t> opened;
    std::int64_t responded = 0;
    std::int64_t completed = 0;
    std::optional<double> open_rate, response_rate, completion_rate;
};

struct campaign_funnel {
    std::optional<std::string> campaign; // none: sent outside any campaign
    funnel figures;
};

struct channel_funnel {
    std::string channel;
    funnel figures;
};

struct campaign_channel_funnel {
    std::optional<std::string> campaign;
    std::string channel;
    funnel figures;
};

struct response_rates {
    funnel total;
    std::vector<campaign_funnel> by_campaign; // no campaign first, then by id (bytes)
    std::vector<channel_funnel> by_channel;   // by name
    std::vector<campaign_channel_funnel> rows; // by campaign, then channel
    std::vector<std::string> not_filtered_by;  // report filters the rates ignore ("locale": invitations have none)
};

response_rates compute_response_rates(std::vector<invitation_counts> rows);

// campaign, channel, invitations, opened, responded, completed, open_rate,
// response_rate, completion_rate: one row per campaign and channel.
std::string response_rates_csv(const response_rates& rates);

// {"invitations","opened","responded","completed","open_rate","response_rate",
//  "completion_rate","by_campaign":[{"campaign",..}],"by_channel":[{"channel",..}],
//  "rows":[{"campaign","channel",..}]} and "not_filtered_by" when not empty.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const response_rates& rates);

} // namespace touchpoint::reports
