// Free-text answers end to end: analysed when stored, listed with their
// analysis, re-analysed by the text pass after a taxonomy edit, and domain words
// learned from scored comments; on SQLite and on PostgreSQL.
#include "support/engine_fixture.hpp"

#include <chrono>
#include <functional>
#include <thread>

namespace json = boost::json;

namespace {

class text_flow : public touchpoint::testing::engine_fixture {
protected:
    // Answers one new invitation in app; returns the stored response.
    json::value answer(const std::string& survey, int score, const std::string& comment, const std::string& locale = "en") {
        const auto token = invite(survey, "");
        json::object body{{"token", token}, {"locale", locale},
                          {"answers", json::object{{"q_score", score}, {"q_why", comment}}}};
        auto reply = call("POST", "/v1/responses", json::serialize(body));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json::parse(reply.body);
    }
    json::value listed_analysis(const std::string& survey, const std::string& response_id) {
        auto list = admin_json("GET", "/v1/responses?limit=500&survey_id=" + survey);
        for (const auto& row : list.at("data").as_array())
            if (row.at("id").as_string() == response_id) return row.at("analysis").at("q_why");
        return nullptr;
    }
    // Polls until `done` holds: the text pass runs in the background.
    static bool eventually(const std::function<bool()>& done) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < give_up) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return done();
    }
    static std::vector<std::string> themes_of(const json::value& analysis) {
        std::vector<std::string> out;
        if (const auto* themes = analysis.is_object() ? analysis.as_object().if_contains("themes") : nullptr)
            for (const auto& theme : themes->as_array()) out.emplace_back(theme.as_string());
        return out;
    }
};

TEST_P(text_flow, a_comment_is_stored_and_listed_with_its_analysis) {
    const auto survey = create_survey();
    auto stored = answer(survey, 3, "Le support est trop lent et les factures sont fausses.", "fr");
    const auto& analysis = stored.at("analysis").at("q_why");
    EXPECT_EQ(analysis.at("language").as_string(), "fr");
    EXPECT_EQ(analysis.at("sentiment").at("label").as_string(), "negative");
    EXPECT_LT(analysis.at("sentiment").at("score").to_number<double>(), 0);
    EXPECT_EQ(themes_of(analysis), (std::vector<std::string>{"billing", "support", "performance"}));
    EXPECT_FALSE(analysis.at("phrases").as_array().empty());

    const auto listed = listed_analysis(survey, std::string(stored.at("id").as_string()));
    EXPECT_EQ(listed, analysis) << "the list shows what was stored";
    auto score_only = answer(survey, 10, "");
    EXPECT_TRUE(score_only.at("analysis").as_object().empty() ||
                !score_only.at("analysis").as_object().contains("q_why"));
}

TEST_P(text_flow, the_text_pass_analyses_old_answers_and_again_after_a_taxonomy_edit) {
    const auto survey = create_survey();
    const auto id = std::string(answer(survey, 2, "The app is slow and support never answers.").at("id").as_string());
    {
        // An answer stored before text analysis existed.
        soci::session session(db_->pool());
        session << "UPDATE answers SET analysis_revision = 0, language = NULL, themes = NULL WHERE text_value IS NOT NULL";
    }
    EXPECT_TRUE(eventually([&] { return themes_of(listed_analysis(survey, id)).size() == 2; }))
        << json::serialize(listed_analysis(survey, id));
    EXPECT_EQ(themes_of(listed_analysis(survey, id)), (std::vector<std::string>{"support", "performance"}));

    auto bad = call("PUT", "/v1/themes", R"({"themes":[{"id":"Speed!","keywords":{"en":["slow"]}},
                                                       {"id":"x","keywords":{"de":["langsam"]}}]})", admin_);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("\"themes[0].id\""), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("\"themes[1].keywords.de\""), std::string::npos) << bad.body;
    EXPECT_TRUE(admin_json("GET", "/v1/themes").at("default").as_bool()) << "a refused edit changes nothing";
    const auto before = admin_json("GET", "/v1/themes").at("revision").as_int64();

    auto edited = call("PUT", "/v1/themes",
                       R"({"themes":[{"id":"speed","name":"Speed","keywords":{"en":["slow","loading time"],"fr":["lent"]}}]})",
                       admin_);
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto taxonomy = json::parse(edited.body);
    EXPECT_FALSE(taxonomy.at("default").as_bool());
    EXPECT_GT(taxonomy.at("revision").as_int64(), before);
    EXPECT_EQ(taxonomy.at("themes").at(0).at("keywords").at("en").at(1).as_string(), "loading time");
    EXPECT_TRUE(eventually([&] { return themes_of(listed_analysis(survey, id)) == std::vector<std::string>{"speed"}; }))
        << json::serialize(listed_analysis(survey, id));
    EXPECT_EQ(themes_of(answer(survey, 4, "Slow, slow, slow.").at("analysis").at("q_why")),
              (std::vector<std::string>{"speed"}))
        << "new answers use the edited taxonomy at once";

    EXPECT_TRUE(call("DELETE", "/v1/themes", "", admin_).body.find("\"default\":true") != std::string::npos);
    EXPECT_TRUE(eventually([&] { return themes_of(listed_analysis(survey, id)).size() == 2; }));
    EXPECT_EQ(call("PUT", "/v1/themes", "{}", ingest_).status, 403) << "an ingest key cannot edit the taxonomy";
}

TEST_P(text_flow, domain_words_are_learned_from_scored_comments) {
    const auto survey = create_survey();
    // "hapert" (glitches) is in no Dutch lexicon: before learning it reads as nothing.
    const auto probe = std::string(answer(survey, 5, "De app hapert.", "nl").at("id").as_string());
    EXPECT_EQ(listed_analysis(survey, probe).at("sentiment").at("label").as_string(), "neutral");
    const char* detractors[] = {"De app hapert.", "Alles hapert sinds de update.", "Hapert en crasht.",
                                "Het laden hapert steeds."};
    const char* promoters[] = {"De app is fijn.", "Fijn om mee te werken.", "Handig en fijn.", "Het team is fijn."};
    for (int i = 0; i < 32; ++i) {
        answer(survey, 1 + i % 5, detractors[i % 4], "nl");
        answer(survey, 9 + i % 2, promoters[i % 4], "nl");
    }
    EXPECT_TRUE(eventually([&] {
        return listed_analysis(survey, probe).at("sentiment").at("label").as_string() == "negative";
    })) << json::serialize(listed_analysis(survey, probe));
    EXPECT_GT(admin_json("GET", "/v1/themes").at("revision").as_int64(), 1) << "learning raised the model's revision";
}

TEST_P(text_flow, the_text_report_gives_themes_drivers_phrases_and_verbatims_with_filters) {
    const auto survey = create_survey();
    for (int i = 0; i < 3; ++i) answer(survey, 2, "Too expensive, and the support is terrible.");
    answer(survey, 4, "Beaucoup trop cher, je suis déçu.", "fr");
    answer(survey, 10, "Great support team, very helpful.");
    answer(survey, 9, "=HYPERLINK(\"http://evil.example\") great support team");

    auto report = admin_json("GET", "/v1/reports/" + survey + "/text");
    EXPECT_EQ(report.at("headline").at("id").as_string(), "q_score");
    const auto& q = report.at("questions").at(0);
    EXPECT_EQ(q.at("id").as_string(), "q_why");
    EXPECT_EQ(q.at("comments").as_int64(), 6);
    EXPECT_EQ(q.at("languages").at("fr").as_int64(), 1);
    const auto& top = q.at("themes").at(0);
    EXPECT_EQ(top.at("id").as_string(), "support");
    EXPECT_EQ(top.at("mentions").as_int64(), 5);
    const auto& pricing = q.at("themes").at(1);
    EXPECT_EQ(pricing.at("id").as_string(), "pricing");
    EXPECT_EQ(pricing.at("mentions").as_int64(), 4) << "English and French comments share the theme";
    EXPECT_EQ(pricing.at("score").at("nps").at("score").to_number<double>(), -100.0);
    EXPECT_LT(pricing.at("sentiment").at("mean").to_number<double>(), 0);
    const auto& driver = q.at("drivers").at("themes").at(0);
    EXPECT_EQ(driver.at("theme").as_string(), "pricing");
    EXPECT_TRUE(driver.at("significant").as_bool());
    EXPECT_EQ(driver.at("leans").as_string(), "detractor");
    EXPECT_EQ(q.at("phrases").at(0).at("mentions").as_int64(), 3);
    EXPECT_FALSE(q.at("verbatims").at("negative").as_array().empty());

    auto french = admin_json("GET", "/v1/reports/" + survey + "/text?locale=fr");
    EXPECT_EQ(french.at("questions").at(0).at("comments").as_int64(), 1);
    EXPECT_EQ(french.at("filters").at("locale").as_string(), "fr");

    auto csv = call("GET", "/v1/reports/" + survey + "/text?format=csv&table=verbatims", "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",\"'=HYPERLINK("), std::string::npos) << "a formula typed by a respondent stays text: " << csv.body;
    auto themes_csv = call("GET", "/v1/reports/" + survey + "/text?format=csv&table=themes", "", admin_);
    EXPECT_NE(themes_csv.body.find("q_why,pricing,Pricing,4,66.67,"), std::string::npos) << themes_csv.body;
    EXPECT_NE(call("GET", "/v1/reports/" + survey + "/text?format=csv&table=drivers", "", admin_).body.find("q_why,pricing,"),
              std::string::npos);

    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/text?segment=channel", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/" + survey + "/text?table=words&format=csv", "", admin_).status, 422);
    EXPECT_EQ(call("GET", "/v1/reports/nope/text", "", admin_).status, 404);

    // A contact's attribute and the invitation's campaign filter the comments too.
    ASSERT_EQ(call("PUT", "/v1/contacts/pro-1", R"({"attributes":{"plan":"pro"}})", ingest_).status, 201);
    auto invitation = admin_json("POST", "/v1/invitations",
                                 R"({"survey_id":")" + survey + R"(","contact":"pro-1","campaign_id":"q4"})");
    json::object body{{"token", invitation.at("token")},
                      {"answers", json::object{{"q_score", 8}, {"q_why", "Solid reports."}}}};
    ASSERT_EQ(call("POST", "/v1/responses", json::serialize(body)).status, 200);
    auto comments_of = [&](const std::string& query) {
        return admin_json("GET", "/v1/reports/" + survey + "/text?" + query).at("questions").at(0).at("comments").as_int64();
    };
    EXPECT_EQ(comments_of(""), 7);
    EXPECT_EQ(comments_of("attr.plan=pro"), 1);
    EXPECT_EQ(comments_of("campaign=q4"), 1);
    EXPECT_EQ(comments_of("attr.plan=free"), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, text_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
