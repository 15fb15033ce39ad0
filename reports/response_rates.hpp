// Response rates of a survey's invitations per campaign and channel: how many
// were sent, opened (where the channel can tell), answered and completed.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports {

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

// {"invitations","opened","responded","completed","open_rate","response_rate",
//  "completion_rate", "by_campaign":[{"campaign",..}], "by_channel":[{"channel",..}],
//  "rows":[{"campaign","channel",..}]}. Rates are percents of the invitations
// (open_rate of those on channels that track opening); a rate with nothing to
// divide by is null, and so is `opened` where no channel tracks it. Rows come
// out with no campaign first, then by campaign and channel.
boost::json::object response_rates_report(std::vector<invitation_counts> rows);

// campaign, channel, invitations, opened, responded, completed, open_rate,
// response_rate, completion_rate: one row per campaign and channel.
std::string response_rates_csv(const boost::json::object& report);

} // namespace touchpoint::reports
