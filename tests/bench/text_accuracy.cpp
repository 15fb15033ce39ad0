// Sentiment accuracy per language on the hand-written evaluation sets
// (tests/fixtures/text/evaluation_{en,fr,nl}.tsv), with lexicons and rules
// alone, then with domain words learned the way the engine learns them: from
// scored comments only (never the labels), none of them the comment measured.
// The learning corpus is GENERATED seeded comments per language with a realistic
// score mix, plus the other half of the evaluation set with its scores; each
// half is measured in turn (two-fold), so no comment is learned from and
// measured at once.
//
//   build/tests/text_accuracy [--fixtures DIR] [--generated N] [--misses]
//                             [--min-z Z] [--prior-share S] [--min-comments C] [--min-log-odds L]
#include "comment_generator.hpp"
#include "reports/text/term_weights.hpp"
#include "reports/text/text_analyzer.hpp"
#include "tests/support/labelled_comments.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace touchpoint::reports::text;

namespace {

using labelled = touchpoint::testing::labelled_comment;

// NPS bands, as the engine reads a comment's score: detractors negative, promoters positive.
int polarity_of(int score) { return score <= 6 ? -1 : score >= 9 ? 1 : 0; }

struct tally {
    int right = 0, total = 0;
    std::map<std::string, std::map<std::string, int>> confusion; // expected -> got -> count
};

void measure(const text_analyzer& analyzer, const std::vector<labelled>& items, const std::string& language, int fold,
             tally& out, bool show_misses) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (fold >= 0 && static_cast<int>(i % 2) != fold) continue;
        const auto got = std::string(to_string(analyzer.analyse(items[i].text, language).feeling.label));
        ++out.total;
        ++out.confusion[items[i].label][got];
        if (got == items[i].label) ++out.right;
        else if (show_misses) std::printf("  %s: %s -> %s: %s\n", language.c_str(), items[i].label.c_str(), got.c_str(),
                                          items[i].text.c_str());
    }
}

double percent(const tally& t) { return t.total ? 100.0 * t.right / t.total : 0; }

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measures sentiment accuracy per language, with and without learned domain words"};
    std::string fixtures = TOUCHPOINT_FIXTURES;
    int generated = 2000;
    bool show_misses = false;
    learning_options options;
    app.add_option("--min-z", options.min_z, "learn only features whose lean has at least this z");
    app.add_option("--prior-share", options.prior_share, "the informative prior's weight, as a share of the observations");
    app.add_option("--min-comments", options.min_comments, "learn only features seen in at least this many comments");
    app.add_option("--min-log-odds", options.min_log_odds, "learn only features leaning at least this much");
    app.add_option("--fixtures", fixtures, "directory holding text/evaluation_*.tsv");
    app.add_option("--generated", generated, "generated scored comments per language to learn from")->check(CLI::NonNegativeNumber);
    app.add_flag("--misses", show_misses, "print every comment labelled wrong");
    CLI11_PARSE(app, argc, argv);

    std::printf("| language | comments | lexicons and rules | with learned words | learned from |\n|---|---|---|---|---|\n");
    for (const std::string language : {"en", "fr", "nl"}) {
        const auto items = touchpoint::testing::read_labelled_comments(fixtures + "/text/evaluation_" + language + ".tsv");
        if (items.empty()) {
            std::fprintf(stderr, "no comments in %s/text/evaluation_%s.tsv\n", fixtures.c_str(), language.c_str());
            return 1;
        }
        tally plain, learned;
        if (show_misses) std::printf("lexicons and rules alone:\n");
        measure(text_analyzer{}, items, language, -1, plain, show_misses);

        // A realistic NPS mix: mostly promoters, a fifth detractors.
        std::mt19937_64 random(7);
        std::discrete_distribution<int> pick_score({2, 1, 1, 2, 2, 4, 8, 10, 18, 24, 28});
        std::vector<std::pair<std::string, int>> corpus;
        for (int i = 0; i < generated; ++i) {
            const int score = pick_score(random);
            corpus.emplace_back(touchpoint::bench::generate_comment(random, score, language).text, score);
        }
        std::size_t learned_from = 0;
        if (show_misses) std::printf("with learned words:\n");
        for (int fold = 0; fold < 2; ++fold) {
            term_learner learner(language);
            std::size_t used = 0;
            auto learn = [&](const std::string& text, int score) {
                if (polarity_of(score) == 0) return;
                learner.add(analyse_words(tokenize(text, language), language), polarity_of(score));
                ++used;
            };
            for (const auto& [text, score] : corpus) learn(text, score);
            for (std::size_t i = 0; i < items.size(); ++i)
                if (static_cast<int>(i % 2) != fold) learn(items[i].text, items[i].score);
            text_analyzer analyzer;
            analyzer.set_learned(language, learner.weights(options));
            measure(analyzer, items, language, fold, learned, show_misses);
            learned_from = used;
        }
        std::printf("| %s | %d | %d / %d (%.1f %%) | %d / %d (%.1f %%) | %zu scored comments |\n", language.c_str(),
                    plain.total, plain.right, plain.total, percent(plain), learned.right, learned.total, percent(learned),
                    learned_from);
    }
    return 0;
}
