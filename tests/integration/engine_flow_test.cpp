// The engine end to end over real HTTP, on SQLite and on PostgreSQL.
#include "engine/app.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/store/database.hpp"
#include "engine/time_format.hpp"
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

namespace json = boost::json;
using touchpoint::testing::http_reply;
using touchpoint::testing::send_request;

namespace {

class engine_flow : public touchpoint::testing::engine_fixture {};

TEST_P(engine_flow, a_customer_answers_from_a_link_and_the_marketer_reads_the_report) {
    const auto survey = create_survey();
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-1", R"({"email":"ana@example.com","locale":"fr"})", ingest_).status, 201);
    const auto token = invite(survey, "cust-1");

    auto page = call("GET", "/s/" + token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Quelle est la probabilit"), std::string::npos) << "the page speaks the contact's language";
    EXPECT_NE(page.headers["content-security-policy"].find("default-src 'none'"), std::string::npos);

    auto saved = call("POST", "/s/" + token, "q_score=9&q_why=%3Cb%3EGreat%3C%2Fb%3E+support", "",
                      "application/x-www-form-urlencoded");
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_NE(saved.body.find("Merci"), std::string::npos);

    // Answering again edits the same response and shows the earlier answer escaped.
    auto again = call("GET", "/s/" + token);
    EXPECT_NE(again.body.find("&lt;b&gt;Great&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(again.body.find("<b>Great"), std::string::npos);

    auto report = admin_json("GET", "/v1/reports/" + survey + "/scores?interval=day");
    const auto& q = report.at("questions").at(0);
    EXPECT_EQ(q.at("n").as_int64(), 1);
    EXPECT_EQ(q.at("nps").at("score").to_number<double>(), 100.0);
    EXPECT_EQ(q.at("buckets").as_array().size(), 1u);

    auto csv = call("GET", "/v1/responses/export?format=csv&survey_id=" + survey, "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",cust-1,"), std::string::npos);
    auto list = admin_json("GET", "/v1/responses?survey_id=" + survey);
    EXPECT_EQ(list.at("data").as_array().size(), 1u);
}

TEST_P(engine_flow, in_app_answers_validate_and_write_nothing_on_error) {
    const auto token = invite(create_survey(), "");
    auto rejected = call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":11}})");
    EXPECT_EQ(rejected.status, 422);
    EXPECT_NE(rejected.body.find("answers.q_score"), std::string::npos);
    EXPECT_EQ(count("responses"), 0);
    auto accepted = call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":4},"complete":true})");
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(count("responses"), 1);
    EXPECT_EQ(call("POST", "/v1/responses", R"({"token":"forged","answers":{}})").status, 404);
}

TEST_P(engine_flow, a_mail_scanner_fetching_every_score_link_records_nothing) {
    const auto token = invite(create_survey(), "");
    for (int score = 0; score <= 10; ++score) EXPECT_EQ(call("GET", "/s/" + token + "?score=" + std::to_string(score)).status, 200);
    EXPECT_EQ(count("responses"), 0);
    // The page's script posts the person's own score.
    auto click = call("POST", "/s/" + token, "_mode=score&q_score=7", "", "application/x-www-form-urlencoded");
    EXPECT_EQ(click.status, 204);
    auto list = admin_json("GET", "/v1/responses");
    EXPECT_EQ(list.at("data").at(0).at("answers").at("q_score").as_int64(), 7);
}

TEST_P(engine_flow, bad_input_gets_clear_errors_and_writes_nothing) {
    EXPECT_EQ(call("POST", "/v1/surveys", "{not json", admin_).status, 400);
    EXPECT_EQ(call("POST", "/v1/surveys", "{}", admin_, "text/plain").status, 415);
    EXPECT_EQ(call("POST", "/v1/surveys", std::string(70 * 1024, ' '), admin_).status, 413);
    auto invalid = call("POST", "/v1/surveys", R"({"name":"x","questions":[{"id":"q","type":"nps","max":12,"text":{"en":"?"}}]})", admin_);
    EXPECT_EQ(invalid.status, 422);
    EXPECT_NE(invalid.body.find("questions[0].max"), std::string::npos);
    EXPECT_EQ(count("surveys"), 0);
    EXPECT_EQ(call("GET", "/v1/surveys/svy_missing", "", admin_).status, 404);
    EXPECT_EQ(call("GET", "/v1/contacts/nobody", "", admin_).status, 404);
    EXPECT_EQ(call("GET", "/v1/surveys").status, 401);
    EXPECT_EQ(call("GET", "/v1/surveys", "", "wrong").status, 401);
    EXPECT_EQ(call("GET", "/v1/surveys", "", ingest_).status, 403);
    EXPECT_EQ(call("PUT", "/v1/contacts/c", R"({"email":"not-an-email"})", ingest_).status, 422);
    EXPECT_EQ(count("contacts"), 0);
    EXPECT_EQ(call("GET", "/s/garbage").status, 404);
}

TEST_P(engine_flow, an_edit_after_responses_makes_a_new_version) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":8}})").status, 200);
    auto definition = admin_json("GET", "/v1/surveys/" + survey);
    definition.as_object()["name"] = "Q4 renamed";
    auto edited = admin_json("PUT", "/v1/surveys/" + survey, json::serialize(definition));
    EXPECT_EQ(edited.at("version").as_int64(), 2);
    auto response = admin_json("GET", "/v1/responses").at("data").at(0);
    EXPECT_EQ(response.at("survey_version").as_int64(), 1);
}

TEST_P(engine_flow, erasing_a_contact_keeps_scores_and_drops_personal_text) {
    const auto survey = create_survey();
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-9", R"({"email":"bo@example.com","name":"Bo"})", ingest_).status, 201);
    const auto token = invite(survey, "cust-9");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":2,"q_why":"Bo here, call me"}})").status, 200);
    auto answers_linked_to_a_contact = [&] {
        soci::session session(db_->pool());
        long long count = 0;
        session << "SELECT COUNT(*) FROM answers WHERE contact_id IS NOT NULL", soci::into(count);
        return count;
    };
    EXPECT_EQ(answers_linked_to_a_contact(), 2) << "the score and the comment, for the attribute filters";
    EXPECT_EQ(call("DELETE", "/v1/contacts/cust-9", "", ingest_).status, 204);
    EXPECT_EQ(answers_linked_to_a_contact(), 0);
    EXPECT_EQ(call("GET", "/v1/contacts/cust-9", "", ingest_).status, 404);
    auto response = admin_json("GET", "/v1/responses").at("data").at(0);
    EXPECT_TRUE(response.at("contact").is_null());
    EXPECT_FALSE(response.at("answers").as_object().contains("q_why"));
    EXPECT_EQ(admin_json("GET", "/v1/reports/" + survey + "/scores").at("questions").at(0).at("n").as_int64(), 1);
}

TEST_P(engine_flow, simultaneous_first_answers_for_one_link_make_one_consistent_response) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    std::vector<std::thread> clients;
    std::vector<std::string> ids(8);
    for (int i = 0; i < 8; ++i) {
        clients.emplace_back([&, i] {
            const auto body = R"({"token":")" + token + R"(","answers":{"q_score":)" + std::to_string(i) + "}}";
            auto reply = call("POST", "/v1/responses", body);
            if (reply.status == 200) ids[i] = std::string(json::parse(reply.body).at("id").as_string());
        });
    }
    for (auto& client : clients) client.join();
    for (const auto& id : ids) EXPECT_EQ(id, ids[0]) << "every answer edits the same response";
    EXPECT_EQ(count("responses"), 1);
    EXPECT_EQ(count("answers"), 1) << "only the last answer's row remains";
    auto list = admin_json("GET", "/v1/responses?survey_id=" + survey);
    const auto score = list.at("data").at(0).at("answers").at("q_score").as_int64();
    soci::session session(db_->pool());
    long long stored_score = -1;
    session << "SELECT score FROM answers", soci::into(stored_score);
    EXPECT_EQ(stored_score, score) << "the answers table matches the response";
}

TEST_P(engine_flow, the_engine_reconnects_after_the_database_drops_its_connections) {
    if (GetParam() != "postgresql") GTEST_SKIP() << "a PostgreSQL server can close connections; a SQLite file cannot";
    const auto survey = create_survey();
    std::vector<std::string> tokens;
    for (int i = 0; i < 3; ++i) tokens.push_back(invite(survey, ""));
    auto answer = [&](const std::string& token) {
        return call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":7},"complete":true})");
    };
    ASSERT_EQ(answer(tokens[0]).status, 200);
    {
        // What a server restart or failover does to every connection the engine holds.
        soci::session session(db_->pool());
        session << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                   "WHERE datname = current_database() AND pid <> pg_backend_pid()";
    }
    // A request on a dropped connection may fail; the engine must then recover.
    int status = 0;
    for (int attempt = 0; attempt < 20 && status != 200; ++attempt) status = answer(tokens[1]).status;
    EXPECT_EQ(status, 200) << "answers are stored again once the engine reconnected";
    EXPECT_EQ(answer(tokens[2]).status, 200);
    EXPECT_EQ(call("GET", "/v1/surveys/" + survey, "", admin_).status, 200);
    EXPECT_EQ(count("responses"), 3);
}

TEST_P(engine_flow, the_report_has_statistics_for_choice_and_rating_questions) {
    auto created = call("POST", "/v1/surveys", R"({"template":"onboarding","name":"Onboarding"})", admin_);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string survey(json::parse(created.body).at("id").as_string());
    const std::vector<std::string> answers{
        R"({"q_setup":6,"q_migration":"fully","q_training":4,"q_time_to_value":"same_day","q_overall":5})",
        R"({"q_setup":3,"q_migration":"partly","q_training":2,"q_time_to_value":"first_week","q_overall":3})",
        R"({"q_setup":7,"q_migration":"fully","q_overall":4})"};
    for (const auto& answer : answers) {
        auto reply = call("POST", "/v1/responses", R"({"token":")" + invite(survey, "") + R"(","answers":)" + answer + "}");
        ASSERT_EQ(reply.status, 200) << reply.body;
    }
    const auto report = admin_json("GET", "/v1/reports/" + survey + "/scores");
    std::map<std::string, json::value> by_id;
    for (const auto& q : report.at("questions").as_array()) by_id[std::string(q.at("id").as_string())] = q;
    ASSERT_TRUE(by_id.count("q_migration") && by_id.count("q_training") && by_id.count("q_time_to_value"));

    const auto& migration = by_id["q_migration"];
    EXPECT_EQ(migration.at("n").as_int64(), 3);
    const auto& options = migration.at("choices").as_array();
    ASSERT_EQ(options.size(), 4u) << "every option of the definition, chosen or not";
    EXPECT_EQ(options[0].at("id").as_string(), "fully");
    EXPECT_EQ(options[0].at("count").as_int64(), 2);
    EXPECT_NEAR(options[0].at("share").to_number<double>(), 66.67, 1e-9);
    EXPECT_EQ(options[3].at("count").as_int64(), 0);

    EXPECT_EQ(by_id["q_training"].at("n").as_int64(), 2) << "an optional rating counts only who answered it";
    EXPECT_EQ(by_id["q_training"].at("mean").to_number<double>(), 3.0);
    EXPECT_EQ(by_id["q_time_to_value"].at("n").as_int64(), 2);
    EXPECT_EQ(by_id["q_setup"].at("ces").at("easy").as_int64(), 2);
    EXPECT_FALSE(by_id.count("q_missing")) << "text questions are in the text report, not here";

    auto choices_csv = call("GET", "/v1/reports/" + survey + "/scores?format=csv&table=choices", "", admin_);
    EXPECT_EQ(choices_csv.status, 200);
    EXPECT_EQ(choices_csv.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_NE(choices_csv.body.find("q_migration,single_choice,fully,2,66.67,3"), std::string::npos) << choices_csv.body;
    auto scores_csv = call("GET", "/v1/reports/" + survey + "/scores?format=csv&interval=week", "", admin_);
    EXPECT_NE(scores_csv.body.find("q_training,rating,,2,true,3,"), std::string::npos) << scores_csv.body;
    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/scores?format=xml", "", admin_).status, 422);
    EXPECT_NE(call("GET", "/v1/reports/" + survey + "/scores?format=csv&table=nope", "", admin_).body.find("\"table\""),
              std::string::npos);
}

// Contacts with attributes, invitations of two campaigns, answers by link and in
// app: every filter and segment against hand-computed NPS figures.
TEST_P(engine_flow, the_score_report_filters_and_segments_by_campaign_channel_and_attribute) {
    const auto survey = create_survey();
    const std::vector<std::tuple<std::string, std::string, std::string, int>> people{
        // contact, attributes, campaign, score
        {"c1", R"({"plan":"pro"})", "q4-nps", 10},
        {"c2", R"({"plan":"pro"})", "q4-nps", 9},
        {"c3", R"({"plan":"free"})", "q4-nps", 3},
        {"c4", R"({})", "welcome", 8},
        {"c5", R"({"plan":"pro","beta":true})", "welcome", 7},
    };
    std::map<std::string, std::string> tokens; // by contact
    for (const auto& [contact, attributes, campaign, score] : people) {
        ASSERT_EQ(call("PUT", "/v1/contacts/" + contact, R"({"attributes":)" + attributes + "}", ingest_).status, 201);
        auto invitation = admin_json("POST", "/v1/invitations",
                                     R"({"survey_id":")" + survey + R"(","contact":")" + contact +
                                         R"(","campaign_id":")" + campaign + "\"}");
        EXPECT_EQ(invitation.at("campaign_id").as_string(), campaign);
        const std::string token(invitation.at("token").as_string());
        tokens[contact] = token;
        if (contact == "c1") { // by the hosted page: channel "link"; the others in app
            ASSERT_EQ(call("POST", "/s/" + token, "q_score=10", "", "application/x-www-form-urlencoded").status, 200);
        } else {
            auto reply = call("POST", "/v1/responses",
                              R"({"token":")" + token + R"(","answers":{"q_score":)" + std::to_string(score) + "}}");
            ASSERT_EQ(reply.status, 200) << reply.body;
        }
    }
    auto nps_of = [&](const std::string& query) {
        auto report = admin_json("GET", "/v1/reports/" + survey + "/scores?" + query);
        const auto& q = report.at("questions").at(0);
        const auto* nps = q.as_object().if_contains("nps");
        return std::pair{q.at("n").as_int64(), nps && nps->is_object() ? nps->at("score").to_number<double>() : -999.0};
    };
    EXPECT_EQ(nps_of(""), (std::pair<std::int64_t, double>{5, 20.0}));                 // P 2, Pa 2, D 1 of 5
    EXPECT_EQ(nps_of("attr.plan=pro"), (std::pair<std::int64_t, double>{3, 66.67}));    // 10, 9, 7
    EXPECT_EQ(nps_of("attr.plan=free"), (std::pair<std::int64_t, double>{1, -100.0}));
    EXPECT_EQ(nps_of("attr.beta=true"), (std::pair<std::int64_t, double>{1, 0.0}));     // a JSON true reads "true"
    EXPECT_EQ(nps_of("campaign=q4-nps"), (std::pair<std::int64_t, double>{3, 33.33}));  // 10, 9, 3
    EXPECT_EQ(nps_of("campaign=welcome&attr.plan=pro"), (std::pair<std::int64_t, double>{1, 0.0}));
    EXPECT_EQ(nps_of("channel=link"), (std::pair<std::int64_t, double>{1, 100.0}));
    EXPECT_EQ(nps_of("channel=in_app&locale=en"), (std::pair<std::int64_t, double>{4, 0.0}));
    EXPECT_EQ(nps_of("campaign=nobody").first, 0);

    auto report = admin_json("GET", "/v1/reports/" + survey + "/scores?segment=attr.plan");
    EXPECT_EQ(report.at("segment").as_string(), "attr.plan");
    const auto& segments = report.at("questions").at(0).at("segments").as_array();
    ASSERT_EQ(segments.size(), 3u);
    EXPECT_EQ(segments[0].at("value").as_string(), "pro") << "largest first";
    EXPECT_EQ(segments[0].at("n").as_int64(), 3);
    EXPECT_EQ(segments[0].at("nps").at("score").to_number<double>(), 66.67);
    // The rest (3 and 8) has an NPS of -50: the difference is 116.67 points.
    EXPECT_EQ(segments[0].at("versus_rest").at("delta").to_number<double>(), 116.67);
    EXPECT_TRUE(segments[0].at("small_sample").as_bool());
    bool has_none = false;
    for (const auto& segment : segments) has_none = has_none || segment.at("value").is_null();
    EXPECT_TRUE(has_none) << "a contact without the attribute is its own segment, not dropped";
    EXPECT_TRUE(segments[1].at("versus_rest").is_null()) << "one answer is too few to test";

    auto by_campaign = admin_json("GET", "/v1/reports/" + survey + "/scores?segment=campaign");
    EXPECT_EQ(by_campaign.at("questions").at(0).at("segments").at(0).at("value").as_string(), "q4-nps");
    auto csv = call("GET", "/v1/reports/" + survey + "/scores?segment=channel&format=csv&table=segments", "", admin_);
    EXPECT_NE(csv.body.find("q_score,nps,channel,in_app,4,true,"), std::string::npos) << csv.body;

    auto listed = admin_json("GET", "/v1/invitations?campaign=welcome");
    EXPECT_EQ(listed.at("data").as_array().size(), 2u);

    // Attributes are read as they are now, not as they were when the contact answered.
    ASSERT_EQ(call("PUT", "/v1/contacts/c3", R"({"attributes":{"plan":"pro"}})", ingest_).status, 200);
    EXPECT_EQ(nps_of("attr.plan=pro"), (std::pair<std::int64_t, double>{4, 25.0})); // 10, 9, 7, 3
    EXPECT_EQ(nps_of("attr.plan=free").first, 0);
    // An edit keeps the answer's campaign and contact.
    auto edited = call("POST", "/v1/responses", R"({"token":")" + tokens["c2"] + R"(","answers":{"q_score":6}})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(nps_of("campaign=q4-nps"), (std::pair<std::int64_t, double>{3, -33.33})); // 10, 6, 3
    EXPECT_EQ(nps_of("campaign=q4-nps&attr.plan=pro"), (std::pair<std::int64_t, double>{3, -33.33}));
    // An erased contact's answers still count, but no longer by its attributes.
    EXPECT_EQ(call("DELETE", "/v1/contacts/c5", "", ingest_).status, 204);
    EXPECT_EQ(nps_of("attr.plan=pro"), (std::pair<std::int64_t, double>{3, -33.33})); // 10, 6, 3
    EXPECT_EQ(nps_of("attr.beta=true").first, 0);
    EXPECT_EQ(nps_of("campaign=welcome"), (std::pair<std::int64_t, double>{2, 0.0})); // 8, 7
    EXPECT_EQ(nps_of("").first, 5);

    EXPECT_NE(call("GET", "/v1/reports/" + survey + "/scores?segment=plan", "", admin_).body.find("\"segment\""),
              std::string::npos);
    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/scores?attr.pl'an=x", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/scores?timezone=Mars/Base", "", admin_).status, 422);
    EXPECT_NE(call("GET", "/v1/reports/" + survey + "/scores?channel=", "", admin_).body.find("\"channel\""),
              std::string::npos);
    auto bad_campaign = call("POST", "/v1/invitations", R"({"survey_id":")" + survey + R"(","campaign_id":""})", admin_);
    EXPECT_EQ(bad_campaign.status, 422);
    EXPECT_NE(bad_campaign.body.find("campaign_id"), std::string::npos);
}

// Answers on both sides of Paris's midnight around the 2026 DST change, counted
// in UTC and in Europe/Paris days and weeks.
TEST_P(engine_flow, trend_buckets_follow_the_chosen_time_zone) {
    const auto survey = create_survey();
    // UTC instant, score. Paris is +1 until 2026-03-29 01:00 UTC, then +2.
    const std::vector<std::pair<std::string, int>> answers{
        {"2026-03-28T22:30:00Z", 10}, // Paris 23:30 on Saturday the 28th
        {"2026-03-28T23:30:00Z", 0},  // Paris 00:30 on Sunday the 29th
        {"2026-03-29T22:30:00Z", 9},  // Paris 00:30 on Monday the 30th (a new week)
    };
    for (const auto& [when, score] : answers) {
        auto invitation = admin_json("POST", "/v1/invitations", R"({"survey_id":")" + survey + "\"}");
        const std::string token(invitation.at("token").as_string());
        ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":)" +
                                                    std::to_string(score) + "}}").status,
                  200);
        // Backdate the stored answer to the instant under test.
        const std::string invitation_id(invitation.at("id").as_string());
        soci::session session(db_->pool());
        const long long at = *touchpoint::engine::parse_time(when);
        const long long day = at / 86'400'000;
        session << "UPDATE answers SET created_at = :at, day = :day WHERE response_id IN "
                   "(SELECT id FROM responses WHERE invitation_id = :id)",
            soci::use(at), soci::use(day), soci::use(invitation_id);
    }
    auto buckets = [&](const std::string& query) {
        auto report = admin_json("GET", "/v1/reports/" + survey + "/scores?" + query);
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (const auto& bucket : report.at("questions").at(0).at("buckets").as_array())
            out.emplace_back(std::string(bucket.at("start").as_string()), bucket.at("n").as_int64());
        return out;
    };
    using list = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(buckets("interval=day"), (list{{"2026-03-28", 2}, {"2026-03-29", 1}}));
    EXPECT_EQ(buckets("interval=day&timezone=Europe/Paris"),
              (list{{"2026-03-28", 1}, {"2026-03-29", 1}, {"2026-03-30", 1}}));
    EXPECT_EQ(buckets("interval=week"), (list{{"2026-03-23", 3}}));
    EXPECT_EQ(buckets("interval=week&timezone=Europe/Paris"), (list{{"2026-03-23", 2}, {"2026-03-30", 1}}));
    EXPECT_EQ(buckets("interval=day&timezone=America/New_York"), (list{{"2026-03-28", 2}, {"2026-03-29", 1}}));
    // A date-only range is read in the report's zone: from Paris's midnight of the 29th.
    EXPECT_EQ(buckets("interval=month&timezone=Europe/Paris&from=2026-03-29"), (list{{"2026-03-01", 2}}));
    EXPECT_EQ(buckets("interval=month&from=2026-03-29"), (list{{"2026-03-01", 1}}));
    auto report = admin_json("GET", "/v1/reports/" + survey + "/scores?timezone=Europe/Paris");
    EXPECT_EQ(report.at("timezone").as_string(), "Europe/Paris");
}

TEST_P(engine_flow, openapi_documents_the_routes_and_metrics_count_requests) {
    auto doc = json::parse(call("GET", "/v1/openapi.json").body);
    for (const char* path : {"/v1/surveys", "/v1/surveys/{id}", "/v1/contacts/{external_id}", "/v1/invitations",
                             "/v1/responses", "/v1/responses/export", "/v1/reports/{survey_id}/scores", "/s/{token}"})
        EXPECT_TRUE(doc.at("paths").as_object().contains(path)) << path;
    call("GET", "/healthz");
    auto metrics = call("GET", "/metrics").body;
    EXPECT_NE(metrics.find("touchpoint_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"), std::string::npos);
    EXPECT_NE(metrics.find("touchpoint_http_request_duration_seconds_bucket"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(backends, engine_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
