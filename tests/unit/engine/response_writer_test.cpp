// The group commit: a response that cannot be stored fails alone, and the
// others queued with it are still committed.
#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "engine/store/response_writer.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <future>

using namespace touchpoint::engine::store;

namespace {
response_write write_for(const std::string& invitation, const std::string& survey) {
    response_write w;
    w.row.id = "rsp_" + invitation;
    w.row.survey_id = survey;
    w.row.invitation_id = invitation;
    w.row.channel = "in_app";
    w.row.locale = "en";
    w.row.answers = R"({"q_score":9})";
    w.row.complete = true;
    w.row.created_at = w.row.updated_at = 86'400'000 * 3 + 5;
    w.cells.push_back({"q_score", 9, std::nullopt, std::nullopt, std::nullopt});
    return w;
}
} // namespace

TEST(response_writer, a_failing_response_does_not_fail_the_others_in_its_batch) {
    const auto dir = std::filesystem::temp_directory_path() / ("touchpoint-writer-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    database db("sqlite:" + (dir / "w.db").string(), 1);
    migrate(db);
    {
        soci::session session(db.pool());
        session << "INSERT INTO surveys (id, name, kind, status, current_version, created_at, updated_at) "
                   "VALUES ('svy_1', 'S', 'nps', 'active', 1, 0, 0)";
        for (const char* id : {"inv_a", "inv_c"})
            session << "INSERT INTO invitations (id, survey_id, channel, created_at) VALUES ('" + std::string(id) +
                           "', 'svy_1', 'link', 0)";
    }
    std::size_t committed = 0;
    {
        response_writer writer(db, 512, [&](std::size_t n) { committed += n; });
        std::vector<std::future<bool>> outcomes;
        // inv_b does not exist: its row breaks the foreign key, the others are fine.
        for (const char* invitation : {"inv_a", "inv_b", "inv_c"}) {
            auto done = std::make_shared<std::promise<bool>>();
            outcomes.push_back(done->get_future());
            writer.submit(write_for(invitation, "svy_1"), [done](std::exception_ptr failure, const response_row&) {
                done->set_value(failure == nullptr);
            });
        }
        EXPECT_TRUE(outcomes[0].get());
        EXPECT_FALSE(outcomes[1].get()) << "the bad response reports its failure";
        EXPECT_TRUE(outcomes[2].get());
    }
    EXPECT_EQ(committed, 2u);
    soci::session session(db.pool());
    long long responses = 0, answers = 0, day = 0;
    session << "SELECT COUNT(*) FROM responses", soci::into(responses);
    session << "SELECT COUNT(*), MAX(day) FROM answers", soci::into(answers), soci::into(day);
    EXPECT_EQ(responses, 2);
    EXPECT_EQ(answers, 2) << "nothing of the failed response was written";
    EXPECT_EQ(day, 3) << "answers carry the UTC day of their response";
    std::filesystem::remove_all(dir);
}
