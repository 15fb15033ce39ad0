#include "reports/text_report.hpp"

#include "reports/rounding.hpp"
#include "reports/score_report.hpp"
#include "reports/text/stored_analysis.hpp"
#include "reports/text/term_weights.hpp"
#include "surveys/score_band.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <unordered_map>

namespace touchpoint::reports {
namespace json = boost::json;

namespace {

constexpr std::size_t verbatim_max_bytes = 1000;
// The driver statistic's prior: pseudo-comments worth this share of the
// compared comments, spread by each theme's overall rate.
constexpr double driver_prior_share = 0.1;
constexpr double significant_z = 1.96;

double percent(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : round2(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// Cut at a character boundary: a verbatim is shown, not a whole essay.
std::string shortened(const std::string& text) {
    if (text.size() <= verbatim_max_bytes) return text;
    std::size_t cut = verbatim_max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

struct verbatim {
    double sentiment = 0;
    std::string response_id;
    std::string text;
    std::string language;
    std::optional<std::int64_t> score;
};

// The k most negative and k most positive comments seen.
class extremes {
public:
    void offer(const text_row& row, std::size_t k) {
        if (row.sentiment < 0) keep(lowest_, row, k, [](double a, double b) { return a < b; });
        else if (row.sentiment > 0) keep(highest_, row, k, [](double a, double b) { return a > b; });
    }
    json::object to_json() const { return {{"negative", list(lowest_)}, {"positive", list(highest_)}}; }

private:
    template <class Better>
    static void keep(std::vector<verbatim>& kept, const text_row& row, std::size_t k, Better better) {
        if (k == 0) return;
        if (kept.size() == k && !better(row.sentiment, kept.back().sentiment)) return;
        verbatim v{row.sentiment, row.response_id, shortened(row.text), row.language, row.score};
        const auto at = std::find_if(kept.begin(), kept.end(), [&](const verbatim& x) { return better(v.sentiment, x.sentiment); });
        kept.insert(at, std::move(v));
        if (kept.size() > k) kept.pop_back();
    }
    static json::array list(const std::vector<verbatim>& kept) {
        json::array out;
        for (const auto& v : kept)
            out.push_back(json::object{{"response_id", v.response_id},
                                       {"text", v.text},
                                       {"language", v.language},
                                       {"sentiment", round3(v.sentiment)},
                                       {"score", v.score ? json::value(*v.score) : json::value(nullptr)}});
        return out;
    }
    std::vector<verbatim> lowest_, highest_;
};

// Counts of the four sentiment labels and the sum of scores.
struct feelings {
    std::int64_t positive = 0, negative = 0, neutral = 0, mixed = 0;
    double sum = 0;
    void add(const std::string& label, double score) {
        sum += score;
        if (label == "positive") ++positive;
        else if (label == "negative") ++negative;
        else if (label == "mixed") ++mixed;
        else ++neutral;
    }
    std::int64_t n() const { return positive + negative + neutral + mixed; }
    json::object to_json() const {
        return {{"mean", n() ? json::value(round3(sum / static_cast<double>(n()))) : json::value(nullptr)},
                {"positive", positive}, {"negative", negative}, {"neutral", neutral}, {"mixed", mixed},
                {"positive_share", percent(positive, n())}, {"negative_share", percent(negative, n())}};
    }
};

struct theme_totals {
    std::int64_t mentions = 0;
    feelings feeling;
    score_distribution scores;
    std::int64_t low = 0, high = 0; // mentions by comments in the worst and the best band
    extremes verbatims;
};

struct phrase_totals {
    std::int64_t mentions = 0;
    double sentiment = 0;
    std::string words; // as first written
};

} // namespace

struct text_report_builder::question_totals {
    std::int64_t comments = 0, analysed = 0, pending = 0;
    std::map<std::string, std::int64_t> languages;
    feelings feeling;
    std::int64_t low_comments = 0, high_comments = 0;
    std::vector<theme_totals> themes;
    std::unordered_map<std::string, phrase_totals> phrases; // language + '\t' + stems
    extremes verbatims;
};

text_report_builder::text_report_builder(std::shared_ptr<const text::theme_taxonomy> taxonomy,
                                         std::optional<headline> scored_by, std::vector<std::string> question_ids,
                                         text_report_options options)
    : taxonomy_(std::move(taxonomy)), headline_(std::move(scored_by)), options_(options), order_(std::move(question_ids)) {
    for (const auto& id : order_) {
        auto totals = std::make_unique<question_totals>();
        totals->themes.resize(taxonomy_->themes().size());
        questions_.emplace(id, std::move(totals));
    }
}

text_report_builder::~text_report_builder() = default;

void text_report_builder::add(const text_row& row) {
    auto found = questions_.find(row.question_id);
    if (found == questions_.end()) {
        // A question of an earlier version of the survey.
        auto totals = std::make_unique<question_totals>();
        totals->themes.resize(taxonomy_->themes().size());
        found = questions_.emplace(row.question_id, std::move(totals)).first;
        order_.push_back(row.question_id);
    }
    auto& q = *found->second;
    ++q.comments;
    if (!row.analysed) {
        ++q.pending;
        return;
    }
    ++q.analysed;
    ++q.languages[row.language];
    q.feeling.add(row.feeling, row.sentiment);
    q.verbatims.offer(row, options_.verbatims);
    const int polarity = headline_ && row.score ? surveys::score_polarity(headline_->type, *row.score) : 0;
    if (polarity < 0) ++q.low_comments;
    if (polarity > 0) ++q.high_comments;

    text::for_each_stored_theme(row.themes, [&](std::string_view id) {
        const auto index = taxonomy_->index_of(id);
        if (!index) return; // from a taxonomy since edited; the text pass will re-analyse it
        auto& t = q.themes[*index];
        ++t.mentions;
        t.feeling.add(row.feeling, row.sentiment);
        if (row.score) ++t.scores[*row.score];
        if (polarity < 0) ++t.low;
        if (polarity > 0) ++t.high;
        t.verbatims.offer(row, options_.verbatims);
    });

    text::for_each_stored_phrase(row.phrases, [&](std::string_view stems, std::string_view written) {
        std::string key = row.language;
        key += '\t';
        key += stems;
        auto phrase = q.phrases.find(key);
        if (phrase == q.phrases.end()) {
            // Lossy counting: once too many phrases are tracked, forget those
            // seen once; frequent phrases have long passed that mark.
            if (q.phrases.size() >= options_.max_tracked_phrases)
                std::erase_if(q.phrases, [](const auto& entry) { return entry.second.mentions <= 1; });
            phrase = q.phrases.emplace(std::move(key), phrase_totals{0, 0, std::string(written)}).first;
        }
        ++phrase->second.mentions;
        phrase->second.sentiment += row.sentiment;
    });
}

json::object text_report_builder::to_json() const {
    const auto& all_themes = taxonomy_->themes();
    const auto bands = headline_ ? surveys::band_names(headline_->type) : std::span<const std::string_view>{};
    json::array questions;
    for (const auto& id : order_) {
        const auto& q = *questions_.at(id);
        json::object out{{"id", id}, {"comments", q.comments}, {"analysed", q.analysed}, {"pending", q.pending}};
        json::object languages;
        for (const auto& [language, count] : q.languages) languages[language] = count;
        out["languages"] = std::move(languages);
        out["sentiment"] = q.feeling.to_json();

        // Phrases: the most mentioned, each with the theme its stems belong to
        // (null: a topic the taxonomy does not name yet).
        std::vector<std::pair<const std::string*, const phrase_totals*>> ranked;
        for (const auto& [key, totals] : q.phrases)
            if (totals.mentions >= options_.min_phrase_mentions) ranked.emplace_back(&key, &totals);
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.second->mentions != b.second->mentions ? a.second->mentions > b.second->mentions : *a.first < *b.first;
        });
        json::array phrases;
        std::map<std::string, json::array> phrases_by_theme;
        for (const auto& [key, totals] : ranked) {
            const auto tab = key->find('\t');
            const std::string language = key->substr(0, tab), stems = key->substr(tab + 1);
            // The phrase's stems as words, to match them against the keywords.
            std::vector<text::analysed_word> words;
            std::istringstream split(stems);
            for (std::string stem; split >> stem;) {
                text::analysed_word word;
                word.stem = std::move(stem);
                words.push_back(std::move(word));
            }
            const auto matched = taxonomy_->match(words, language);
            json::object phrase{{"phrase", totals->words},
                                {"stems", stems},
                                {"language", language},
                                {"mentions", totals->mentions},
                                {"sentiment", round3(totals->sentiment / static_cast<double>(totals->mentions))},
                                {"theme", matched.empty() ? json::value(nullptr) : json::value(matched.front())}};
            if (!matched.empty() && phrases_by_theme[matched.front()].size() < options_.phrases_per_theme)
                phrases_by_theme[matched.front()].push_back(phrase);
            if (phrases.size() < options_.top_phrases) phrases.push_back(std::move(phrase));
        }

        std::vector<std::size_t> mentioned;
        for (std::size_t i = 0; i < q.themes.size(); ++i)
            if (q.themes[i].mentions > 0) mentioned.push_back(i);
        std::stable_sort(mentioned.begin(), mentioned.end(),
                         [&](std::size_t a, std::size_t b) { return q.themes[a].mentions > q.themes[b].mentions; });
        json::array themes;
        for (const auto i : mentioned) {
            const auto& t = q.themes[i];
            json::object theme{{"id", all_themes[i].id},
                               {"name", all_themes[i].name},
                               {"mentions", t.mentions},
                               {"share", percent(t.mentions, q.analysed)},
                               {"sentiment", t.feeling.to_json()}};
            if (headline_) {
                auto scores = statistics_to_json(compute_statistics(headline_->type, t.scores));
                scores["question_id"] = headline_->id;
                theme["score"] = std::move(scores);
            }
            theme["verbatims"] = t.verbatims.to_json();
            auto by_theme = phrases_by_theme.find(all_themes[i].id);
            theme["phrases"] = by_theme == phrases_by_theme.end() ? json::array() : by_theme->second;
            themes.push_back(std::move(theme));
        }
        out["themes"] = std::move(themes);

        if (headline_ && !bands.empty()) {
            // Which themes the worst band mentions more than the best: the
            // log-odds of mentioning, with an informative prior, and its z.
            const double compared = static_cast<double>(q.low_comments + q.high_comments);
            json::array drivers;
            std::vector<std::pair<double, json::object>> rows;
            for (std::size_t i = 0; i < q.themes.size(); ++i) {
                const auto& t = q.themes[i];
                if (t.low + t.high == 0 || q.low_comments == 0 || q.high_comments == 0) continue;
                const double prior_total = driver_prior_share * compared;
                const double prior_term = prior_total * static_cast<double>(t.low + t.high) / compared;
                const auto odds = text::informative_log_odds(static_cast<double>(t.low), static_cast<double>(q.low_comments),
                                                             static_cast<double>(t.high), static_cast<double>(q.high_comments),
                                                             prior_term, prior_total);
                const bool significant = std::fabs(odds.z) >= significant_z;
                rows.emplace_back(odds.z, json::object{{"theme", all_themes[i].id},
                                                       {"name", all_themes[i].name},
                                                       {"low_mentions", t.low},
                                                       {"high_mentions", t.high},
                                                       {"low_share", percent(t.low, q.low_comments)},
                                                       {"high_share", percent(t.high, q.high_comments)},
                                                       {"log_odds", round3(odds.delta)},
                                                       {"z", round2(odds.z)},
                                                       {"significant", significant},
                                                       {"leans", !significant ? json::value(nullptr)
                                                                 : odds.z > 0 ? json::value(bands.front())
                                                                              : json::value(bands.back())}});
            }
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            for (auto& row : rows) drivers.push_back(std::move(row.second));
            out["drivers"] = json::object{
                {"statistic", "log-odds ratio of mentioning the theme, low band versus high band, with an informative "
                              "Dirichlet prior (Monroe, Colaresi and Quinn 2008); |z| >= 1.96 is significant at 5%"},
                {"low_band", bands.front()},
                {"high_band", bands.back()},
                {"low_comments", q.low_comments},
                {"high_comments", q.high_comments},
                {"themes", std::move(drivers)}};
        } else {
            out["drivers"] = nullptr;
        }
        out["phrases"] = std::move(phrases);
        out["verbatims"] = q.verbatims.to_json();
        questions.push_back(std::move(out));
    }
    json::object report{{"questions", std::move(questions)}};
    report["headline"] = headline_ ? json::value(json::object{{"id", headline_->id},
                                                               {"type", surveys::to_string(headline_->type)}})
                                   : json::value(nullptr);
    return report;
}

} // namespace touchpoint::reports
