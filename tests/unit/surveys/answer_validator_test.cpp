#include "surveys/answer_validator.hpp"

#include "surveys/templates.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::surveys;
namespace json = boost::json;

class answer_validator : public ::testing::Test {
protected:
    survey_definition nps = *find_template("nps");
    survey_definition onboarding = *find_template("onboarding");
};

TEST_F(answer_validator, rejects_score_above_ten_naming_the_question) {
    auto result = validate_answers(nps, json::parse(R"({"q_score":11})"), false);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].field, "answers.q_score");
}

TEST_F(answer_validator, accepts_form_strings_for_scores) {
    auto result = validate_answers(nps, json::parse(R"({"q_score":"9","q_why":"Great support"})"), true);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(std::get<std::int64_t>(result.answers.at("q_score")), 9);
}

TEST_F(answer_validator, accepts_whole_doubles_and_rejects_doubles_beyond_any_integer) {
    auto whole = validate_answers(nps, json::parse(R"({"q_score":7.0})"), false);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(std::get<std::int64_t>(whole.answers.at("q_score")), 7);
    // 1e400 parses as infinity; neither it nor 1e19 fits an int64 (found by tests/fuzz/answers).
    for (const auto* body : {R"({"q_score":1e400})", R"({"q_score":-1e400})", R"({"q_score":1e19})", R"({"q_score":9.5})"}) {
        auto result = validate_answers(nps, json::parse(body), false);
        ASSERT_EQ(result.errors.size(), 1u) << body;
        EXPECT_EQ(result.errors[0].field, "answers.q_score");
    }
}

TEST_F(answer_validator, requires_required_questions_only_when_complete) {
    EXPECT_TRUE(validate_answers(nps, json::parse(R"({"q_why":"meh"})"), false).ok());
    auto complete = validate_answers(nps, json::parse(R"({"q_why":"meh"})"), true);
    ASSERT_FALSE(complete.ok());
    EXPECT_EQ(complete.errors[0].field, "answers.q_score");
}

TEST_F(answer_validator, rejects_unknown_questions_and_options) {
    auto result = validate_answers(onboarding, json::parse(R"({"q_nope":1,"q_migration":"maybe"})"), false);
    EXPECT_EQ(result.errors.size(), 2u);
}

TEST_F(answer_validator, words_the_follow_up_by_score_band) {
    answer_map answers{{"q_score", std::int64_t{3}}};
    EXPECT_EQ(question_text(nps, nps.questions[1], answers, "en"), "We are sorry to hear that. What should we improve?");
    answers["q_score"] = std::int64_t{10};
    EXPECT_EQ(question_text(nps, nps.questions[1], answers, "nl"), "Fijn om te horen! Wat waardeert u het meest?");
    EXPECT_EQ(question_text(nps, nps.questions[1], {}, "fr"), "Quelle est la principale raison de votre note ?");
}
