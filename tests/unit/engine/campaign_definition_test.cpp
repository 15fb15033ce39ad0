#include "engine/lifecycle/campaign_definition.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine::lifecycle;
namespace json = boost::json;

namespace {

campaign_parse_result parse(std::string_view text) { return parse_campaign(json::parse(text)); }

// The one error of a parse, as "field: message".
std::string only_error(const campaign_parse_result& result) {
    if (result.errors.size() != 1) {
        std::string all = std::to_string(result.errors.size()) + " errors:";
        for (const auto& e : result.errors) all += " [" + e.field + ": " + e.message + "]";
        return all;
    }
    return result.errors[0].field + ": " + result.errors[0].message;
}

} // namespace

TEST(campaign_definition, reads_the_design_example) {
    const auto result = parse(R"({"name": "Ticket CSAT", "survey_id": "svy_1", "channel": "email",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT1H", "where": {"properties.priority": "high"}},
        "audience": {"where": {"attr.plan": ["pro", "business"], "locale": "fr"}, "sample_percent": 50},
        "cancel_on": ["subscription.cancelled"],
        "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "Europe/Paris"},
        "reminders": [{"after": "P3D"}], "expires_after": "P30D", "resurvey_after": "P90D",
        "message": {"subject": {"en": "How did we do?", "fr": "Comment était-ce ?"}, "sender_name": "Acme Support"}})");
    ASSERT_TRUE(result.ok()) << only_error(result);
    const auto& d = result.definition;
    EXPECT_EQ(d.channel, "email");
    EXPECT_EQ(d.trigger.type, trigger_type::event);
    EXPECT_EQ(d.trigger.event, "ticket.resolved");
    EXPECT_EQ(d.trigger.delay.millis, 3'600'000);
    EXPECT_EQ(d.trigger.where, (std::vector<condition>{{"properties.priority", {"high"}}}));
    EXPECT_EQ(d.audience.where.size(), 2u);
    EXPECT_EQ(d.audience.sample_percent, 50);
    ASSERT_TRUE(d.send_window);
    EXPECT_TRUE(d.send_window->days[0]);
    EXPECT_FALSE(d.send_window->days[5]) << "no Saturday";
    EXPECT_EQ(d.send_window->start_minute, 9 * 60);
    EXPECT_EQ(d.send_window->end_minute, 17 * 60);
    EXPECT_EQ(d.reminders.size(), 1u);
    EXPECT_EQ(d.message.subject.at("fr"), "Comment était-ce ?");

    // What is stored and returned reads back to the same campaign.
    const auto again = parse_campaign(campaign_to_json(d));
    ASSERT_TRUE(again.ok()) << only_error(again);
    EXPECT_EQ(json::value(campaign_to_json(again.definition)), json::value(campaign_to_json(d)));
}

TEST(campaign_definition, reads_every_trigger_type) {
    auto after = parse(R"({"name": "Day 90", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "P90D"}})");
    ASSERT_TRUE(after.ok()) << only_error(after);
    EXPECT_EQ(after.definition.channel, "webhook") << "in-app unless asked";
    EXPECT_EQ(after.definition.trigger.delay.millis, 90LL * 86'400'000);
    auto renewal = parse(R"({"name": "Renewal", "survey_id": "s", "trigger": {"type": "attribute_date", "attribute": "renewal_date", "offset": "-P30D"}})");
    ASSERT_TRUE(renewal.ok()) << only_error(renewal);
    EXPECT_TRUE(renewal.definition.trigger.delay.negative) << "30 days before";
    auto quarterly = parse(R"({"name": "Quarterly", "survey_id": "s", "trigger": {"type": "recurring", "every": "P90D", "start": {"event": "signup", "after": "P30D"}}})");
    ASSERT_TRUE(quarterly.ok()) << only_error(quarterly);
    EXPECT_EQ(quarterly.definition.trigger.event, "signup");
    auto manual = parse(R"({"name": "Now", "survey_id": "s", "trigger": {"type": "manual"}})");
    EXPECT_TRUE(manual.ok()) << only_error(manual);
}

TEST(campaign_definition, names_the_field_of_each_error) {
    const std::vector<std::pair<const char*, const char*>> cases{
        {R"({"survey_id": "s", "trigger": {"type": "manual"}})", "name: is required"},
        {R"({"name": "x", "trigger": {"type": "manual"}})", "survey_id: is required"},
        {R"({"name": "x", "survey_id": "s"})", "trigger: is required"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "90 days"}})",
         "trigger.after: not an ISO 8601 duration (such as PT2H, P3D, P90D or -P30D)"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "-P3D"}})",
         "trigger.after: must not be negative"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "sometimes"}})",
         "trigger.type: must be event, after_event, attribute_date, recurring or manual"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "event", "event": "bad name!"}})",
         "trigger.event: must be an event name (letters, digits and . _ - :, at most 100)"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "event", "event": "e", "where": {"priority": "high"}}})",
         "trigger.where.priority: must be properties.NAME (NAME: letters, digits, _ - and ., at most 64)"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "recurring", "every": "PT1H"}})", "trigger.every: must be at least P1D"},
        {R"({"name": "x", "survey_id": "s", "channel": "sms", "trigger": {"type": "manual"}})", "channel: must be email or webhook"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "audience": {"sample_percent": 0}})",
         "audience.sample_percent: must be a whole number from 1 to 100"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "audience": {"where": {"attr.plan": [{}]}}})",
         "audience.where.attr.plan: must be a text, whole number or true/false, or a list of 1 to 100 of them"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "send_window": {"timezone": "Mars/Olympus"}})",
         "send_window.timezone: must be an IANA time zone such as Europe/Paris or UTC"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "send_window": {"start": "9am"}})",
         "send_window.start: must be a time of day such as \"09:00\" (00:00 to 24:00)"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "send_window": {"start": "17:00", "end": "09:00"}})",
         "send_window.end: must be after send_window.start"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "send_window": {"days": ["monday"]}})",
         "send_window.days: must be a list of mon, tue, wed, thu, fri, sat, sun"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "reminders": [{"after": "P3D"}, {"after": "P2D"}]})",
         "reminders[1].after: must be later than the reminder before it"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "reminders": [{"after": "P30D"}], "expires_after": "P7D"})",
         "reminders: must all come before expires_after"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "cancel_on": ["ok", 5]})",
         "cancel_on[1]: must be an event name (letters, digits and . _ - :, at most 100)"},
        {R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "message": {"subject": {"english": "Hi"}}})",
         "message.subject.english: is not a locale code such as \"en\" or \"pt-BR\""},
        {R"([1, 2])", "body: must be a JSON object"},
    };
    for (const auto& [body, expected] : cases) EXPECT_EQ(only_error(parse(body)), expected) << body;
}
