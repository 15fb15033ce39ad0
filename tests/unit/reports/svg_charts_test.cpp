#include "reports/html/svg_charts.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::reports::html;

TEST(svg_charts, every_text_drawn_is_escaped_and_the_chart_is_labelled) {
    const auto svg = bar_chart({"Segments <b>", "a \"quoted\" & <desc>", "NPS", "plan"},
                               {{"<script>x</script>", 40, 30, 50, "#123456", "n=3 & more"}}, {-100, 100});
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"csegmentsb-t\">Segments &lt;b&gt;</title>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("<desc id=\"csegmentsb-d\">a &quot;quoted&quot; &amp; &lt;desc&gt;</desc>"), std::string::npos);
    EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"csegmentsb-t csegmentsb-d\""), std::string::npos);
    EXPECT_NE(svg.find("n=3 &amp; more"), std::string::npos);
    EXPECT_NE(svg.find("class=\"whisker\""), std::string::npos) << "the interval is drawn";
}

TEST(svg_charts, a_trend_shades_its_band_only_where_there_is_an_interval) {
    const auto svg = trend_chart({"NPS per week", "desc", "week", "NPS"},
                                 {{"01-05", 10.0, 0.0, 20.0, false}, {"01-12", std::nullopt, std::nullopt, std::nullopt, false},
                                  {"01-19", 30.0, 20.0, 40.0, true}},
                                 {-100, 100});
    // Two runs of points with an interval, split by the empty week: two polygons.
    std::size_t polygons = 0;
    for (auto at = svg.find("<polygon"); at != std::string::npos; at = svg.find("<polygon", at + 1)) ++polygons;
    EXPECT_EQ(polygons, 2u);
    EXPECT_NE(svg.find("class=\"dot small\""), std::string::npos) << "a small sample is drawn hollow";
}

TEST(svg_charts, shortening_counts_characters_not_bytes) {
    EXPECT_EQ(shorten("Équipe française", 6), "Équipe…");
    EXPECT_EQ(shorten("short", 10), "short");
    EXPECT_EQ(shorten("日本語テキスト", 3), "日本語…");
}

TEST(svg_charts, sentiment_runs_from_red_through_grey_to_green) {
    EXPECT_EQ(sentiment_color(-1), "#d64545");
    EXPECT_EQ(sentiment_color(0), "#9aa0a6");
    EXPECT_EQ(sentiment_color(0.5), "#2f9e44");
    EXPECT_EQ(sentiment_color(7), "#2f9e44") << "clamped";
}
