// The text report's figures against hand computations, on stored analyses.
#include "reports/text_report.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;
namespace json = boost::json;

namespace {

std::shared_ptr<const text::theme_taxonomy> default_taxonomy() {
    return {std::shared_ptr<void>(), &text::theme_taxonomy::default_taxonomy()};
}

text_row row(const char* id, std::int64_t score, double sentiment, const char* feeling, const char* themes,
             const char* phrases) {
    text_row r;
    r.question_id = "q_why";
    r.response_id = id;
    r.text = std::string("comment ") + id;
    r.analysed = true;
    r.language = "en";
    r.sentiment = sentiment;
    r.feeling = feeling;
    r.themes = themes;
    r.phrases = phrases;
    r.score = score;
    return r;
}

const json::object* theme_of(const json::value& question, const char* id) {
    for (const auto& t : question.at("themes").as_array())
        if (t.at("id").as_string() == id) return &t.as_object();
    return nullptr;
}

} // namespace

TEST(text_report, themes_drivers_phrases_and_verbatims_match_hand_computations) {
    text_report_builder builder(default_taxonomy(), headline{"q_score", touchpoint::surveys::question_type::nps},
                                {"q_why"});
    builder.add(row("r1", 2, -0.6, "negative", "pricing support", "slow support\tslow support\n"));
    builder.add(row("r2", 3, -0.4, "negative", "pricing", "slow support\tslow support\n"));
    builder.add(row("r3", 10, 0.8, "positive", "support", "great team\tgreat team\n"));
    builder.add(row("r4", 9, 0.5, "positive", "", ""));
    builder.add(row("r5", 8, 0.0, "neutral", "pricing", ""));
    auto pending = row("r6", 1, 0, "", "", "");
    pending.analysed = false;
    builder.add(pending);

    const json::value report = builder.to_json();
    EXPECT_EQ(report.at("headline").at("id").as_string(), "q_score");
    const auto& q = report.at("questions").at(0);
    EXPECT_EQ(q.at("comments").as_int64(), 6);
    EXPECT_EQ(q.at("analysed").as_int64(), 5);
    EXPECT_EQ(q.at("pending").as_int64(), 1) << "not yet analysed: counted, not guessed";
    EXPECT_EQ(q.at("sentiment").at("positive").as_int64(), 2);
    EXPECT_DOUBLE_EQ(q.at("sentiment").at("mean").as_double(), 0.06); // (-0.6 - 0.4 + 0.8 + 0.5 + 0) / 5

    ASSERT_EQ(q.at("themes").as_array().size(), 2u);
    EXPECT_EQ(q.at("themes").at(0).at("id").as_string(), "pricing") << "most mentioned first";
    const auto* pricing = theme_of(q, "pricing");
    EXPECT_EQ(pricing->at("mentions").as_int64(), 3);
    EXPECT_DOUBLE_EQ(pricing->at("share").as_double(), 60.0);                       // 3 of 5 analysed
    EXPECT_DOUBLE_EQ(pricing->at("sentiment").at("mean").as_double(), -0.333);      // (-0.6 - 0.4 + 0) / 3
    EXPECT_DOUBLE_EQ(pricing->at("score").at("nps").at("score").as_double(), -66.67); // scores 2, 3, 8
    EXPECT_EQ(pricing->at("verbatims").at("negative").at(0).at("response_id").as_string(), "r1");
    EXPECT_EQ(theme_of(q, "support")->at("score").at("nps").at("score").as_double(), 0.0); // 2 and 10

    // Drivers: 2 detractor comments (r1, r2), 2 promoter comments (r3, r4).
    // pricing: 2 of 2 against 0 of 2; prior 0.4 comments spread by rate 2/4:
    // a = 2.2, b = 0.2, rest 0.2 and 2.2: delta = 2 ln 11 = 4.796,
    // z = 4.796 / sqrt(1/2.2 + 1/0.2) = 2.05: significant, leaning to detractors.
    const auto& drivers = q.at("drivers");
    EXPECT_EQ(drivers.at("low_band").as_string(), "detractor");
    EXPECT_EQ(drivers.at("low_comments").as_int64(), 2);
    const auto& top = drivers.at("themes").at(0);
    EXPECT_EQ(top.at("theme").as_string(), "pricing");
    EXPECT_DOUBLE_EQ(top.at("log_odds").as_double(), 4.796);
    EXPECT_DOUBLE_EQ(top.at("z").as_double(), 2.05);
    EXPECT_EQ(top.at("leans").as_string(), "detractor");
    const auto& even = drivers.at("themes").at(1); // support: 1 of 2 on each side
    EXPECT_EQ(even.at("theme").as_string(), "support");
    EXPECT_DOUBLE_EQ(even.at("z").as_double(), 0.0);
    EXPECT_TRUE(even.at("leans").is_null());

    // Phrases mentioned twice or more, with the theme their stems belong to.
    ASSERT_EQ(q.at("phrases").as_array().size(), 1u);
    const auto& phrase = q.at("phrases").at(0);
    EXPECT_EQ(phrase.at("phrase").as_string(), "slow support");
    EXPECT_EQ(phrase.at("mentions").as_int64(), 2);
    EXPECT_DOUBLE_EQ(phrase.at("sentiment").as_double(), -0.5);
    EXPECT_EQ(phrase.at("theme").as_string(), "support");
    EXPECT_EQ(theme_of(q, "support")->at("phrases").at(0).at("phrase").as_string(), "slow support");

    const auto& verbatims = q.at("verbatims");
    ASSERT_EQ(verbatims.at("negative").as_array().size(), 2u);
    EXPECT_EQ(verbatims.at("negative").at(0).at("response_id").as_string(), "r1") << "most negative first";
    ASSERT_EQ(verbatims.at("positive").as_array().size(), 2u);
    EXPECT_EQ(verbatims.at("positive").at(0).at("response_id").as_string(), "r3");
}

TEST(text_report, an_empty_survey_and_one_comment_report_without_dividing_by_zero) {
    text_report_builder empty(default_taxonomy(), headline{"q_score", touchpoint::surveys::question_type::csat},
                              {"q_why"});
    const json::value none = empty.to_json();
    const auto& q = none.at("questions").at(0);
    EXPECT_EQ(q.at("comments").as_int64(), 0);
    EXPECT_TRUE(q.at("sentiment").at("mean").is_null());
    EXPECT_TRUE(q.at("themes").as_array().empty());
    EXPECT_TRUE(q.at("drivers").at("themes").as_array().empty());

    text_report_builder one(default_taxonomy(), std::nullopt, {"q_why"});
    one.add(row("r1", 0, 0.7, "positive", "support", "helpful agent\thelpful agent\n"));
    const json::value single = one.to_json();
    const auto& s = single.at("questions").at(0);
    EXPECT_DOUBLE_EQ(s.at("themes").at(0).at("share").as_double(), 100.0);
    EXPECT_TRUE(s.at("drivers").is_null()) << "no scored question: no drivers";
    EXPECT_FALSE(s.at("themes").at(0).as_object().contains("score"));
    EXPECT_TRUE(s.at("phrases").as_array().empty()) << "one mention is no pattern";
}

TEST(text_report, phrase_memory_is_bounded) {
    text_report_options options;
    options.max_tracked_phrases = 100;
    text_report_builder builder(default_taxonomy(), std::nullopt, {"q_why"}, options);
    for (int i = 0; i < 5000; ++i) {
        const std::string unique = "word" + std::to_string(i);
        builder.add(row("r", 0, 0, "neutral", "", (unique + "\t" + unique + "\nrecurring\trecurring\n").c_str()));
    }
    const json::value report = builder.to_json();
    const auto& phrases = report.at("questions").at(0).at("phrases").as_array();
    ASSERT_EQ(phrases.size(), 1u) << "phrases seen once are dropped, the frequent one survives";
    EXPECT_EQ(phrases[0].at("mentions").as_int64(), 5000);
}
