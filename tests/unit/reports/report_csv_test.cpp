#include "reports/report_csv.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;

namespace {

// Two weekly buckets of NPS answers (10 then 20) and a choice question whose
// first option a spreadsheet would run as a formula.
score_report sample_report() {
    question_scores scores{"q_score", question_type::nps, {}, {}};
    scores.by_day[20000] = {{10, 5}, {8, 3}, {3, 2}}; // Friday 2024-10-04: NPS 30
    scores.by_day[20007] = {{9, 14}, {7, 4}, {0, 2}}; // a week later: NPS 60
    score_report report;
    report.bucket_interval = interval::week;
    report.questions.emplace_back(score_question(scores, {interval::week}));
    choice_tally plan{"q_plan", question_type::single_choice, {"=cmd", "free"}, {{"=cmd", 2}, {"free", 1}}, 3};
    report.questions.emplace_back(choice_question{count_choices(plan), std::nullopt, 0});
    return report;
}

} // namespace

TEST(report_csv, one_row_per_question_and_bucket_with_figures_rounded_as_in_the_json) {
    const auto csv = score_table_csv(sample_report());
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")), // rows end in CRLF, as RFC 4180 has them
              "question_id,type,bucket_start,n,small_sample,mean,nps,promoters,passives,detractors,ci_low,ci_high,"
              "satisfied_share,easy_share,yes_share,change_delta,change_p_value,change_significant");
    // 30 answers: 19 promoters, 7 passives, 4 detractors; mean 234 / 30.
    EXPECT_NE(csv.find("q_score,nps,,30,false,7.8,50,63.33,23.33,13.33,"), std::string::npos) << csv;
    // Buckets start on Mondays; the second against the first: +30, p = 0.2977 (period_change_test).
    EXPECT_NE(csv.find("q_score,nps,2024-09-30,10,true,8,30,50,30,20,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",,,,30,0.2977,false\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_score,nps,2024-10-07,20,true,7.7,60,70,20,10,"), std::string::npos) << csv;
    EXPECT_EQ(csv.find("q_plan"), std::string::npos) << "choice questions have their own table";
}

TEST(report_csv, the_whole_period_row_has_no_change_and_the_first_bucket_none_either) {
    const auto csv = score_table_csv(sample_report());
    std::vector<std::string> rows;
    for (std::size_t at = 0, end; (end = csv.find("\r\n", at)) != std::string::npos; at = end + 2)
        rows.push_back(csv.substr(at, end - at));
    ASSERT_EQ(rows.size(), 4u) << csv;
    EXPECT_TRUE(rows[1].ends_with(",,,")) << rows[1];
    EXPECT_TRUE(rows[2].ends_with(",,,")) << rows[2];
    EXPECT_TRUE(rows[3].ends_with(",30,0.2977,false")) << rows[3];
}

TEST(report_csv, choice_table_neutralises_cells_a_spreadsheet_would_run) {
    const auto csv = choice_table_csv(sample_report());
    EXPECT_NE(csv.find(R"(q_plan,single_choice,"'=cmd",2,66.67,3)"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_plan,single_choice,free,1,33.33,3"), std::string::npos) << csv;
}
