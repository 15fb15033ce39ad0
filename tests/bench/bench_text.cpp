// Text analysis throughput on one thread: every comment of the labelled
// fixtures (en, fr, nl), cycled until COUNT comments have been analysed, with
// language detection, words, stems, sentiment, themes and key phrases each
// time; or, with --generated, COUNT longer seeded comments (60/25/15 en/fr/nl).
//
//   build/tests/bench_text [--count N] [--fixtures DIR] [--generated]
#include "comment_generator.hpp"
#include "reports/text/text_analyzer.hpp"
#include "tests/support/labelled_comments.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <cstdio>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace touchpoint::reports::text;

int main(int argc, char** argv) {
    CLI::App app{"Times the text analysis of survey comments on one thread"};
    long long count = 100'000;
    std::string fixtures = TOUCHPOINT_FIXTURES;
    app.add_option("--count", count, "comments to analyse")->check(CLI::PositiveNumber);
    app.add_option("--fixtures", fixtures, "directory holding text/labelled_*.tsv");
    bool generated = false;
    app.add_flag("--generated", generated, "analyse seeded generated comments instead of the fixtures");
    CLI11_PARSE(app, argc, argv);

    std::vector<std::pair<std::string, std::string>> comments; // text, locale
    if (generated) {
        std::mt19937_64 random(1);
        std::discrete_distribution<int> pick_locale({60, 25, 15}), pick_score({2, 1, 1, 2, 2, 4, 8, 10, 18, 24, 28});
        const char* const locales[] = {"en", "fr", "nl"};
        // Distinct comments, generated before the clock starts.
        for (long long i = 0; i < std::min<long long>(count, 100'000); ++i) {
            const std::string locale = locales[pick_locale(random)];
            comments.emplace_back(touchpoint::bench::generate_comment(random, pick_score(random), locale).text, locale);
        }
    }
    for (const char* language : {"en", "fr", "nl"}) {
        if (generated) break;
        for (auto& item : touchpoint::testing::read_labelled_comments(fixtures + "/text/labelled_" + language + ".tsv"))
            comments.emplace_back(std::move(item.text), language);
    }
    if (comments.empty()) {
        std::fprintf(stderr, "no comments found under %s/text\n", fixtures.c_str());
        return 1;
    }
    text_analyzer analyzer;
    long long positive = 0, themed = 0, bytes = 0;
    analyzer.analyse(comments[0].first, comments[0].second); // loads the tables once
    const auto start = std::chrono::steady_clock::now();
    for (long long i = 0; i < count; ++i) {
        const auto& [text, locale] = comments[static_cast<std::size_t>(i) % comments.size()];
        const auto analysis = analyzer.analyse(text, locale);
        positive += analysis.feeling.label == sentiment_label::positive;
        themed += !analysis.themes.empty();
        bytes += static_cast<long long>(text.size());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("analysed %lld comments (%zu distinct, mean %.0f bytes) in %.2f s: %.0f comments/s on one thread\n",
                count, comments.size(), static_cast<double>(bytes) / static_cast<double>(count), seconds,
                static_cast<double>(count) / seconds);
    std::printf("positive %lld, with a theme %lld; peak RSS %ld MiB\n", positive, themed, usage.ru_maxrss / 1024);
    return 0;
}
