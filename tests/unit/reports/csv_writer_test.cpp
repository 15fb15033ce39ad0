#include "reports/csv_writer.hpp"

#include "reports/html/html_escape.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::reports;

TEST(csv_writer, neutralises_formula_cells) {
    std::string out;
    append_csv_row(out, {"=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM", "plain", "-", "-1.", "-cmd"});
    EXPECT_EQ(out, "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2+3\",\"'@SUM\",plain,\"'-\",\"'-1.\",\"'-cmd\"\r\n");
}

TEST(csv_writer, negative_numbers_stay_numbers) {
    std::string out;
    append_csv_row(out, {"-100", "-0.5", "-33.33"});
    EXPECT_EQ(out, "-100,-0.5,-33.33\r\n");
}

TEST(csv_writer, quotes_commas_and_line_breaks) {
    std::string out;
    append_csv_row(out, {"a,b", "line\nbreak"});
    EXPECT_EQ(out, "\"a,b\",\"line\nbreak\"\r\n");
}

TEST(html_escape, escapes_markup) {
    EXPECT_EQ(html_escape("<script>\"'&"), "&lt;script&gt;&quot;&#39;&amp;");
}
