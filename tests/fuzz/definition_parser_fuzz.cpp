// Fuzzes surveys::parse_definition with any JSON document. Checks: nothing
// throws; every error names a field and says why, in valid UTF-8; a definition
// that parses prints back to JSON that parses to the same definition.
#include "surveys/definition_json.hpp"
#include "surveys/definition_parser.hpp"

#include "fuzz_check.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>

namespace json = boost::json;
namespace surveys = touchpoint::surveys;

namespace {

void check_definition(const surveys::survey_definition& d) {
    FUZZ_CHECK(!d.questions.empty() && d.questions.size() <= surveys::max_questions);
    FUZZ_CHECK(!d.name.empty() && d.name.size() <= surveys::max_name_length);
    FUZZ_CHECK(surveys::is_valid_locale(d.default_locale));
    FUZZ_CHECK(d.offers_locale(d.default_locale));
    std::set<std::string> ids;
    for (std::size_t i = 0; i < d.questions.size(); ++i) {
        const auto& q = d.questions[i];
        FUZZ_CHECK(ids.insert(q.id).second);
        FUZZ_CHECK(q.min <= q.max);
        if (surveys::has_options(q.type)) FUZZ_CHECK(q.options.size() >= 2 && q.options.size() <= surveys::max_options);
        else FUZZ_CHECK(q.options.empty());
        // Conditions and band texts only ever look back.
        if (q.show_if) {
            const auto* source = d.find_question(q.show_if->question_id);
            FUZZ_CHECK(source && source < &q);
        }
        if (!q.band_of.empty()) {
            const auto* source = d.find_question(q.band_of);
            FUZZ_CHECK(source && source < &q);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    json::error_code ec;
    json::parse_options options;
    options.max_depth = 64;
    const auto input = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec, {}, options);
    if (ec) return -1; // not JSON: not this parser's input, and kept out of the corpus

    const auto result = surveys::parse_definition(input);
    for (const auto& error : result.errors) {
        FUZZ_CHECK(!error.message.empty());
        FUZZ_CHECK(touchpoint::fuzz::is_valid_utf8(error.field) && touchpoint::fuzz::is_valid_utf8(error.message));
    }
    if (!result.ok()) return 0;

    check_definition(result.definition);
    // Stored versions are this JSON: it must read back as the same definition.
    const json::value printed = surveys::to_json(result.definition);
    const auto again = surveys::parse_definition(json::parse(json::serialize(printed)));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(json::value(surveys::to_json(again.definition)) == printed);
    return 0;
}
