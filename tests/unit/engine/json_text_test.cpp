#include "engine/http/json_text.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <limits>

using touchpoint::engine::http::to_json_text;

TEST(json_text, prints_numbers_plainly_and_round_trips) {
    boost::json::value report = {{"score", 45.5}, {"mean", 9.0}, {"n", 12}, {"share", 33.333333333333336},
                                 {"name", "a \"quoted\" <b>name</b>"}, {"list", {1, 2.25, nullptr, true}}};
    const auto text = to_json_text(report);
    EXPECT_NE(text.find(R"("score":45.5)"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("mean":9)"), std::string::npos) << text;
    EXPECT_EQ(text.find('E'), std::string::npos) << "no exponent form: " << text;
    const auto back = boost::json::parse(text);
    EXPECT_EQ(back.at("share").to_number<double>(), 33.333333333333336) << "doubles round-trip exactly";
    EXPECT_EQ(back.at("mean").to_number<double>(), 9.0);
    EXPECT_EQ(back.at("name"), report.at("name")) << "strings keep their escaping";
    EXPECT_EQ(back.at("list").at(1).to_number<double>(), 2.25);
}

TEST(json_text, writes_null_for_numbers_json_cannot_hold) {
    boost::json::value value = {{"ci_low", std::numeric_limits<double>::quiet_NaN()},
                                {"ci_high", std::numeric_limits<double>::infinity()}};
    EXPECT_EQ(to_json_text(value), R"({"ci_low":null,"ci_high":null})");
}
