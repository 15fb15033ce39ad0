// The text analysis on hand-written, labelled survey comments shipped with the
// tests (tests/fixtures/text/labelled_*.tsv), per language.
#include "reports/text/language.hpp"
#include "reports/text/lemmatizer.hpp"
#include "reports/text/lexicons.hpp"
#include "reports/text/stemmer.hpp"
#include "reports/text/term_weights.hpp"
#include "reports/text/text_analyzer.hpp"
#include "reports/text/tokenizer.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include "tests/support/labelled_comments.hpp"


using namespace touchpoint::reports::text;

namespace {

std::vector<touchpoint::testing::labelled_comment> read_fixture(const std::string& language) {
    return touchpoint::testing::read_labelled_comments(std::string(TOUCHPOINT_FIXTURES) + "/text/labelled_" + language + ".tsv");
}

} // namespace

TEST(text_tokens, words_are_folded_and_french_elisions_split) {
    const auto tokens = tokenize("L'équipe N’EST pas contente, mais bon.", "fr");
    std::vector<std::string> words;
    for (const auto& t : tokens)
        if (t.type == token::kind::word) words.push_back(t.text);
    EXPECT_EQ(words, (std::vector<std::string>{"l'", "équipe", "n'", "est", "pas", "contente", "mais", "bon"}));
    EXPECT_EQ(fold_plain("Déçu"), "decu");
    EXPECT_EQ(tokens[1].plain, "equipe");
}

TEST(text_tokens, snowball_stems_merge_inflections) {
    EXPECT_EQ(stem("invoices", "en"), stem("invoice", "en"));
    EXPECT_EQ(stem("factures", "fr"), stem("facture", "fr"));
    EXPECT_EQ(stem("facturen", "nl"), stem("factuur", "nl"));
    EXPECT_EQ(stem("rapporten", "nl"), "rapport");
    EXPECT_EQ(stem("word", "de"), "word") << "languages without a stemmer keep their words";
}

TEST(text_tokens, hunspell_gives_the_dictionary_forms_of_inflected_words) {
    for (const char* language : {"en", "fr", "nl"})
        ASSERT_TRUE(has_dictionary(language)) << "no Hunspell dictionary for " << language << " in "
                                              << dictionary_directory() << ": run scripts/install-deps";
    auto has = [](const std::vector<std::string>& forms, const std::string& form) {
        return std::find(forms.begin(), forms.end(), form) != forms.end();
    };
    EXPECT_TRUE(has(lemmas("échouent", "fr"), "échouer"));
    EXPECT_TRUE(has(lemmas("décevantes", "fr"), "décevant"));
    EXPECT_TRUE(has(lemmas("waardeloze", "nl"), "waardeloos"));
    EXPECT_TRUE(has(lemmas("crashes", "en"), "crash"));
    EXPECT_TRUE(lemmas("échouer", "fr").empty()) << "a dictionary form has nothing further";
    EXPECT_TRUE(lemmas("xqzvw", "fr").empty());
    EXPECT_FALSE(has_dictionary("de"));
    EXPECT_TRUE(lemmas("échouent", "de").empty()) << "no dictionary for German";
    EXPECT_TRUE(lemmas(std::string(500, 'a'), "en").empty());

    // Many threads at once get what one thread gets: Hunspell itself is not thread-safe.
    const std::vector<std::pair<std::string, std::string>> words = {
        {"échouent", "fr"}, {"plantes", "fr"}, {"trage", "nl"}, {"teleurstellende", "nl"}, {"failures", "en"}};
    std::vector<std::vector<std::string>> alone;
    for (const auto& [word, language] : words) alone.push_back(lemmas(word, language));
    std::vector<int> differing(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round)
                for (std::size_t i = 0; i < words.size(); ++i)
                    if (lemmas(words[i].first, words[i].second) != alone[i]) ++differing[static_cast<std::size_t>(t)];
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(differing, std::vector<int>(4, 0));
}

TEST(text_language, english_french_dutch_and_others) {
    EXPECT_EQ(detect_language("The support team answered quickly and solved the problem with our invoices.", ""), "en");
    EXPECT_EQ(detect_language("Le service client a répondu rapidement et a résolu le problème de facturation.", ""), "fr");
    EXPECT_EQ(detect_language("De klantenservice reageerde snel en loste het probleem met de facturen op.", ""), "nl");
    EXPECT_EQ(detect_language("Der Kundendienst hat schnell geantwortet und das Problem gelöst.", ""), "de");
    // Too short for CLD2 alone: stop words and the respondent's locale decide.
    EXPECT_EQ(detect_language("c'est trop lent", "fr"), "fr");
    EXPECT_EQ(detect_language("veel te duur", "nl"), "nl");
    EXPECT_EQ(detect_language("!!!", ""), "und");
}

TEST(text_sentiment, negation_intensifiers_and_contrast) {
    text_analyzer analyzer;
    auto label = [&](const char* text, const char* locale) {
        return std::string(to_string(analyzer.analyse(text, locale).feeling.label));
    };
    EXPECT_EQ(label("The product is good.", "en"), "positive");
    EXPECT_EQ(label("The product is not good.", "en"), "negative");
    EXPECT_EQ(label("Not bad at all.", "en"), "positive");
    EXPECT_EQ(label("Great product but support is slow and useless.", "en"), "mixed");
    EXPECT_EQ(label("Niet slecht, het werkt.", "nl"), "positive");
    const double plain = analyzer.analyse("The support is good.", "en").feeling.score;
    const double strong = analyzer.analyse("The support is very good.", "en").feeling.score;
    EXPECT_GT(strong, plain) << "an intensifier strengthens";
}

TEST(text_sentiment, inflected_words_are_rated_by_their_dictionary_form) {
    text_analyzer analyzer;
    auto label = [&](const char* text, const char* locale) {
        return std::string(to_string(analyzer.analyse(text, locale).feeling.label));
    };
    // No lexicon rates these forms, nor their Snowball stems; they rate the dictionary forms.
    const auto& french = tables_for("fr")->valences;
    ASSERT_FALSE(french.count("echouent") || french.count(stem("échouent", "fr")));
    ASSERT_TRUE(french.count("echouer"));
    EXPECT_EQ(label("Les exports échouent.", "fr"), "negative");
    const auto& dutch = tables_for("nl")->valences;
    ASSERT_FALSE(dutch.count("waardeloze") || dutch.count(stem("waardeloze", "nl")));
    EXPECT_EQ(label("Waardeloze klantenservice.", "nl"), "negative");
    // Stop words are not: "slechts" (only) shares its stem with "slecht" (bad).
    ASSERT_TRUE(dutch.count("slecht"));
    EXPECT_EQ(label("Het waren slechts twee vragen.", "nl"), "neutral");
}

TEST(text_sentiment, translated_lexicons_rate_no_stop_words) {
    // Machine translation of AFINN turned "like" into French "comme" and Dutch
    // "als": as the function words they are, they carry no opinion.
    const auto& french = tables_for("fr")->valences;
    const auto& dutch = tables_for("nl")->valences;
    EXPECT_FALSE(french.count("comme"));
    EXPECT_FALSE(dutch.count("als"));
    EXPECT_TRUE(french.count("bon")) << "Pattern's own ratings of stop words stay";
    EXPECT_TRUE(french.count("penible")) << "the translated tables still rate other words";
    text_analyzer analyzer;
    EXPECT_EQ(std::string(to_string(analyzer.analyse("Trop cher pour une petite équipe comme la nôtre.", "fr").feeling.label)),
              "negative");
}

TEST(text_sentiment, too_much_of_anything_is_a_complaint) {
    text_analyzer analyzer;
    auto label = [&](const char* text, const char* locale) {
        return std::string(to_string(analyzer.analyse(text, locale).feeling.label));
    };
    EXPECT_EQ(label("It crashes too often.", "en"), "negative") << "an unrated word after too";
    EXPECT_EQ(label("Too many clicks.", "en"), "negative") << "a quantity passes the excess on";
    EXPECT_EQ(label("Trop de bugs.", "fr"), "negative");
    EXPECT_EQ(label("C'est trop cher.", "fr"), "negative") << "even a word Pattern rates positive (cher: dear)";
    EXPECT_EQ(label("Het crasht te vaak.", "nl"), "negative");
    EXPECT_EQ(label("Not too bad.", "en"), "positive") << "negation still turns it";
    EXPECT_EQ(label("Makkelijk te gebruiken.", "nl"), "positive") << "te before an infinitive is no excess";
    EXPECT_EQ(label("Great, I like it too.", "en"), "positive") << "too at the end means also";
}

TEST(text_themes, keywords_match_on_stems_across_languages) {
    text_analyzer analyzer;
    EXPECT_EQ(analyzer.analyse("Our invoices were charged twice.", "en").themes, (std::vector<std::string>{"billing"}));
    EXPECT_EQ(analyzer.analyse("Les factures sont fausses et c'est trop cher.", "fr").themes,
              (std::vector<std::string>{"pricing", "billing"}));
    EXPECT_EQ(analyzer.analyse("De klantenservice is traag.", "nl").themes,
              (std::vector<std::string>{"support", "performance"}));
    std::vector<std::string> errors;
    theme_taxonomy::parse(boost::json::parse(R"({"themes":[{"id":"","keywords":{}}]})"), &errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "themes[0].id: must be a non-empty text");
    errors.clear();
    const auto twice = theme_taxonomy::parse(
        boost::json::parse(R"({"themes":[{"id":"speed","keywords":{"en":["slow"]}},{"id":"speed","keywords":{}}]})"),
        &errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "themes[1].id: \"speed\" is used by an earlier theme");
    EXPECT_EQ(twice.index_of("speed"), 0u);
    EXPECT_FALSE(twice.index_of("pricing"));
}

TEST(text_phrases, runs_of_content_words_merged_across_inflections) {
    text_analyzer analyzer;
    auto stems_of = [&](const char* text, const char* locale) {
        std::vector<std::string> out;
        for (const auto& phrase : analyzer.analyse(text, locale).phrases) out.push_back(phrase.stems);
        return out;
    };
    // Stop words and punctuation cut runs; one phrase counts once per comment.
    EXPECT_EQ(stems_of("The mobile app crashes, the mobile app is slow.", "en"),
              (std::vector<std::string>{"mobil app crash", "mobil app", "slow"}));
    EXPECT_EQ(stems_of("Slow invoices", "en"), stems_of("slow invoice", "en")) << "inflections merge";
    const auto french = analyzer.analyse("L'équipe support très réactive", "fr").phrases;
    ASSERT_EQ(french.size(), 2u) << "the elided article and the intensifier are no content";
    EXPECT_EQ(french[0].words, "équipe support");
    EXPECT_EQ(french[1].words, "réactive");
    EXPECT_TRUE(stems_of("It is very, very", "en").empty());
}

TEST(text_weights, log_odds_with_an_informative_prior_matches_a_hand_computation) {
    // 30 of 100 in a, 10 of 100 in b, prior 5 of 50: a = 35, rest 115; b = 15, rest 135.
    // delta = ln(35/115) - ln(15/135) = 1.00764; z = delta / sqrt(1/35 + 1/15) = 3.26513.
    const auto odds = informative_log_odds(30, 100, 10, 100, 5, 50);
    EXPECT_NEAR(odds.delta, 1.00764, 1e-5);
    EXPECT_NEAR(odds.z, 3.26513, 1e-5);
}

TEST(text_weights, domain_words_learned_from_scored_comments_override_the_lexicon) {
    // "traag" is in no Dutch lexicon and Pattern's French "cher" reads "dear":
    // scored comments teach both, and "pas terrible" as a negated feature.
    std::vector<scored_comment> comments;
    auto add = [&](const char* text, const char* language, int polarity, int times) {
        for (int i = 0; i < times; ++i)
            comments.push_back({analyse_words(tokenize(text, language), language), polarity});
    };
    add("de app is traag", "nl", -1, 12);
    add("de app is fijn", "nl", +1, 12);
    const auto dutch = learn_weights("nl", comments);
    ASSERT_TRUE(dutch.count("trag")) << "learned by stem";
    EXPECT_LT(dutch.at("trag"), -0.5f);
    EXPECT_FALSE(dutch.count("app")) << "a word both sides use leans nowhere";
    comments.clear();
    add("trop cher", "fr", -1, 10);
    add("pas terrible", "fr", -1, 10);
    add("excellent outil", "fr", +1, 20);
    const auto french = learn_weights("fr", comments);
    ASSERT_TRUE(french.count("not:terribl"));
    EXPECT_LT(french.at("not:terribl"), 0.0f);

    text_analyzer analyzer;
    EXPECT_EQ(analyzer.analyse("C'est cher.", "fr").feeling.label, sentiment_label::positive) << "cher = dear";
    analyzer.set_learned("nl", dutch);
    analyzer.set_learned("fr", french);
    EXPECT_EQ(analyzer.analyse("De support is traag.", "nl").feeling.label, sentiment_label::negative);
    EXPECT_EQ(analyzer.analyse("C'est cher.", "fr").feeling.label, sentiment_label::negative);
    EXPECT_EQ(analyzer.analyse("Pas terrible.", "fr").feeling.label, sentiment_label::negative);
    EXPECT_TRUE(learn_weights("en", {}).empty()) << "nothing to learn from no comments";
    // Stop words lean with the topics of a workspace's comments, not with feeling.
    comments.clear();
    add("we are not happy with it", "en", -1, 12);
    add("the tool is excellent", "en", +1, 12);
    const auto english = learn_weights("en", comments);
    EXPECT_FALSE(english.count("we")) << "a stop word is never learned";
    EXPECT_FALSE(english.count("the"));
    EXPECT_TRUE(english.count("excel")) << "a content word is";
    // A topic word that leans only a little is not learned, however many comments
    // make the lean significant: "team" in 300 of 500 positive and 200 of 500 negative
    // comments (log-odds ln(300/700) - ln(200/800) = 0.54 over the words of each side).
    comments.clear();
    add("the team is fast", "en", +1, 300);
    add("the app is fast", "en", +1, 200);
    add("the team is slow", "en", -1, 200);
    add("the app is slow", "en", -1, 300);
    const auto topical = learn_weights("en", comments);
    EXPECT_FALSE(topical.count("team")) << "a slight lean is a topic, not a feeling";
    EXPECT_TRUE(topical.count("slow"));
}

// Each language's fixture scored by the lexicons and rules alone, on the four
// labels. The goal is 3 in 4 for every language; English reaches it, French and
// Dutch do not yet (docs/text-analysis.md): their floors here keep them from
// getting worse until domain words learned from scored comments lift them.
class labelled_accuracy : public ::testing::TestWithParam<std::pair<std::string, double>> {};

TEST_P(labelled_accuracy, labels_at_least_the_recorded_share_right) {
    const auto [language, floor] = GetParam();
    const auto fixture = read_fixture(language);
    ASSERT_GE(fixture.size(), 20u);
    text_analyzer analyzer;
    int right = 0;
    std::string misses;
    for (const auto& item : fixture) {
        const auto analysis = analyzer.analyse(item.text, language);
        EXPECT_EQ(analysis.language, language) << item.text;
        if (to_string(analysis.feeling.label) == item.label) ++right;
        else misses += "\n  " + item.label + " -> " + std::string(to_string(analysis.feeling.label)) + ": " + item.text;
    }
    const double accuracy = static_cast<double>(right) / static_cast<double>(fixture.size());
    EXPECT_GE(accuracy, floor) << language << " " << right << "/" << fixture.size() << misses;
}

INSTANTIATE_TEST_SUITE_P(languages, labelled_accuracy,
                         ::testing::Values(std::pair<std::string, double>{"en", 0.87},
                                           std::pair<std::string, double>{"fr", 0.70},
                                           std::pair<std::string, double>{"nl", 0.70}));
