#include "reports/report_csv.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;

namespace {
boost::json::object sample_report() {
    return boost::json::parse(R"({"questions":[
      {"id":"q_score","type":"nps","n":30,"small_sample":false,"mean":7.5,
       "nps":{"score":45.5,"promoters":60,"passives":25.5,"detractors":14.5,"ci_low":20.25,"ci_high":70.75},
       "buckets":[{"start":"2026-11-02","n":10,"small_sample":true,"mean":7,"nps":{"score":30},"change":null},
                  {"start":"2026-11-09","n":20,"small_sample":true,"mean":8,"nps":{"score":60},
                   "change":{"delta":30,"p_value":0.2977,"significant":false}}]},
      {"id":"q_plan","type":"single_choice","n":3,"choices":[{"id":"=cmd","count":2,"share":66.67},{"id":"free","count":1,"share":33.33}]}
    ]})").as_object();
}
} // namespace

TEST(report_csv, one_row_per_question_and_bucket_with_plain_numbers) {
    const auto csv = score_table_csv(sample_report());
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")), // rows end in CRLF, as RFC 4180 has them
              "question_id,type,bucket_start,n,small_sample,mean,nps,promoters,passives,detractors,ci_low,ci_high,"
              "satisfied_share,easy_share,yes_share,change_delta,change_p_value,change_significant");
    EXPECT_NE(csv.find("q_score,nps,,30,false,7.5,45.5,60,25.5,14.5,20.25,70.75,,,,,,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_score,nps,2026-11-02,10,true,7,30,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_score,nps,2026-11-09,20,true,8,60,,,,,,,,,30,0.2977,false"), std::string::npos) << csv;
    EXPECT_EQ(csv.find("q_plan"), std::string::npos) << "choice questions have their own table";
}

TEST(report_csv, choice_table_neutralises_cells_a_spreadsheet_would_run) {
    const auto csv = choice_table_csv(sample_report());
    EXPECT_NE(csv.find(R"(q_plan,single_choice,"'=cmd",2,66.67,3)"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_plan,single_choice,free,1,33.33,3"), std::string::npos) << csv;
}
