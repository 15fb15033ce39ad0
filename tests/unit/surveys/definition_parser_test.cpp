#include "surveys/definition_parser.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::surveys;
namespace json = boost::json;

namespace {
bool has_error(const field_errors& errors, const std::string& field) {
    for (const auto& e : errors)
        if (e.field == field) return true;
    return false;
}
} // namespace

TEST(definition_parser, accepts_a_full_nps_definition) {
    auto result = parse_definition(json::parse(R"({"name":"NPS","kind":"nps","locales":["en","fr"],
      "questions":[{"id":"q_score","type":"nps","required":true,"text":{"en":"Recommend?","fr":"Recommander ?"}}]})"));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.definition.questions.at(0).max, 10);
    EXPECT_EQ(result.definition.locales, (std::vector<std::string>{"en", "fr"}));
}

TEST(definition_parser, names_every_invalid_field) {
    auto result = parse_definition(json::parse(R"({"name":"","questions":[
      {"id":"q1","type":"nps","max":11,"text":{"en":"x"}},
      {"id":"q1","type":"single_choice","text":{"en":"y"},"options":[{"id":"a","text":{"en":"A"}}]},
      {"id":"q3","type":"banana","text":{"en":"z"}}]})"));
    EXPECT_TRUE(has_error(result.errors, "name"));
    EXPECT_TRUE(has_error(result.errors, "questions[0].max"));
    EXPECT_TRUE(has_error(result.errors, "questions[1].id"));
    EXPECT_TRUE(has_error(result.errors, "questions[1].options"));
    EXPECT_TRUE(has_error(result.errors, "questions[2].type"));
}

TEST(definition_parser, requires_text_in_the_default_locale) {
    auto result = parse_definition(json::parse(R"({"name":"n","default_locale":"fr","questions":[{"id":"q","type":"text","text":{"en":"x"}}]})"));
    EXPECT_TRUE(has_error(result.errors, "questions[0].text.fr"));
}

TEST(definition_parser, refuses_an_empty_shorthand_text_as_the_stored_form_is_refused) {
    // {"en":""} is how an empty shorthand text was stored and printed, and the parser
    // refuses it, so a survey read from the API could not be sent back (found by
    // tests/fuzz definition_parser).
    auto shorthand = parse_definition(json::parse(R"({"name":"Pulse","questions":[
      {"id":"q1","type":"nps","text":"","labels":{"min":"","max":"Very likely"}},
      {"id":"q2","type":"single_choice","text":"Plan?","options":[{"id":"a","text":""},{"id":"b","text":"B"}]}]})"));
    EXPECT_TRUE(has_error(shorthand.errors, "questions[0].text"));
    EXPECT_TRUE(has_error(shorthand.errors, "questions[0].labels.min"));
    EXPECT_TRUE(has_error(shorthand.errors, "questions[1].options[0].text"));
    EXPECT_FALSE(has_error(shorthand.errors, "questions[0].labels.max"));
    auto stored = parse_definition(json::parse(R"({"name":"Pulse","questions":[{"id":"q1","type":"nps","text":{"en":""}}]})"));
    EXPECT_TRUE(has_error(stored.errors, "questions[0].text.en"));
}

TEST(definition_parser, band_texts_must_follow_an_earlier_scored_question) {
    auto result = parse_definition(json::parse(R"({"name":"n","questions":[
      {"id":"q_why","type":"text","text":{"en":"Why?"},"band_of":"q_score","text_by_band":{"promoter":{"en":"Yay"}}},
      {"id":"q_score","type":"nps","text":{"en":"Score"}}]})"));
    EXPECT_TRUE(has_error(result.errors, "questions[0].band_of"));
}

TEST(definition_parser, rejects_a_non_object) {
    EXPECT_FALSE(parse_definition(json::parse("[1,2]")).ok());
}
