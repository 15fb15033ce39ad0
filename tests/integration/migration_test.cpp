// Migrations that copy data: rows written under the older schema come out of
// the upgrade as the current code would have written them, on SQLite and
// PostgreSQL.
#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <optional>
#include <string>

namespace {

using namespace touchpoint::engine;

class migration_upgrade : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgresql") {
            url_ = touchpoint::testing::postgresql_test_url();
            if (url_.empty()) GTEST_SKIP() << "TOUCHPOINT_TEST_PG is not set";
            touchpoint::testing::empty_postgresql_database(url_);
        } else {
            directory_ = std::filesystem::temp_directory_path() /
                         ("touchpoint-migration-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                          "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
            std::filesystem::remove_all(directory_);
            std::filesystem::create_directories(directory_);
            url_ = "sqlite:" + (directory_ / "upgrade.db").string();
        }
        db_.emplace(url_, 2);
    }
    void TearDown() override {
        db_.reset();
        if (!directory_.empty()) std::filesystem::remove_all(directory_);
    }

    std::string url_;
    std::filesystem::path directory_;
    std::optional<store::database> db_;
};

TEST_P(migration_upgrade, answers_get_their_responses_channel_locale_campaign_and_contact) {
    ASSERT_EQ(store::migrate(*db_, {}, 5), 5);
    {
        soci::session session(db_->pool());
        session << "INSERT INTO surveys (id, name, kind, status, current_version, created_at, updated_at) "
                   "VALUES ('svy_1', 'NPS', 'nps', 'active', 1, 0, 0)";
        session << "INSERT INTO contacts (id, external_id, attributes, created_at, updated_at) "
                   "VALUES ('cnt_1', 'cust-1', '{\"plan\":\"pro\"}', 0, 0)";
        session << "INSERT INTO invitations (id, survey_id, contact_id, channel, campaign_id, created_at) "
                   "VALUES ('inv_1', 'svy_1', 'cnt_1', 'email', 'q4', 0)";
        session << "INSERT INTO invitations (id, survey_id, contact_id, channel, created_at) "
                   "VALUES ('inv_2', 'svy_1', NULL, 'in_app', 0)";
        session << "INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, locale, "
                   "answers, complete, created_at, updated_at) VALUES "
                   "('rsp_1', 'svy_1', 1, 'inv_1', 'cnt_1', 'email', 'fr', '{}', 1, 86400000, 86400000)";
        session << "INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, locale, "
                   "answers, complete, created_at, updated_at) VALUES "
                   "('rsp_2', 'svy_1', 1, 'inv_2', NULL, 'in_app', 'nl', '{}', 1, 86400000, 86400000)";
        session << "INSERT INTO answers (response_id, survey_id, question_id, created_at, day, score) VALUES "
                   "('rsp_1', 'svy_1', 'q_score', 86400000, 1, 9)";
        session << "INSERT INTO answers (response_id, survey_id, question_id, created_at, day, text_value, "
                   "analysis_revision) VALUES ('rsp_1', 'svy_1', 'q_why', 86400000, 1, 'Rapide', 0)";
        session << "INSERT INTO answers (response_id, survey_id, question_id, created_at, day, score) VALUES "
                   "('rsp_2', 'svy_1', 'q_score', 86400000, 1, 3)";
    }
    EXPECT_EQ(store::migrate(*db_), static_cast<int>(store::all_migrations().size()) - 5);

    soci::session session(db_->pool());
    soci::rowset<soci::row> rows = (session.prepare << "SELECT response_id, question_id, channel, locale, campaign_id, "
                                                       "contact_id FROM answers ORDER BY response_id, question_id");
    std::vector<std::string> seen;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += (i ? " " : "") + (row.get_indicator(i) == soci::i_null ? std::string("null") : row.get<std::string>(i));
        seen.push_back(line);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"rsp_1 q_score email fr q4 cnt_1", "rsp_1 q_why email fr q4 cnt_1",
                                              "rsp_2 q_score in_app nl null null"}));
}

INSTANTIATE_TEST_SUITE_P(backends, migration_upgrade, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
