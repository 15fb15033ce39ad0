// Reports built from invitations and events, end to end over real HTTP, on
// SQLite and on PostgreSQL: response rates and lifecycle timing.
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace json = boost::json;

namespace {

class report_flow : public touchpoint::testing::engine_fixture {
protected:
    std::string invite_for(const std::string& survey, const std::string& campaign) {
        const auto campaign_field = campaign.empty() ? std::string() : R"(,"campaign_id":")" + campaign + "\"";
        auto reply = call("POST", "/v1/invitations", R"({"survey_id":")" + survey + "\"" + campaign_field + "}", admin_);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(json::parse(reply.body).at("token").as_string());
    }
};

double number(const json::value& v) { return v.to_number<double>(); }

TEST_P(report_flow, response_rates_count_each_invitation_once_per_campaign_and_channel) {
    const auto survey = create_survey();
    const auto silent = create_survey();
    // q4: answered on the page; page opened only; answered in app, partly; untouched.
    const auto answered = invite_for(survey, "q4");
    const auto viewed = invite_for(survey, "q4");
    const auto partial = invite_for(survey, "q4");
    invite_for(survey, "q4");
    invite_for(survey, ""); // outside any campaign, untouched
    ASSERT_EQ(call("GET", "/s/" + answered).status, 200);
    ASSERT_EQ(call("POST", "/s/" + answered, "q_score=9&q_why=fine", "", "application/x-www-form-urlencoded").status, 200);
    ASSERT_EQ(call("GET", "/s/" + viewed).status, 200);
    ASSERT_EQ(call("GET", "/s/" + viewed).status, 200) << "a second view is the same opening";
    auto reply = call("POST", "/v1/responses", R"({"token":")" + partial + R"(","answers":{"q_score":4},"complete":false})");
    ASSERT_EQ(reply.status, 200) << reply.body;

    EXPECT_FALSE(admin_json("GET", "/v1/reports/" + survey + "/scores").as_object().contains("response_rates"))
        << "rates are asked for";
    auto rates = admin_json("GET", "/v1/reports/" + survey + "/scores?include=rates").at("response_rates");
    EXPECT_EQ(rates.at("invitations").as_int64(), 5);
    EXPECT_EQ(rates.at("opened").as_int64(), 3) << "an answer counts as opened even without a page view";
    EXPECT_EQ(rates.at("responded").as_int64(), 2);
    EXPECT_EQ(rates.at("completed").as_int64(), 1);
    EXPECT_DOUBLE_EQ(number(rates.at("open_rate")), 60.0);
    EXPECT_DOUBLE_EQ(number(rates.at("response_rate")), 40.0);
    EXPECT_DOUBLE_EQ(number(rates.at("completion_rate")), 20.0);
    const auto& campaigns = rates.at("by_campaign").as_array();
    ASSERT_EQ(campaigns.size(), 2u);
    EXPECT_TRUE(campaigns[0].at("campaign").is_null()) << "invitations outside campaigns are their own row";
    EXPECT_DOUBLE_EQ(number(campaigns[0].at("response_rate")), 0.0);
    EXPECT_EQ(campaigns[1].at("campaign").as_string(), "q4");
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("open_rate")), 75.0);
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("response_rate")), 50.0);
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("completion_rate")), 25.0);
    EXPECT_EQ(rates.at("by_channel").as_array().size(), 1u);
    EXPECT_EQ(rates.at("by_channel").at(0).at("channel").as_string(), "link");

    auto filtered = admin_json("GET", "/v1/reports/" + survey + "/scores?include=rates&campaign=q4&locale=en").at("response_rates");
    EXPECT_EQ(filtered.at("invitations").as_int64(), 4);
    EXPECT_EQ(filtered.at("not_filtered_by").at(0).as_string(), "locale") << "invitations have no locale";
    auto future = admin_json("GET", "/v1/reports/" + survey + "/scores?include=rates&from=2999-01-01").at("response_rates");
    EXPECT_EQ(future.at("invitations").as_int64(), 0);

    auto none = admin_json("GET", "/v1/reports/" + silent + "/scores?include=rates").at("response_rates");
    EXPECT_EQ(none.at("invitations").as_int64(), 0);
    EXPECT_TRUE(none.at("response_rate").is_null()) << "no invitations: no rate, not a division by zero";
    EXPECT_TRUE(none.at("open_rate").is_null());
    EXPECT_TRUE(none.at("by_campaign").as_array().empty());

    auto csv = call("GET", "/v1/reports/" + survey + "/scores?format=csv&table=rates", "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body, "campaign,channel,invitations,opened,responded,completed,open_rate,response_rate,completion_rate\r\n"
                        ",link,1,0,0,0,0,0,0\r\n"
                        "q4,link,4,3,2,1,75,50,25\r\n");
    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/scores?include=everything", "", admin_).status, 422);
}

TEST_P(report_flow, an_edit_that_changes_the_channel_moves_the_answers_between_filters) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    auto first = call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":9},"complete":false})");
    ASSERT_EQ(first.status, 200) << first.body;
    auto n_of = [&](const std::string& query) {
        return admin_json("GET", "/v1/reports/" + survey + "/scores?" + query).at("questions").at(0).at("n").as_int64();
    };
    EXPECT_EQ(n_of("channel=in_app"), 1);
    // The person finishes on the hosted page: the response's channel becomes "link".
    ASSERT_EQ(call("POST", "/s/" + token, "q_score=10&q_why=fine", "", "application/x-www-form-urlencoded").status, 200);
    EXPECT_EQ(n_of("channel=in_app"), 0);
    EXPECT_EQ(n_of("channel=link"), 1);
    auto by_channel = admin_json("GET", "/v1/reports/" + survey + "/scores?segment=channel").at("questions").at(0).at("segments");
    ASSERT_EQ(by_channel.as_array().size(), 1u);
    EXPECT_EQ(by_channel.at(0).at("value").as_string(), "link");
    EXPECT_EQ(by_channel.at(0).at("nps").at("counts").at("promoters").as_int64(), 1);
}

TEST_P(report_flow, an_event_left_to_be_stamped_on_receipt_is_the_same_event_when_retried) {
    // Without occurred_at the server stamps the time of receipt; a retry a moment later is still the same event.
    const std::string stamped = R"({"id":"evt-now","contact":"acme-42","name":"login"})";
    ASSERT_EQ(call("POST", "/v1/events", stamped, ingest_).status, 202);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto retried = call("POST", "/v1/events", stamped, ingest_);
    EXPECT_EQ(retried.status, 202) << retried.body;
    EXPECT_TRUE(json::parse(retried.body).at("duplicate").as_bool());
    EXPECT_EQ(count("events"), 1);
    auto batch = call("POST", "/v1/events/batch", R"({"events":[)" + stamped + "," + stamped + "]}", ingest_);
    EXPECT_EQ(batch.status, 202) << "the same unstamped event twice in a batch is one event: " << batch.body;
}

TEST_P(report_flow, events_are_stored_once_per_id_and_bad_ones_are_refused_whole) {
    const std::string event = R"({"id":"evt-1","contact":"acme-42","name":"signup","occurred_at":"2026-01-10T09:00:00Z",)"
                              R"("properties":{"plan":"pro"}})";
    auto first = call("POST", "/v1/events", event, ingest_);
    ASSERT_EQ(first.status, 202) << first.body;
    EXPECT_FALSE(json::parse(first.body).at("duplicate").as_bool());
    EXPECT_TRUE(json::parse(first.body).at("invitations").as_array().empty());
    auto again = call("POST", "/v1/events", event, ingest_);
    EXPECT_EQ(again.status, 202) << "a retry is accepted";
    EXPECT_TRUE(json::parse(again.body).at("duplicate").as_bool());
    EXPECT_EQ(count("events"), 1);
    auto contact = call("GET", "/v1/contacts/acme-42", "", ingest_);
    EXPECT_EQ(contact.status, 200) << "an event for an unknown contact creates it, bare";
    EXPECT_TRUE(json::parse(contact.body).at("attributes").as_object().empty());

    auto reused = call("POST", "/v1/events", R"({"id":"evt-1","contact":"acme-42","name":"renewal"})", ingest_);
    EXPECT_EQ(reused.status, 409);
    EXPECT_NE(reused.body.find("evt-1"), std::string::npos);
    auto moved = call("POST", "/v1/events", R"({"id":"evt-1","contact":"acme-42","name":"signup","occurred_at":"2026-01-11T09:00:00Z"})",
                      ingest_);
    EXPECT_EQ(moved.status, 409) << "a time the caller gives must match";

    auto missing = call("POST", "/v1/events", R"({"id":"evt-2","contact":"acme-42","occurred_at":"last tuesday"})", ingest_);
    EXPECT_EQ(missing.status, 422);
    auto details = json::parse(missing.body).at("error").at("details").as_array();
    ASSERT_EQ(details.size(), 2u) << missing.body;
    EXPECT_EQ(details[0].at("field").as_string(), "name");
    EXPECT_EQ(details[1].at("field").as_string(), "occurred_at");
    auto future = call("POST", "/v1/events", R"({"id":"evt-3","contact":"c","name":"x","occurred_at":"2999-01-01"})", ingest_);
    EXPECT_EQ(future.status, 422);
    EXPECT_NE(future.body.find("a day ahead"), std::string::npos);
    EXPECT_EQ(call("POST", "/v1/events", R"({"id":"evt-4","contact":"c","name":"has space"})", ingest_).status, 422);
    EXPECT_EQ(call("POST", "/v1/events", R"({"id":"evt-5","contact":"c","name":"x"})").status, 401);
    auto not_object = call("POST", "/v1/events", R"(["signup"])", ingest_);
    EXPECT_EQ(not_object.status, 422);
    EXPECT_NE(not_object.body.find("\"body\""), std::string::npos) << not_object.body;
    auto bad_properties = call("POST", "/v1/events", R"({"id":"evt-6","contact":"c","name":"x","properties":[1]})", ingest_);
    EXPECT_NE(bad_properties.body.find("\"properties\""), std::string::npos) << bad_properties.body;
    const std::string big(17 * 1024, 'x');
    auto too_big = call("POST", "/v1/events", R"({"id":"evt-7","contact":"c","name":"x","properties":{"note":")" + big + "\"}}",
                        ingest_);
    EXPECT_EQ(too_big.status, 422);
    EXPECT_NE(too_big.body.find("16 KiB"), std::string::npos);
    EXPECT_EQ(count("events"), 1) << "no refused event is stored";

    auto bad_batch = call("POST", "/v1/events/batch",
                          R"({"events":[{"id":"b1","contact":"new-1","name":"signup"},{"id":"b2","contact":"new-1"}]})", ingest_);
    EXPECT_EQ(bad_batch.status, 422);
    EXPECT_NE(bad_batch.body.find("events[1].name"), std::string::npos) << bad_batch.body;
    EXPECT_EQ(count("events"), 1) << "nothing of a refused batch is stored";
    EXPECT_EQ(call("GET", "/v1/contacts/new-1", "", ingest_).status, 404);
    EXPECT_EQ(call("POST", "/v1/events/batch", R"({"events":[]})", ingest_).status, 422);

    auto batch = call("POST", "/v1/events/batch",
                      R"({"events":[{"id":"evt-1","contact":"acme-42","name":"signup","occurred_at":"2026-01-10T09:00:00Z"},)"
                      R"({"id":"b1","contact":"new-1","name":"signup"},{"id":"b2","contact":"new-1","name":"login"}]})",
                      ingest_);
    ASSERT_EQ(batch.status, 202) << batch.body;
    auto result = json::parse(batch.body);
    EXPECT_EQ(result.at("accepted").as_int64(), 2);
    EXPECT_EQ(result.at("duplicates").as_int64(), 1);
    EXPECT_TRUE(result.at("events").at(0).at("duplicate").as_bool());
    EXPECT_EQ(count("events"), 3);

    auto batch_conflict = call("POST", "/v1/events/batch",
                               R"({"events":[{"id":"b3","contact":"new-1","name":"login"},{"id":"b1","contact":"new-1","name":"renewal"}]})",
                               ingest_);
    EXPECT_EQ(batch_conflict.status, 409);
    EXPECT_NE(batch_conflict.body.find("events[1].id b1"), std::string::npos) << batch_conflict.body;
    EXPECT_EQ(count("events"), 3) << "the batch's first event is rolled back with it";

    ASSERT_EQ(call("DELETE", "/v1/contacts/new-1", "", ingest_).status, 204);
    EXPECT_EQ(count("events"), 1) << "erasing a contact erases its events";
}

// Four contacts who signed up around the turn of January (see each line); every
// figure below is computed by hand from these events.
TEST_P(report_flow, lifecycle_report_times_onboarding_by_monthly_cohort) {
    const std::vector<std::tuple<std::string, std::string, std::string>> events{
        // alice: onboarded in 3 days, project after 1.5, 2 logins during onboarding (one more after)
        {"alice", "signup", "2026-01-10T00:00:00Z"},
        {"alice", "login", "2026-01-10T01:00:00Z"},
        {"alice", "project.created", "2026-01-11T12:00:00Z"},
        {"alice", "login", "2026-01-12T00:00:00Z"},
        {"alice", "onboarding.completed", "2026-01-13T00:00:00Z"},
        {"alice", "login", "2026-01-20T00:00:00Z"},
        // bob: a stray completion before his signup does not count; onboarded in 10 days, 1 login, no project
        {"bob", "onboarding.completed", "2026-01-01T00:00:00Z"},
        {"bob", "signup", "2026-01-20T00:00:00Z"},
        {"bob", "login", "2026-01-21T00:00:00Z"},
        {"bob", "onboarding.completed", "2026-01-30T00:00:00Z"},
        // carol: never onboarded; project after 2 days; her logins are not onboarding interactions
        {"carol", "signup", "2026-02-01T00:00:00Z"},
        {"carol", "project.created", "2026-02-03T00:00:00Z"},
        {"carol", "login", "2026-02-04T00:00:00Z"},
        // dave: signed up at 00:30 on 1 February in Paris (still January in UTC); onboarded in 1 day
        {"dave", "signup", "2026-01-31T23:30:00Z"},
        {"dave", "onboarding.completed", "2026-02-01T23:30:00Z"},
        // erin never signed up: not in the report
        {"erin", "login", "2026-01-15T00:00:00Z"},
    };
    json::array batch;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& [contact, name, time] = events[i];
        batch.push_back(json::object{{"id", "e" + std::to_string(i)}, {"contact", contact}, {"name", name}, {"occurred_at", time}});
    }
    auto posted = call("POST", "/v1/events/batch", json::serialize(json::object{{"events", batch}}), ingest_);
    ASSERT_EQ(posted.status, 202) << posted.body;

    // Satisfaction is read from the onboarding survey's CES question (q_setup, 1-7; 5-7 is easy).
    auto created = admin_json("POST", "/v1/surveys", R"({"template":"onboarding","name":"Onboarding"})");
    const std::string survey(created.at("id").as_string());
    for (const auto& [contact, score] : std::vector<std::pair<std::string, int>>{{"alice", 7}, {"bob", 2}, {"carol", 3}, {"dave", 6}}) {
        auto invitation = admin_json("POST", "/v1/invitations", R"({"survey_id":")" + survey + R"(","contact":")" + contact + R"("})");
        auto reply = call("POST", "/v1/responses", R"({"token":")" + std::string(invitation.at("token").as_string()) +
                                                       R"(","answers":{"q_setup":)" + std::to_string(score) + R"(},"complete":false})");
        ASSERT_EQ(reply.status, 200) << reply.body;
    }

    auto report = admin_json("GET", "/v1/reports/lifecycle?milestones=project.created&interactions=login&question=q_setup&survey=" + survey);
    EXPECT_EQ(report.at("contacts").as_int64(), 4) << "erin never signed up";
    const auto& onboarding = report.at("onboarding");
    EXPECT_EQ(onboarding.at("reached").as_int64(), 3);
    EXPECT_EQ(onboarding.at("not_reached").as_int64(), 1) << "carol is counted, not dropped";
    EXPECT_DOUBLE_EQ(number(onboarding.at("reached_share")), 75.0);
    EXPECT_DOUBLE_EQ(number(onboarding.at("days").at("median")), 3.0); // 1, 3, 10
    EXPECT_DOUBLE_EQ(number(onboarding.at("days").at("mean")), 4.67);
    EXPECT_DOUBLE_EQ(number(onboarding.at("days").at("p90")), 8.6); // 3 + 0.8 * (10 - 3)
    EXPECT_DOUBLE_EQ(number(onboarding.at("interactions").at("median")), 1.0); // 0, 1, 2
    EXPECT_DOUBLE_EQ(number(onboarding.at("interactions").at("p90")), 1.8);
    const auto& project = report.at("milestones").at(0);
    EXPECT_EQ(project.at("name").as_string(), "project.created");
    EXPECT_EQ(project.at("reached").as_int64(), 2);
    EXPECT_EQ(project.at("not_reached").as_int64(), 2);
    EXPECT_DOUBLE_EQ(number(project.at("days").at("median")), 1.75); // 1.5, 2
    EXPECT_DOUBLE_EQ(number(project.at("days").at("p90")), 1.95);

    const auto& cohorts = report.at("cohorts").as_array();
    ASSERT_EQ(cohorts.size(), 2u);
    EXPECT_EQ(cohorts[0].at("month").as_string(), "2026-01");
    EXPECT_EQ(cohorts[0].at("contacts").as_int64(), 3); // alice, bob, dave
    EXPECT_DOUBLE_EQ(number(cohorts[0].at("onboarding").at("days").at("median")), 3.0);
    EXPECT_EQ(cohorts[1].at("month").as_string(), "2026-02");
    EXPECT_EQ(cohorts[1].at("onboarding").at("not_reached").as_int64(), 1);
    EXPECT_TRUE(cohorts[1].at("onboarding").at("days").is_null());

    const auto& satisfaction = report.at("satisfaction");
    EXPECT_EQ(satisfaction.at("question_id").as_string(), "q_setup");
    EXPECT_DOUBLE_EQ(number(satisfaction.at("fast_days")), 3.0) << "the median by default";
    EXPECT_EQ(satisfaction.at("fast").at("n").as_int64(), 2); // alice 7 (3 days), dave 6 (1 day)
    EXPECT_DOUBLE_EQ(number(satisfaction.at("fast").at("ces").at("mean")), 6.5);
    EXPECT_DOUBLE_EQ(number(satisfaction.at("fast").at("ces").at("easy_share")), 100.0);
    EXPECT_EQ(satisfaction.at("slow").at("n").as_int64(), 1); // bob 2
    EXPECT_DOUBLE_EQ(number(satisfaction.at("slow").at("mean")), 2.0);
    EXPECT_DOUBLE_EQ(number(satisfaction.at("not_onboarded").at("mean")), 3.0); // carol
    EXPECT_TRUE(satisfaction.at("fast_versus_slow").is_null()) << "one slow answer is too few to test";

    auto paris = admin_json("GET", "/v1/reports/lifecycle?timezone=Europe/Paris&fast_days=2&question=q_setup&survey=" + survey);
    EXPECT_EQ(paris.at("cohorts").at(0).at("contacts").as_int64(), 2) << "dave signed up in February in Paris";
    EXPECT_EQ(paris.at("cohorts").at(1).at("contacts").as_int64(), 2);
    EXPECT_EQ(paris.at("satisfaction").at("fast").at("n").as_int64(), 1); // only dave within 2 days
    auto january = admin_json("GET", "/v1/reports/lifecycle?from=2026-01-01&to=2026-01-31");
    EXPECT_EQ(january.at("contacts").as_int64(), 2) << "alice and bob started in [from, to)";
    EXPECT_TRUE(january.at("satisfaction").is_null());
    auto renamed = admin_json("GET", "/v1/reports/lifecycle?start=login&end=project.created");
    EXPECT_EQ(renamed.at("contacts").as_int64(), 4); // alice, bob, carol, erin logged in
    // Only alice made a project after her first login: carol's came before hers.
    EXPECT_EQ(renamed.at("onboarding").at("reached").as_int64(), 1);

    auto csv = call("GET", "/v1/reports/lifecycle?milestones=project.created&format=csv&table=cohorts", "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("all,onboarding,4,3,1,75,3,4.67,8.6,,,\r\n"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("2026-02,project.created,1,1,0,100,2,2,2,,,\r\n"), std::string::npos) << csv.body;
    auto groups = call("GET", "/v1/reports/lifecycle?format=csv&table=satisfaction&question=q_setup&survey=" + survey, "", admin_);
    EXPECT_NE(groups.body.find("fast,2,6.5,,,100\r\n"), std::string::npos) << groups.body;

    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?milestones=a,,b", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?fast_days=-1", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?timezone=Mars/Base", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?from=yesterday", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?start=has%20space", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?question=q_setup", "", admin_).status, 422) << "a question needs its survey";
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?survey=svy_nope", "", admin_).status, 404);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle?survey=" + survey + "&question=q_migration", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/lifecycle", "", ingest_).status, 403);
}

TEST_P(report_flow, the_html_report_escapes_comments_and_opens_with_an_admin_key_or_a_share_link) {
    const auto survey = create_survey();
    const auto other = create_survey();
    const std::vector<std::pair<int, std::string>> answers{
        {0, "<script>alert('x')</script> Terrible support, the worst"}, {9, "Great support & fast"}, {10, "Love it"}};
    for (const auto& [score, comment] : answers) {
        const auto token = invite(survey, "");
        json::object body{{"token", token}, {"answers", json::object{{"q_score", score}, {"q_why", comment}}}};
        ASSERT_EQ(call("POST", "/v1/responses", json::serialize(body)).status, 200);
    }
    auto page = call("GET", "/reports/" + survey, "", admin_);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.headers["content-type"].find("text/html"), std::string::npos);
    EXPECT_NE(page.headers["content-security-policy"].find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(page.body.find("<script"), std::string::npos) << "no script, and respondent text is never markup";
    EXPECT_NE(page.body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Terrible support"), std::string::npos);
    EXPECT_NE(page.body.find("Great support &amp; fast"), std::string::npos);
    for (const char* part : {"<svg", "NPS trend", "Score distribution", "NPS by locale", "Themes", "Verbatims", "Response rates"})
        EXPECT_NE(page.body.find(part), std::string::npos) << part;
    EXPECT_EQ(page.body.find("http://"), std::string::npos) << "no external asset";
    EXPECT_EQ(page.body.find("https://"), std::string::npos) << "no external asset";

    EXPECT_EQ(call("GET", "/reports/" + survey).status, 401);
    EXPECT_EQ(call("GET", "/reports/" + survey, "", ingest_).status, 403) << "an ingest key does not read reports";
    auto shared = admin_json("POST", "/v1/reports/" + survey + "/share", R"({"expires_in_days":7})");
    const std::string url(shared.at("url").as_string());
    const auto path = url.substr(url.find("/reports/"));
    EXPECT_EQ(call("GET", path).status, 200) << path;
    const auto access = path.substr(path.find("access="));
    EXPECT_EQ(call("GET", "/reports/" + other + "?" + access).status, 401) << "a link opens only its own survey";
    auto tampered = path;
    tampered[tampered.find("access=") + 7] = tampered[tampered.find("access=") + 7] == '9' ? '8' : '9'; // another expiry
    EXPECT_EQ(call("GET", tampered).status, 401);
    EXPECT_EQ(call("GET", "/reports/" + survey + "?access=1.abc").status, 401) << "expired long ago, and forged";
    EXPECT_EQ(call("POST", "/v1/reports/" + survey + "/share", R"({"expires_in_days":0})", admin_).status, 422);
    EXPECT_EQ(call("POST", "/v1/reports/svy_missing/share", "", admin_).status, 404);
    EXPECT_EQ(call("GET", "/reports/" + survey + "?interval=year", "", admin_).status, 422);

    const auto empty = call("GET", "/reports/" + other, "", admin_);
    EXPECT_EQ(empty.status, 200);
    EXPECT_NE(empty.body.find("No answers in this period yet."), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(backends, report_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
