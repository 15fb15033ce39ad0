#include "surveys/templates.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::surveys;

TEST(templates, every_template_has_every_question_in_english_french_and_dutch) {
    for (auto name : template_names()) {
        auto survey = find_template(name);
        ASSERT_TRUE(survey) << name;
        for (const auto& q : survey->questions)
            for (const char* locale : {"en", "fr", "nl"}) EXPECT_TRUE(q.text.contains(locale)) << name << " " << q.id << " " << locale;
    }
}

TEST(templates, instantiating_keeps_only_the_asked_locales) {
    auto result = instantiate_template({"csat", "Support CSAT", {"fr", "nl"}, ""});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.definition.default_locale, "fr");
    EXPECT_FALSE(result.definition.questions[0].text.contains("en"));
    EXPECT_EQ(result.definition.name, "Support CSAT");
}

TEST(templates, refuses_a_locale_the_template_lacks) {
    auto result = instantiate_template({"nps", "", {"en", "de"}, ""});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.errors[0].field, "locales[1]");
}

TEST(templates, onboarding_asks_about_setup_migration_training_time_to_value_and_gaps) {
    auto survey = find_template("onboarding");
    for (const char* id : {"q_setup", "q_migration", "q_training", "q_time_to_value", "q_missing"})
        EXPECT_NE(survey->find_question(id), nullptr) << id;
}
