#include "reports/html/svg_charts.hpp"

#include "reports/html/html_escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace touchpoint::reports::html {

namespace {

// Every chart is drawn on this canvas; the page scales it to its column.
constexpr double width = 520, height = 280;
constexpr double plot_left = 48, plot_right = 504, plot_top = 36, plot_bottom = 230;

std::string number(double value) {
    auto text = fmt::format("{:.1f}", value);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text == "-0" ? "0" : text;
}

std::string open_svg(const chart_text& text, const std::string& id_hint, double h = height) {
    // Ids only need to be unique within the page: derived from the title.
    std::string id = "c";
    for (unsigned char c : id_hint)
        if (std::isalnum(c)) id += static_cast<char>(std::tolower(c));
    id = id.substr(0, 40);
    return fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" class="chart">)"
                       R"(<title id="{}-t">{}</title><desc id="{}-d">{}</desc>)",
                       number(width), number(h), id, id, id, html_escape(text.title), id, html_escape(text.description));
}

std::string axis_titles(const chart_text& text, double h = height) {
    std::string out;
    if (!text.x_label.empty())
        out += fmt::format(R"(<text x="{}" y="{}" class="axis-title" text-anchor="middle">{}</text>)",
                           number((plot_left + plot_right) / 2), number(h - 6), html_escape(text.x_label));
    if (!text.y_label.empty())
        out += fmt::format(R"(<text x="{}" y="{}" class="axis-title">{}</text>)", number(plot_left - 40), number(plot_top - 16),
                           html_escape(text.y_label));
    return out;
}

double y_of(double value, value_range range) {
    const double span = range.max - range.min;
    const double share = span == 0 ? 0.5 : (value - range.min) / span;
    return plot_bottom - share * (plot_bottom - plot_top);
}

// Horizontal grid lines with their values, about five of them at round steps.
std::string y_grid(value_range range) {
    const double span = range.max - range.min;
    const double raw = span / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw > 0 ? raw : 1)));
    double step = magnitude;
    for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (magnitude * factor >= raw) {
            step = magnitude * factor;
            break;
        }
    std::string out;
    for (double v = std::ceil(range.min / step) * step; v <= range.max + step / 1000; v += step) {
        const double y = y_of(v, range);
        out += fmt::format(R"(<line x1="{}" x2="{}" y1="{}" y2="{}" class="{}"/>)", number(plot_left), number(plot_right),
                           number(y), number(y), std::abs(v) < step / 1000 ? "zero" : "grid");
        out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>)", number(plot_left - 6),
                           number(y + 4), number(v));
    }
    return out;
}

// Labels under evenly spaced slots, thinned so they never overlap, even in the
// larger type the page uses on phones (about 9 units per character).
std::string x_labels(const std::vector<std::string>& labels, double slot_width) {
    std::size_t longest = 1;
    for (const auto& label : labels) longest = std::max(longest, std::min<std::size_t>(label.size(), 10));
    const double needed = 9.0 * static_cast<double>(longest) + 12;
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(needed / std::max(slot_width, 1.0))));
    std::string out;
    for (std::size_t i = 0; i < labels.size(); i += every)
        out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>)",
                           number(plot_left + slot_width * (static_cast<double>(i) + 0.5)), number(plot_bottom + 20),
                           html_escape(shorten(labels[i], 10)));
    return out;
}

} // namespace

std::string shorten(const std::string& text, std::size_t limit) {
    std::size_t chars = 0, i = 0;
    while (i < text.size()) {
        if (chars == limit) return text.substr(0, i) + "…";
        const auto lead = static_cast<unsigned char>(text[i]);
        i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        ++chars;
    }
    return text;
}

std::string sentiment_color(double sentiment) {
    const double s = std::clamp(sentiment, -1.0, 1.0);
    // grey #9aa0a6 towards red #d64545 or green #2f9e44
    const int from[3] = {0x9a, 0xa0, 0xa6};
    const int red[3] = {0xd6, 0x45, 0x45}, green[3] = {0x2f, 0x9e, 0x44};
    const int* to = s < 0 ? red : green;
    const double t = std::min(1.0, std::abs(s) * 2); // full colour from ±0.5
    int rgb[3];
    for (int k = 0; k < 3; ++k) rgb[k] = static_cast<int>(std::lround(from[k] + (to[k] - from[k]) * t));
    return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string trend_chart(const chart_text& text, const std::vector<trend_point>& points, value_range range) {
    std::string out = open_svg(text, text.title) + y_grid(range);
    const double slot = (plot_right - plot_left) / static_cast<double>(std::max<std::size_t>(points.size(), 1));
    auto x_of = [&](std::size_t i) { return plot_left + slot * (static_cast<double>(i) + 0.5); };
    // The band: upper edge left to right, lower edge back, for each run of points with an interval.
    std::string upper, lower;
    auto flush_band = [&] {
        if (!upper.empty()) out += R"(<polygon class="band" points=")" + upper + lower + R"("/>)";
        upper.clear();
        lower.clear();
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        if (!p.low || !p.high) {
            flush_band();
            continue;
        }
        upper += fmt::format("{},{} ", number(x_of(i)), number(y_of(std::min(*p.high, range.max), range)));
        lower.insert(0, fmt::format("{},{} ", number(x_of(i)), number(y_of(std::max(*p.low, range.min), range))));
    }
    flush_band();
    std::string path;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points[i].value) continue;
        path += fmt::format("{}{},{} ", path.empty() ? "M" : "L", number(x_of(i)), number(y_of(*points[i].value, range)));
    }
    if (!path.empty()) out += R"(<path class="line" d=")" + path + R"("/>)";
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points[i].value) continue;
        out += fmt::format(R"(<circle cx="{}" cy="{}" r="3.5" class="{}"><title>{}: {}</title></circle>)", number(x_of(i)),
                           number(y_of(*points[i].value, range)), points[i].small_sample ? "dot small" : "dot",
                           html_escape(points[i].label), number(*points[i].value));
    }
    std::vector<std::string> labels;
    for (const auto& p : points) labels.push_back(p.label);
    return out + x_labels(labels, slot) + axis_titles(text) + "</svg>";
}

std::string stacked_bar_chart(const chart_text& text, const std::vector<stack_part>& parts,
                              const std::vector<std::pair<std::string, std::vector<double>>>& bars) {
    std::string out = open_svg(text, text.title) + y_grid({0, 100});
    const double slot = (plot_right - plot_left) / static_cast<double>(std::max<std::size_t>(bars.size(), 1));
    const double bar = std::max(2.0, slot * 0.72);
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& [label, shares] = bars[i];
        labels.push_back(label);
        double top = 0;
        for (std::size_t k = 0; k < parts.size() && k < shares.size(); ++k) {
            const double y1 = y_of(top + shares[k], {0, 100}), y0 = y_of(top, {0, 100});
            out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}, {}: {} %</title></rect>)",
                               number(plot_left + slot * static_cast<double>(i) + (slot - bar) / 2), number(y1), number(bar),
                               number(std::max(0.0, y0 - y1)), parts[k].color, html_escape(label),
                               html_escape(parts[k].name), number(shares[k]));
            top += shares[k];
        }
    }
    // The legend, above the plot and clear of the y axis title.
    double x = plot_left + 96;
    for (const auto& part : parts) {
        out += fmt::format(R"(<rect x="{}" y="14" width="10" height="10" fill="{}"/><text x="{}" y="23" class="legend">{}</text>)",
                           number(x), part.color, number(x + 14), html_escape(part.name));
        x += 30 + 8.0 * static_cast<double>(part.name.size());
    }
    return out + x_labels(labels, slot) + axis_titles(text) + "</svg>";
}

std::string column_chart(const chart_text& text, const std::vector<column>& columns) {
    double top = 0;
    for (const auto& c : columns) top = std::max(top, c.value);
    const value_range range{0, top > 0 ? top * 1.1 : 1};
    std::string out = open_svg(text, text.title) + y_grid(range);
    const double slot = (plot_right - plot_left) / static_cast<double>(std::max<std::size_t>(columns.size(), 1));
    const double bar = slot * 0.72;
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        labels.push_back(c.label);
        const double y = y_of(c.value, range);
        out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
                           number(plot_left + slot * static_cast<double>(i) + (slot - bar) / 2), number(y), number(bar),
                           number(plot_bottom - y), c.color, html_escape(c.label), number(c.value));
    }
    return out + x_labels(labels, slot) + axis_titles(text) + "</svg>";
}

std::string bar_chart(const chart_text& text, const std::vector<bar_row>& rows, value_range range) {
    constexpr double row_height = 30, label_width = 150, left = 160, right = 430, top = 36;
    const double h = top + row_height * static_cast<double>(rows.size()) + 34;
    auto x_of = [&](double v) {
        const double span = range.max - range.min;
        return left + (span == 0 ? 0 : (std::clamp(v, range.min, range.max) - range.min) / span) * (right - left);
    };
    std::string out = open_svg(text, text.title, h);
    const double zero = x_of(std::clamp(0.0, range.min, range.max));
    out += fmt::format(R"(<line x1="{}" x2="{}" y1="{}" y2="{}" class="zero"/>)", number(zero), number(zero), number(top - 6),
                       number(top + row_height * static_cast<double>(rows.size())));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const double y = top + row_height * static_cast<double>(i);
        const double end = x_of(row.value);
        out += fmt::format(R"(<text x="{}" y="{}" class="label" text-anchor="end">{}</text>)", number(left - 8),
                           number(y + 19), html_escape(shorten(row.label, static_cast<std::size_t>(label_width / 8))));
        out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="18" rx="2" fill="{}"><title>{}: {}</title></rect>)",
                           number(std::min(zero, end)), number(y + 6), number(std::abs(end - zero)), row.color,
                           html_escape(row.label), number(row.value));
        double note_x = std::max(zero, end);
        if (row.low && row.high) {
            const double a = x_of(*row.low), b = x_of(*row.high), mid = y + 15;
            out += fmt::format(R"(<path class="whisker" d="M{},{} L{},{} M{},{} L{},{} M{},{} L{},{}"/>)", number(a), number(mid),
                               number(b), number(mid), number(a), number(mid - 5), number(a), number(mid + 5), number(b),
                               number(mid - 5), number(b), number(mid + 5));
            note_x = std::max(note_x, b);
        }
        out += fmt::format(R"(<text x="{}" y="{}" class="note">{}</text>)", number(note_x + 6), number(y + 19),
                           html_escape(row.note));
    }
    const double axis_y = top + row_height * static_cast<double>(rows.size()) + 14;
    out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>)", number(left), number(axis_y),
                       number(range.min));
    out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>)", number(right), number(axis_y),
                       number(range.max));
    if (!text.x_label.empty())
        out += fmt::format(R"(<text x="{}" y="{}" class="axis-title" text-anchor="middle">{}</text>)",
                           number((left + right) / 2), number(axis_y), html_escape(text.x_label));
    if (!text.y_label.empty())
        out += fmt::format(R"(<text x="{}" y="20" class="axis-title" text-anchor="end">{}</text>)", number(left - 8),
                           html_escape(text.y_label));
    return out + "</svg>";
}

} // namespace touchpoint::reports::html
