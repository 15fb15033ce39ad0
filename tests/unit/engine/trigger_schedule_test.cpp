#include "engine/lifecycle/trigger_schedule.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;
namespace json = boost::json;

namespace {
constexpr std::int64_t day = 86'400'000;
std::int64_t at(const char* text) { return *parse_time(text); }

campaign_definition campaign(const char* text) {
    auto parsed = parse_campaign(json::parse(text));
    EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].field + " " + parsed.errors[0].message);
    return parsed.definition;
}

std::optional<std::int64_t> date_of(const char* text, const char* zone = "UTC") {
    auto read = read_attribute_date(json::value(text), *touchpoint::reports::time_zone::find(zone));
    if (!read) return std::nullopt;
    EXPECT_EQ(read->text, text) << "the key is the date as the attribute holds it";
    return read->at;
}
} // namespace

TEST(trigger_schedule, a_date_alone_starts_at_the_local_midnight_of_the_zone) {
    EXPECT_EQ(date_of("2027-03-01"), at("2027-03-01T00:00:00Z"));
    EXPECT_EQ(date_of("2027-03-01", "Europe/Paris"), at("2027-02-28T23:00:00Z")) << "winter: UTC+1";
    EXPECT_EQ(date_of("2027-07-01", "Europe/Paris"), at("2027-06-30T22:00:00Z")) << "summer: UTC+2";
    EXPECT_EQ(date_of("2028-02-29"), at("2028-02-29T00:00:00Z")) << "a leap day";
}

TEST(trigger_schedule, a_date_and_time_reads_its_offset_or_the_local_clock_without_one) {
    EXPECT_EQ(date_of("2027-03-01T09:30:00Z", "Europe/Paris"), at("2027-03-01T09:30:00Z"));
    EXPECT_EQ(date_of("2027-03-01T09:30+01:00"), at("2027-03-01T08:30:00Z"));
    EXPECT_EQ(date_of("2027-03-01T09:30:15.250-05:00"), at("2027-03-01T14:30:15.250Z"));
    EXPECT_EQ(date_of("2027-03-01T09:30", "Europe/Paris"), at("2027-03-01T08:30:00Z")) << "no offset: the contact's clock";
}

TEST(trigger_schedule, anything_but_a_date_text_is_no_date) {
    const auto utc = touchpoint::reports::time_zone::utc();
    for (const char* text : {"", "2027-02-30", "2027-3-1", "01/03/2027", "2027-03-01T25:00:00Z",
                             "2027-03-01T09:30:00+0100", "2027-03-01 09:30:00Z", "2027-03-01T09:30:00Zjunk", "soon"})
        EXPECT_FALSE(read_attribute_date(json::value(text), utc)) << text;
    EXPECT_TRUE(read_attribute_date(json::value("2027-03-01T09:30:00"), utc)) << "seconds without an offset: the local clock";
    EXPECT_FALSE(read_attribute_date(json::value(1'803'024'000), utc)) << "a number is not read as a timestamp";
    EXPECT_FALSE(read_attribute_date(json::value(true), utc));
    EXPECT_FALSE(read_attribute_date(json::value(std::string(41, '2')), utc)) << "too long to be a date";
}

TEST(trigger_schedule, an_attribute_date_trigger_fires_offset_from_the_contacts_date_in_its_zone) {
    const auto renewal = campaign(R"({"name": "Renewal", "survey_id": "s",
        "trigger": {"type": "attribute_date", "attribute": "renewal_date", "offset": "-P30D"},
        "send_window": {"start": "09:00", "end": "17:00", "timezone": "America/New_York"}})");
    contact_facts paris{"cust-1", "fr", "Europe/Paris", json::parse(R"({"renewal_date": "2027-03-01"})").as_object()};
    const auto firing = attribute_date_trigger(renewal.trigger, paris, contact_zone(renewal, paris));
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->date.text, "2027-03-01");
    EXPECT_EQ(firing->fires_at, at("2027-01-29T23:00:00Z")) << "30 days before Paris's midnight of 1 March";

    contact_facts no_zone{"cust-2", "en", "", json::parse(R"({"renewal_date": "2027-03-01"})").as_object()};
    EXPECT_EQ(attribute_date_trigger(renewal.trigger, no_zone, contact_zone(renewal, no_zone))->fires_at,
              at("2027-01-30T05:00:00Z")) << "without its own zone, the campaign's window's";

    contact_facts none{"cust-3", "en", "", json::parse(R"({"plan": "pro"})").as_object()};
    EXPECT_FALSE(attribute_date_trigger(renewal.trigger, none, contact_zone(renewal, none))) << "no such attribute";
    none.attributes["renewal_date"] = "next spring";
    EXPECT_FALSE(attribute_date_trigger(renewal.trigger, none, contact_zone(renewal, none))) << "no date in it";
    const auto manual = campaign(R"({"name": "M", "survey_id": "s", "trigger": {"type": "manual"}})");
    EXPECT_FALSE(attribute_date_trigger(manual.trigger, paris, contact_zone(manual, paris)));
}

TEST(trigger_schedule, a_trigger_time_fires_up_to_a_day_late_and_no_later) {
    const auto now = at("2026-12-01T10:00:00Z");
    EXPECT_TRUE(still_due(now + day, now));
    EXPECT_TRUE(still_due(now - day, now)) << "the day the date names, or a date set late on it";
    EXPECT_FALSE(still_due(now - day - 1, now)) << "a renewal that passed is not surveyed about";
}

TEST(trigger_schedule, recurring_occurrences_sit_on_a_grid_from_the_first) {
    const auto quarterly = campaign(R"({"name": "NPS", "survey_id": "s",
        "trigger": {"type": "recurring", "every": "P90D", "start": {"event": "signup", "after": "P30D"}}})");
    const auto signup = at("2026-01-01T08:00:00Z");
    const auto first = first_occurrence_time(quarterly.trigger, signup);
    EXPECT_EQ(first, at("2026-01-31T08:00:00Z")) << "start.after past the start event";
    EXPECT_EQ(occurrence_time(quarterly.trigger, first, 0), first);
    EXPECT_EQ(occurrence_time(quarterly.trigger, first, 2), first + 180 * day);

    const auto monthly = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "recurring", "every": "P1M"}})");
    const auto created = at("2026-12-31T12:00:00Z");
    EXPECT_EQ(first_occurrence_time(monthly.trigger, created), at("2027-01-31T12:00:00Z")) << "no start: a period past creation";
    const auto jan = first_occurrence_time(monthly.trigger, created);
    EXPECT_EQ(occurrence_time(monthly.trigger, jan, 1), at("2027-02-28T12:00:00Z"));
    EXPECT_EQ(occurrence_time(monthly.trigger, jan, 2), at("2027-03-31T12:00:00Z")) << "counted from the first: no drift";
}

TEST(trigger_schedule, the_next_occurrence_is_the_first_not_before_a_time_from_an_index_on) {
    const auto quarterly = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "recurring", "every": "P90D"}})");
    const auto first = at("2020-01-01T00:00:00Z");
    EXPECT_EQ(next_occurrence_index(quarterly.trigger, first, first - day, 0), 0);
    EXPECT_EQ(next_occurrence_index(quarterly.trigger, first, first, 0), 0);
    EXPECT_EQ(next_occurrence_index(quarterly.trigger, first, first + 1, 0), 1);
    EXPECT_EQ(next_occurrence_index(quarterly.trigger, first, first + 90 * day, 0), 1);
    EXPECT_EQ(next_occurrence_index(quarterly.trigger, first, first + 10, 3), 3) << "never below the index asked for";
    const auto years_later = next_occurrence_index(quarterly.trigger, first, at("2026-12-01T00:00:00Z"), 0);
    EXPECT_GE(occurrence_time(quarterly.trigger, first, years_later), at("2026-12-01T00:00:00Z"));
    EXPECT_LT(occurrence_time(quarterly.trigger, first, years_later - 1), at("2026-12-01T00:00:00Z"));

    const auto monthly = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "recurring", "every": "P1M"}})");
    const auto n = next_occurrence_index(monthly.trigger, at("2000-01-31T00:00:00Z"), at("2026-03-01T00:00:00Z"), 0);
    EXPECT_EQ(occurrence_time(monthly.trigger, at("2000-01-31T00:00:00Z"), n), at("2026-03-31T00:00:00Z"))
        << "February 2026's occurrence (the 28th) is before 1 March";
}

TEST(trigger_schedule, an_occurrence_number_is_read_back_from_its_key) {
    EXPECT_EQ(occurrence_of_key("cmp_1:cnt_2:occurrence_0"), 0);
    EXPECT_EQ(occurrence_of_key("cmp_1:cnt_2:occurrence_17"), 17);
    EXPECT_FALSE(occurrence_of_key("cmp_1:cnt_2:first"));
    EXPECT_FALSE(occurrence_of_key("cmp_1:cnt_2:occurrence_"));
    EXPECT_FALSE(occurrence_of_key("cmp_1:cnt_2:occurrence_3x"));
    EXPECT_FALSE(occurrence_of_key("cmp_1:cnt_2:2027-03-01T09:30:00Z"));
}
