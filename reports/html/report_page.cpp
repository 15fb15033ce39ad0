#include "reports/html/report_page.hpp"

#include "reports/html/html_escape.hpp"
#include "reports/html/svg_charts.hpp"
#include "reports/time_bucket.hpp"
#include "surveys/question_type.hpp"
#include "surveys/score_band.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace touchpoint::reports::html {
namespace json = boost::json;

namespace {

constexpr std::array<const char*, 3> band_colors{"#d64545", "#f0b429", "#2f9e44"}; // worst to best

constexpr std::string_view style = R"css(
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1c1e21}
main{max-width:72rem;margin:0 auto;padding:1.5rem 1rem 3rem}header h1{font-size:1.6rem;margin:0}.sub{color:#5f6670;margin:.25rem 0 1.25rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin-bottom:1rem}
.kpi{background:#fff;border-radius:.6rem;padding:.9rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.kpi .label{color:#5f6670;font-size:.85rem}.kpi .value{font-size:1.9rem;font-weight:700;line-height:1.2}.kpi .detail{color:#5f6670;font-size:.8rem}
.grid{display:grid;grid-template-columns:1fr;gap:1rem}@media (min-width:60rem){.grid{grid-template-columns:1fr 1fr}}
figure,section.panel{margin:0;background:#fff;border-radius:.6rem;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08);min-width:0}
figure h2,section.panel h2{font-size:1.05rem;margin:0 0 .25rem}figcaption{color:#5f6670;font-size:.85rem;margin-bottom:.5rem}
section.panel{margin-top:1rem}.chart{width:100%;height:auto;display:block}
.chart text{font-size:12px;fill:#3c4043}.chart .tick{fill:#5f6670;font-size:11px}.chart .axis-title{fill:#5f6670;font-size:11px;font-style:italic}
.chart .grid{stroke:#e3e5e8}.chart .zero{stroke:#9aa0a6}.chart .band{fill:rgba(31,95,191,.16)}
.chart .line{fill:none;stroke:#1f5fbf;stroke-width:2.5}.chart .dot{fill:#1f5fbf}.chart .dot.small{fill:#fff;stroke:#1f5fbf;stroke-width:1.5}
.chart .whisker{stroke:#1c1e21;stroke-width:1.2;fill:none}.chart .note{font-size:11px;fill:#5f6670}
details{margin-top:.5rem;font-size:.85rem}
@media (max-width:40rem){main{padding:1rem .6rem 2rem}figure,section.panel{padding:.75rem .6rem}.chart text{font-size:17px}.chart .tick,.chart .note,.chart .axis-title{font-size:16px}}summary{cursor:pointer;color:#1f5fbf}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e5e8;white-space:nowrap}
td.num,th.num{text-align:right}
.quotes{display:grid;grid-template-columns:1fr;gap:1rem}@media (min-width:48rem){.quotes{grid-template-columns:1fr 1fr}}
.quotes h3{font-size:.95rem;margin:0 0 .5rem}blockquote{margin:0 0 .6rem;padding:.5rem .75rem;border-left:4px solid #9aa0a6;background:#f8f9fa;border-radius:0 .4rem .4rem 0;overflow-wrap:anywhere}
blockquote.neg{border-color:#d64545}blockquote.pos{border-color:#2f9e44}blockquote .meta{display:block;color:#5f6670;font-size:.8rem;margin-top:.2rem}
.empty{color:#5f6670}footer{color:#5f6670;font-size:.8rem;margin-top:1.5rem;overflow-wrap:anywhere}
)css";

std::string number(double value, int decimals = 1) {
    auto text = fmt::format("{:.{}f}", value, decimals);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? "0" : text;
}

// 1234567 as "1,234,567".
std::string count_text(std::int64_t n) {
    const auto digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

const json::value* find(const json::object& object, std::initializer_list<const char*> path) {
    const json::value* at = nullptr;
    const json::object* current = &object;
    for (const char* key : path) {
        if (!current) return nullptr;
        at = current->if_contains(key);
        if (!at) return nullptr;
        current = at->is_object() ? &at->get_object() : nullptr;
    }
    return at;
}

std::optional<double> number_at(const json::object& object, std::initializer_list<const char*> path) {
    const auto* v = find(object, path);
    if (!v || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

std::int64_t int_at(const json::object& object, std::initializer_list<const char*> path) {
    const auto* v = find(object, path);
    return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

std::string text_at(const json::object& object, const char* key) {
    const auto* v = object.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// How the page states a question type's headline figure.
struct measure {
    surveys::question_type type;
    std::string name;  // "NPS"
    std::string unit;  // "" or " %"
    value_range range; // the scale of the trend
    std::optional<double> of(const score_statistics& stats) const {
        switch (type) {
        case surveys::question_type::nps: return stats.nps ? std::optional(stats.nps->score) : std::nullopt;
        case surveys::question_type::csat: return stats.csat ? std::optional(stats.csat->satisfied_share) : std::nullopt;
        default: return stats.mean;
        }
    }
};

measure measure_for(surveys::question_type type) {
    switch (type) {
    case surveys::question_type::nps: return {type, "NPS", "", {-100, 100}};
    case surveys::question_type::csat: return {type, "CSAT (satisfied)", " %", {0, 100}};
    default: return {type, "CES (mean)", "", {1, 7}};
    }
}



// Band shares (worst to best, in percent) of a distribution.
std::vector<double> band_shares(surveys::question_type type, const score_distribution& distribution) {
    const auto names = surveys::band_names(type);
    std::vector<double> counts(names.size(), 0.0);
    double total = 0;
    for (const auto& [score, count] : distribution) {
        const auto band = surveys::score_band(type, score);
        if (!band) continue;
        const auto at = std::ranges::find(names, *band) - names.begin();
        counts[static_cast<std::size_t>(at)] += static_cast<double>(count);
        total += static_cast<double>(count);
    }
    for (auto& c : counts) c = total > 0 ? 100.0 * c / total : 0.0;
    return counts;
}

std::string capitalised(std::string_view word) {
    std::string out(word);
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

// NPS bands name people ("Promoters"); CSAT and CES bands name answers ("Satisfied").
bool names_people(std::string_view band) { return band == "promoter" || band == "passive" || band == "detractor"; }

std::string band_label(std::string_view band) { return capitalised(band) + (names_people(band) ? "s" : ""); }

std::string data_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
    std::string out = R"(<details><summary>Data table</summary><div class="table"><table><thead><tr>)";
    for (std::size_t i = 0; i < headers.size(); ++i)
        out += fmt::format(R"(<th{}>{}</th>)", i == 0 ? "" : R"( class="num")", html_escape(headers[i]));
    out += "</tr></thead><tbody>";
    for (const auto& row : rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            out += fmt::format(R"(<td{}>{}</td>)", i == 0 ? "" : R"( class="num")", html_escape(row[i]));
        out += "</tr>";
    }
    return out + "</tbody></table></div></details>";
}

std::string figure(const std::string& title, const std::string& caption, const std::string& svg, const std::string& table) {
    return fmt::format(R"(<figure><h2>{}</h2><figcaption>{}</figcaption>{}{}</figure>)", html_escape(title),
                       html_escape(caption), svg, table);
}

std::string period_text(const score_report& scores) {
    const auto from = scores.from.value_or(""), to = scores.to.value_or("");
    std::string out = from.empty() && to.empty() ? "All responses"
                      : from.empty()             ? "Until " + to.substr(0, 10)
                      : to.empty()               ? "Since " + from.substr(0, 10)
                                                 : from.substr(0, 10) + " to " + to.substr(0, 10);
    out += " · time zone " + scores.timezone;
    for (const auto& [name, value] : scores.filters) out += " · " + name + " = " + value;
    return out;
}

std::string kpis(const score_report& scores, const scored_question* headline, const json::object* text_question) {
    std::string out = R"(<section class="kpis" aria-label="Key figures">)";
    auto card = [&](const std::string& label, const std::string& value, const std::string& detail) {
        out += fmt::format(R"(<div class="kpi"><div class="label">{}</div><div class="value">{}</div><div class="detail">{}</div></div>)",
                           html_escape(label), html_escape(value), html_escape(detail));
    };
    if (headline) {
        const auto m = measure_for(headline->type);
        const auto& stats = headline->scores.statistics;
        const auto value = m.of(stats);
        std::string detail;
        if (stats.nps) detail = "95 % interval " + number(stats.nps->ci_low) + " to " + number(stats.nps->ci_high);
        card(m.name, value ? number(*value) + m.unit : "–", detail);
        card("Answers", count_text(stats.n), "scored on the " + m.name.substr(0, m.name.find(' ')) + " question");
    }
    if (text_question)
        card("Comments", count_text(int_at(*text_question, {"analysed"})),
             number_at(*text_question, {"sentiment", "negative_share"})
                 ? number(*number_at(*text_question, {"sentiment", "negative_share"})) + " % negative"
                 : "");
    if (scores.rates) {
        const auto& total = scores.rates->total;
        card("Response rate", total.response_rate ? number(*total.response_rate) + " %" : "–",
             count_text(total.responded) + " of " + count_text(total.invitations) + " invitations");
    }
    return out + "</section>";
}

// The interval of an NPS statistic, when it has one.
std::optional<double> ci_low(const score_statistics& stats) {
    return stats.nps ? std::optional(stats.nps->ci_low) : std::nullopt;
}
std::optional<double> ci_high(const score_statistics& stats) {
    return stats.nps ? std::optional(stats.nps->ci_high) : std::nullopt;
}

std::string trend_figures(const score_report& scores, const scored_question& headline, const measure& m) {
    if (!headline.buckets || headline.buckets->empty() || !scores.bucket_interval) return "";
    const auto& buckets = *headline.buckets;
    const std::string interval(to_string(*scores.bucket_interval));
    std::vector<trend_point> points;
    std::vector<std::vector<std::string>> rows, band_rows;
    std::vector<std::pair<std::string, std::vector<double>>> stacks;
    std::optional<std::pair<double, std::string>> lowest, highest;
    for (const auto& bucket : buckets) {
        const auto start = format_day(bucket.start);
        const auto& stats = bucket.scores.statistics;
        trend_point p{start.substr(5), m.of(stats), ci_low(stats), ci_high(stats), bucket.scores.small_sample()};
        if (p.value) {
            if (!lowest || *p.value < lowest->first) lowest = std::pair{*p.value, start};
            if (!highest || *p.value > highest->first) highest = std::pair{*p.value, start};
        }
        rows.push_back({start, count_text(stats.n), p.value ? number(*p.value) : "",
                        p.low ? number(*p.low) : "", p.high ? number(*p.high) : ""});
        auto shares = band_shares(m.type, bucket.scores.distribution);
        std::vector<std::string> band_row{start};
        for (double s : shares) band_row.push_back(number(s));
        band_rows.push_back(std::move(band_row));
        stacks.emplace_back(start.substr(5), std::move(shares));
        points.push_back(std::move(p));
    }
    const bool nps = m.type == surveys::question_type::nps;
    std::string description = m.name + " per " + interval + " from " + format_day(buckets.front().start) + " to " +
                              format_day(buckets.back().start);
    if (lowest && highest)
        description += fmt::format(": lowest {} ({} of {}), highest {} ({} of {}).", number(lowest->first), interval,
                                   lowest->second, number(highest->first), interval, highest->second);
    if (nps) description += " The shaded band is the 95 % confidence interval; hollow points rest on fewer than 30 answers.";
    std::string out = figure(m.name + " trend", "Per " + interval + (nps ? ", with its 95 % confidence interval" : ""),
                             trend_chart({m.name + " per " + interval, description, interval + " starting", m.name}, points, m.range),
                             data_table({interval, "answers", m.name, "interval low", "interval high"}, rows));

    std::vector<stack_part> parts;
    std::vector<std::string> headers{interval};
    const auto names = surveys::band_names(m.type);
    for (std::size_t k = 0; k < names.size(); ++k) {
        parts.push_back({band_label(names[k]), band_colors[std::min<std::size_t>(k, 2)]});
        headers.push_back(band_label(names[k]) + " %");
    }
    std::string stack_description = "Share of ";
    for (std::size_t k = 0; k < parts.size(); ++k)
        stack_description += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k].name;
    stack_description += " per " + interval;
    if (!stacks.empty()) {
        stack_description += "; in the latest " + interval;
        for (std::size_t k = 0; k < parts.size(); ++k)
            stack_description += fmt::format("{} {} % {}", k == 0 ? "" : ",", number(stacks.back().second[k]), parts[k].name);
    }
    stack_description += ".";
    out += figure(parts.empty() ? "Bands" : parts.back().name + ", " + parts[parts.size() / 2].name + " and " + parts.front().name,
                  "Share of answers per " + interval,
                  stacked_bar_chart({"Answer bands per " + interval, stack_description, interval + " starting", "% of answers"},
                                    parts, stacks),
                  data_table(headers, band_rows));
    return out;
}

std::string distribution_figure(const scored_question& headline, const measure& m) {
    const auto& distribution = headline.scores.distribution;
    const int low = m.type == surveys::question_type::nps ? 0 : 1;
    const int high = m.type == surveys::question_type::nps ? 10 : m.type == surveys::question_type::csat ? 5 : 7;
    std::vector<column> columns;
    std::vector<std::vector<std::string>> rows;
    std::pair<std::int64_t, int> most{-1, 0};
    for (int score = low; score <= high; ++score) {
        const auto found = distribution.find(score);
        const auto n = found == distribution.end() ? 0 : found->second;
        const auto polarity = surveys::score_polarity(m.type, score);
        columns.push_back({std::to_string(score), static_cast<double>(n), band_colors[static_cast<std::size_t>(polarity + 1)]});
        rows.push_back({std::to_string(score), count_text(n)});
        if (n > most.first) most = {n, score};
    }
    const auto description = fmt::format("Number of answers per score from {} to {}; the most common score is {} ({} answers).",
                                         low, high, most.second, count_text(most.first));
    return figure("Score distribution", "Answers per score, coloured by band",
                  column_chart({"Answers per score", description, "score", "answers"}, columns), data_table({"score", "answers"}, rows));
}

std::string segment_figure(const score_report& scores, const scored_question& headline, const measure& m) {
    if (!headline.segments || headline.segments->empty()) return "";
    const auto segment = scores.segment.value_or("");
    std::vector<bar_row> bars;
    std::vector<std::vector<std::string>> rows;
    std::string description = m.name + " per " + segment + ":";
    for (const auto& s : *headline.segments) {
        const std::string label = s.value.value_or("(none)");
        const auto& stats = s.scores.statistics;
        const auto measured = m.of(stats);
        if (!measured) continue;
        std::string note = "n=" + count_text(stats.n);
        const auto& versus = s.versus_rest;
        if (versus && versus->significant)
            note += fmt::format(" · {}{} vs rest", versus->delta > 0 ? "+" : "", number(versus->delta));
        bars.push_back({label, *measured, ci_low(stats), ci_high(stats), "#1f5fbf", note});
        rows.push_back({label, count_text(stats.n), number(*measured), versus ? number(versus->delta) : "",
                        versus ? (versus->significant ? "yes" : "no") : ""});
        description += fmt::format(" {} {} (n={});", label, number(*measured), count_text(stats.n));
        if (bars.size() == 12) break;
    }
    if (bars.empty()) return "";
    description.back() = '.';
    return figure(m.name + " by " + segment, "Each " + segment + " with its 95 % interval and, where significant, its difference from the rest",
                  bar_chart({m.name + " by " + segment, description, m.name, segment}, bars, m.range),
                  data_table({segment, "answers", m.name, "versus rest", "significant"}, rows));
}

// The text question the page shows: the first with analysed comments.
const json::object* text_question_of(const json::object* text) {
    if (!text) return nullptr;
    const auto* questions = text->if_contains("questions");
    if (!questions || !questions->is_array()) return nullptr;
    for (const auto& q : questions->get_array())
        if (q.is_object() && int_at(q.get_object(), {"analysed"}) > 0) return &q.get_object();
    return nullptr;
}

std::string theme_figure(const json::object& question) {
    const auto* themes = question.if_contains("themes");
    if (!themes || !themes->is_array()) return "";
    std::vector<const json::object*> mentioned;
    for (const auto& t : themes->get_array())
        if (t.is_object() && int_at(t.get_object(), {"mentions"}) > 0) mentioned.push_back(&t.get_object());
    if (mentioned.empty()) return "";
    std::ranges::stable_sort(mentioned, std::greater<>{}, [](const json::object* t) { return int_at(*t, {"mentions"}); });
    if (mentioned.size() > 10) mentioned.resize(10);
    double most = 0;
    for (const auto* t : mentioned) most = std::max(most, static_cast<double>(int_at(*t, {"mentions"})));
    std::vector<bar_row> bars;
    std::vector<std::vector<std::string>> rows;
    std::string description = "Themes by number of mentions, coloured from red (negative) to green (positive) by mean sentiment:";
    for (const auto* t : mentioned) {
        const auto name = text_at(*t, "name").empty() ? text_at(*t, "id") : text_at(*t, "name");
        const auto mentions = int_at(*t, {"mentions"});
        const auto sentiment = number_at(*t, {"sentiment", "mean"}).value_or(0);
        const auto score = number_at(*t, {"score", "nps", "score"});
        std::string note = fmt::format("{} · {}{}", count_text(mentions), sentiment > 0 ? "+" : "", number(sentiment, 2));
        bars.push_back({name, static_cast<double>(mentions), std::nullopt, std::nullopt, sentiment_color(sentiment), note});
        rows.push_back({name, count_text(mentions), number(number_at(*t, {"share"}).value_or(0)), number(sentiment, 2),
                        score ? number(*score) : ""});
        description += fmt::format(" {} {} mentions (sentiment {});", name, count_text(mentions), number(sentiment, 2));
    }
    description.back() = '.';
    return figure("Themes", "Mentions in comments and their mean sentiment (−1 to +1), which colours the bar from red to green",
                  bar_chart({"Themes by mentions and sentiment", description, "mentions", "theme"}, bars, {0, std::ceil(most * 1.5 / 10) * 10}),
                  data_table({"theme", "mentions", "% of commenters", "sentiment", "NPS of mentioners"}, rows));
}

std::string drivers_panel(const json::object& question) {
    const auto* drivers = question.if_contains("drivers");
    if (!drivers || !drivers->is_object()) return "";
    const auto& d = drivers->get_object();
    const auto* themes = d.if_contains("themes");
    if (!themes || !themes->is_array() || themes->get_array().empty()) return "";
    const auto low = text_at(d, "low_band"), high = text_at(d, "high_band");
    const bool people = names_people(low);
    const auto low_band = people ? low + "s" : low, high_band = people ? high + "s" : high + " answers";
    std::string out = fmt::format(
        R"(<section class="panel"><h2>What separates {} from {}</h2><p class="sub">{}</p><div class="table"><table><thead><tr>)"
        R"(<th>theme</th><th class="num">% of {} comments</th><th class="num">% of {} comments</th><th class="num">z</th><th>leans</th></tr></thead><tbody>)",
        html_escape(low_band), html_escape(high_band), html_escape(text_at(d, "statistic")),
        html_escape(text_at(d, "low_band")), html_escape(text_at(d, "high_band")));
    for (const auto& item : themes->get_array()) {
        const auto& t = item.as_object();
        const auto* leans = t.if_contains("leans");
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>)",
                           html_escape(text_at(t, "name")), number(number_at(t, {"low_share"}).value_or(0)),
                           number(number_at(t, {"high_share"}).value_or(0)), number(number_at(t, {"z"}).value_or(0), 2),
                           leans && leans->is_string() ? html_escape(std::string(leans->get_string())) : "not significant");
    }
    return out + "</tbody></table></div></section>";
}

std::string quotes(const json::value* list, const char* css, std::string_view heading) {
    std::string out = fmt::format("<div><h3>{}</h3>", html_escape(heading));
    if (!list || !list->is_array() || list->get_array().empty()) return out + R"(<p class="empty">None yet.</p></div>)";
    for (const auto& item : list->get_array()) {
        const auto& v = item.as_object();
        const auto* score = v.if_contains("score");
        std::string meta = text_at(v, "language");
        if (score && score->is_number()) meta += " · score " + std::to_string(score->to_number<std::int64_t>());
        if (auto s = number_at(v, {"sentiment"})) meta += " · sentiment " + number(*s, 2);
        out += fmt::format(R"(<blockquote class="{}">{}<span class="meta">{}</span></blockquote>)", css,
                           html_escape(text_at(v, "text")), html_escape(meta));
    }
    return out + "</div>";
}

std::string verbatims_panel(const json::object& question, const std::string& asked) {
    const auto* verbatims = question.if_contains("verbatims");
    if (!verbatims || !verbatims->is_object()) return "";
    return fmt::format(R"(<section class="panel"><h2>Verbatims</h2><p class="sub">{}</p><div class="quotes">{}{}</div></section>)",
                       html_escape(asked), quotes(verbatims->get_object().if_contains("negative"), "neg", "Most critical"),
                       quotes(verbatims->get_object().if_contains("positive"), "pos", "Most positive"));
}

std::string rates_panel(const score_report& scores) {
    if (!scores.rates) return "";
    const auto& campaigns = scores.rates->by_campaign;
    if (campaigns.empty())
        return R"(<section class="panel"><h2>Response rates</h2><p class="empty">No invitations in this period.</p></section>)";
    std::string out = R"(<section class="panel"><h2>Response rates</h2><div class="table"><table><thead><tr><th>campaign</th>)"
                      R"(<th class="num">invitations</th><th class="num">opened</th><th class="num">responded</th><th class="num">completed</th>)"
                      R"(<th class="num">response rate</th></tr></thead><tbody>)";
    auto rate_cell = [](const std::optional<double>& rate) { return rate ? number(*rate) + " %" : std::string("–"); };
    for (const auto& row : campaigns) {
        const auto& f = row.figures;
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
                           row.campaign ? html_escape(*row.campaign) : "(no campaign)", count_text(f.invitations),
                           f.opened ? count_text(*f.opened) + " (" + rate_cell(f.open_rate) + ")" : "–",
                           count_text(f.responded), count_text(f.completed), rate_cell(f.response_rate));
    }
    return out + "</tbody></table></div></section>";
}

} // namespace

std::string render_report_page(const report_page_input& input) {
    static const score_report empty;
    const auto& scores = input.scores ? *input.scores : empty;
    const auto* headline = headline_of(scores);
    const auto* text_question = text_question_of(input.text);
    std::string body = fmt::format(R"(<header><h1>{}</h1><p class="sub">{}</p></header>)", html_escape(input.survey_name),
                                   html_escape(period_text(scores)));
    body += kpis(scores, headline, text_question);
    std::string charts;
    if (headline && headline->scores.statistics.n > 0) {
        const auto m = measure_for(headline->type);
        charts += trend_figures(scores, *headline, m);
        charts += distribution_figure(*headline, m);
        charts += segment_figure(scores, *headline, m);
    }
    if (text_question) charts += theme_figure(*text_question);
    if (charts.empty()) body += R"(<section class="panel"><p class="empty">No answers in this period yet.</p></section>)";
    else body += R"(<div class="grid">)" + charts + "</div>";
    if (text_question) {
        const auto id = text_at(*text_question, "id");
        const auto asked = input.question_texts.contains(id) ? input.question_texts.at(id) : id;
        body += drivers_panel(*text_question);
        body += verbatims_panel(*text_question, asked);
    }
    body += rates_panel(scores);
    body += fmt::format(R"(<footer>Generated {} by Touchpoint · the same data as JSON, with an admin key: <code>GET {}</code></footer>)",
                        html_escape(input.generated_at), html_escape(input.data_link));
    return fmt::format(R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{} · report</title><style>{}</style></head>
<body><main>{}</main></body></html>
)",
                       html_escape(input.survey_name), style, body);
}

} // namespace touchpoint::reports::html
