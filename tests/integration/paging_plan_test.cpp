// Every paged listing seeks straight to its page: SQLite's query plan for each
// shape of filter uses an index that gives the (created_at, id) order, with no
// scan of the table and no sort. (PostgreSQL plans by table statistics, so an
// almost empty test table says nothing there; tests/bench/paging.sh measures it.)
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/migrations.hpp"
#include "engine/store/response_repository.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using namespace touchpoint::engine;

class paging_plan : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() / ("touchpoint-plan-" + std::to_string(::getpid()) + ".db");
        std::filesystem::remove(path_);
        db_ = std::make_unique<store::database>("sqlite:" + path_.string(), 1);
        store::migrate(*db_);
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove(path_);
    }

    // The plan's lines, joined: "SEARCH r USING INDEX responses_survey_created (survey_id=? AND ...)".
    std::string plan(store::sql_builder sql) {
        store::leased_session lease(*db_);
        soci::statement statement(lease.session());
        std::string detail;
        int id = 0, parent = 0, unused = 0;
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(parent));
        statement.exchange(soci::into(unused));
        statement.exchange(soci::into(detail));
        sql.bind(statement);
        statement.alloc();
        statement.prepare("EXPLAIN QUERY PLAN " + sql.text);
        statement.define_and_bind();
        statement.execute(false);
        std::string out;
        while (statement.fetch()) out += detail + "\n";
        return out;
    }

    std::filesystem::path path_;
    std::unique_ptr<store::database> db_;
};

const store::page_cursor cursor{1'700'000'000'000, "rsp_x"};

TEST_F(paging_plan, response_pages_seek_their_index_for_every_filter) {
    const std::vector<std::pair<store::response_filter, std::string>> shapes{
        {{}, "sqlite_autoindex_responses_1"}, // the primary key
        {{std::string("svy_1"), std::nullopt, std::nullopt}, "responses_survey_created"},
        {{std::string("svy_1"), 1, 2}, "responses_survey_created"},
        {{std::nullopt, 1, std::nullopt}, "sqlite_autoindex_responses_1"},
    };
    for (const auto& [filter, index] : shapes) {
        for (const bool deep : {false, true}) {
            const auto text = plan(store::response_repository::list_query(filter, deep ? std::optional(cursor) : std::nullopt, 50));
            EXPECT_NE(text.find("r USING INDEX " + index), std::string::npos) << text;
            EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << "no sort: " << text;
            if (deep) {
                EXPECT_NE(text.find("SEARCH r"), std::string::npos) << "the cursor is a seek: " << text;
            }
        }
    }
}

TEST_F(paging_plan, invitation_pages_seek_their_index_for_every_filter) {
    const std::vector<std::pair<store::invitation_filter, std::string>> shapes{
        {{}, "invitations_created"},
        {{std::string("svy_1"), std::nullopt, std::nullopt, std::nullopt}, "invitations_survey"},
        {{std::nullopt, std::string("cnt_1"), std::nullopt, std::nullopt}, "invitations_contact"},
        {{std::nullopt, std::nullopt, std::nullopt, std::string("cmp_1")}, "invitations_campaign"},
        {{std::string("svy_1"), std::nullopt, std::string("opened"), std::nullopt}, "invitations_survey"},
    };
    for (const auto& [filter, index] : shapes) {
        for (const bool deep : {false, true}) {
            const auto text = plan(store::invitation_repository::list_query(filter, deep ? std::optional(cursor) : std::nullopt, 50));
            EXPECT_NE(text.find("i USING INDEX " + index), std::string::npos) << text;
            EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << "no sort: " << text;
            if (deep) {
                EXPECT_NE(text.find("SEARCH i"), std::string::npos) << "the cursor is a seek: " << text;
            }
        }
    }
}

// Finding due jobs reads the partial index of pending jobs from its start: with
// a million jobs due next month, an idle engine's round costs one probe.
TEST_F(paging_plan, due_jobs_are_found_through_the_pending_index_without_a_sort) {
    store::sql_builder due;
    due.add("SELECT id FROM jobs WHERE state = 'pending' AND due_at <= ").param(5'000LL).add(" ORDER BY due_at LIMIT 50");
    const auto claim = plan(due);
    EXPECT_NE(claim.find("USING INDEX jobs_due"), std::string::npos) << claim;
    EXPECT_EQ(claim.find("TEMP B-TREE"), std::string::npos) << claim;
    store::sql_builder next;
    next.add("SELECT MIN(due_at) FROM jobs WHERE state = 'pending'");
    EXPECT_NE(plan(next).find("jobs_due"), std::string::npos) << plan(next);
    store::sql_builder lapsed;
    lapsed.add("SELECT id FROM jobs WHERE state = 'leased' AND lease_until < ").param(5'000LL);
    EXPECT_NE(plan(lapsed).find("USING INDEX jobs_lease"), std::string::npos) << plan(lapsed);
}

} // namespace
