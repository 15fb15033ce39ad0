// Server-rendered SVG charts for the HTML report: no script, no external asset.
// Each chart is an <svg role="img"> whose <title> and <desc> give its title and a
// text alternative; every text drawn is escaped here, so callers pass raw text.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports::html {

struct chart_text {
    std::string title;       // the chart's title, also its accessible name
    std::string description; // the text alternative: what the chart shows, in words
    std::string x_label;     // axis titles
    std::string y_label;
};

struct value_range {
    double min = 0, max = 100;
};

// One point of a trend: its label on the x axis, its value and interval.
struct trend_point {
    std::string label;
    std::optional<double> value;
    std::optional<double> low, high;
    bool small_sample = false; // drawn hollow
};

// A line over the points with its confidence band shaded behind it.
std::string trend_chart(const chart_text& text, const std::vector<trend_point>& points, value_range range);

struct stack_part {
    std::string name;  // legend entry
    std::string color; // CSS colour
};

// One bar per label, its parts' shares (percent, adding up to 100) stacked.
std::string stacked_bar_chart(const chart_text& text, const std::vector<stack_part>& parts,
                              const std::vector<std::pair<std::string, std::vector<double>>>& bars);

struct column {
    std::string label;
    double value = 0;
    std::string color;
};

// Vertical bars, such as a score distribution.
std::string column_chart(const chart_text& text, const std::vector<column>& columns);

// One row of a horizontal bar chart: its bar from zero to value, an optional
// interval whisker, and a note written after the bar.
struct bar_row {
    std::string label;
    double value = 0;
    std::optional<double> low, high;
    std::string color;
    std::string note;
};

std::string bar_chart(const chart_text& text, const std::vector<bar_row>& rows, value_range range);

// A colour from red (-1) through grey (0) to green (+1) for a sentiment.
std::string sentiment_color(double sentiment);

// At most `limit` characters (code points) of UTF-8 text, with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t limit);

} // namespace touchpoint::reports::html
