// Seeded survey comments for the benchmarks: English, French and Dutch, one to
// three clauses each, drawn from phrase banks by the NPS band of the score they
// go with (detractors complain, promoters praise, passives mix both), so the
// text report has themes, drivers and phrases to find. Not labelled data: the
// accuracy figures come from the hand-written fixtures.
#pragma once

#include <random>
#include <string>

namespace touchpoint::bench {

struct generated_comment {
    std::string text;
    std::string language;
};

generated_comment generate_comment(std::mt19937_64& random, int nps_score, const std::string& language);

} // namespace touchpoint::bench
