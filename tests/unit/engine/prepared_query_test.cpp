// Statements cached on a pooled SQLite connection must not keep a read snapshot
// open: the next query on that connection has to see what others committed since.
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/migrations.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>

using namespace touchpoint::engine::store;

TEST(prepared_query, a_cached_read_leaves_no_snapshot_open) {
    const auto dir = std::filesystem::temp_directory_path() / ("touchpoint-prepared-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string url = "sqlite:" + (dir / "t.db").string();
    database pooled(url, 1); // one connection: every lease gets the same one
    migrate(pooled);
    auto other = pooled.open_session();
    *other << "INSERT INTO surveys (id, name, kind, status, current_version, created_at, updated_at) "
              "VALUES ('svy_1', 'S', 'nps', 'active', 1, 0, 0)";
    *other << "INSERT INTO invitations (id, survey_id, channel, created_at) VALUES ('inv_1', 'svy_1', 'link', 0)";

    {
        leased_session lease(pooled);
        auto context = find_invitation_context(lease, "inv_1");
        ASSERT_TRUE(context);
        EXPECT_FALSE(context->response_id);
    }
    *other << "INSERT INTO responses (id, survey_id, survey_version, invitation_id, channel, locale, answers, complete, "
              "created_at, updated_at) VALUES ('rsp_1', 'svy_1', 1, 'inv_1', 'link', 'en', '{}', 1, 5, 5)";
    {
        leased_session lease(pooled);
        long long responses = 0;
        lease.session() << "SELECT COUNT(*) FROM responses", soci::into(responses);
        EXPECT_EQ(responses, 1) << "the cached statement held an old snapshot";
        auto context = find_invitation_context(lease, "inv_1");
        ASSERT_TRUE(context);
        EXPECT_EQ(context->response_id.value_or(""), "rsp_1");
        EXPECT_EQ(context->invitation.status, "responded");
        EXPECT_EQ(context->response_created_at.value_or(0), 5);
    }
    EXPECT_FALSE(find_invitation_context(*std::make_unique<leased_session>(pooled), "inv_missing"));
    other.reset();
    std::filesystem::remove_all(dir);
}
