// A response acknowledged with a 2xx survives the server being killed with
// SIGKILL mid-load: the real binary runs as a child process, clients keep
// answering, the process is killed, and a fresh process must list every
// acknowledged response. On SQLite (synchronous NORMAL and FULL) and PostgreSQL.
#include "engine/services/api_key_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace json = boost::json;
using touchpoint::testing::free_port;
using touchpoint::testing::send_request;
using touchpoint::testing::server_process;

namespace {

class crash_durability : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("touchpoint-crash-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        if (GetParam() == "postgresql") {
            if (touchpoint::testing::postgresql_test_url().empty())
                GTEST_SKIP() << "set TOUCHPOINT_TEST_PG to run against PostgreSQL (scripts/test does)";
            db_url_ = touchpoint::testing::postgresql_test_url();
            touchpoint::testing::empty_postgresql_database(db_url_);
        } else {
            db_url_ = "sqlite:" + (dir_ / "crash.db").string() + (GetParam() == "sqlite_full" ? "?synchronous=full" : "");
        }
        touchpoint::engine::store::database db(db_url_, 1);
        touchpoint::engine::store::migrate(db);
        admin_ = touchpoint::engine::services::api_key_service(db).create(touchpoint::engine::services::key_scope::admin,
                                                                          "crash-test");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    json::value admin_call(unsigned short port, const std::string& method, const std::string& target,
                           const std::string& body = "") {
        auto reply = send_request(port, method, target, body,
                                  {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/json"}});
        if (reply.status >= 300) throw std::runtime_error(method + " " + target + ": " + reply.body);
        return json::parse(reply.body);
    }

    std::filesystem::path dir_;
    std::string db_url_;
    std::string admin_;
};

TEST_P(crash_durability, every_acknowledged_response_survives_sigkill) {
    constexpr int invitation_count = 600;
    constexpr int client_count = 8;
    const auto port = free_port();
    std::vector<std::string> tokens;
    std::set<std::string> acknowledged; // response ids the server answered 200 for
    {
        server_process server(db_url_, dir_, port);
        const auto survey = admin_call(port, "POST", "/v1/surveys", R"({"template":"nps","name":"Crash"})");
        const std::string survey_id(survey.at("id").as_string());
        for (int i = 0; i < invitation_count; ++i) {
            auto invitation = admin_call(port, "POST", "/v1/invitations", R"({"survey_id":")" + survey_id + R"("})");
            tokens.emplace_back(invitation.at("token").as_string());
        }

        std::mutex mutex;
        std::atomic<int> next{0};
        std::atomic<bool> killed{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < client_count; ++c) {
            clients.emplace_back([&] {
                for (int i = next++; i < invitation_count && !killed; i = next++) {
                    const auto body = R"({"token":")" + tokens[i] + R"(","answers":{"q_score":)" + std::to_string(i % 11) +
                                      R"(,"q_why":"crash test"},"complete":true})";
                    try {
                        auto reply = send_request(port, "POST", "/v1/responses", body, {{"Content-Type", "application/json"}});
                        if (reply.status != 200) continue;
                        std::lock_guard lock(mutex);
                        acknowledged.insert(std::string(json::parse(reply.body).at("id").as_string()));
                    } catch (const std::exception&) {
                        // The connection died with the server.
                    }
                }
            });
        }
        // Kill while answers are still arriving.
        while (next < invitation_count / 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        server.kill();
        killed = true;
        for (auto& client : clients) client.join();
    }
    ASSERT_GT(acknowledged.size(), 0u);
    ASSERT_LT(acknowledged.size(), static_cast<std::size_t>(invitation_count)) << "the kill came after the last answer";

    server_process restarted(db_url_, dir_, port);
    std::set<std::string> stored;
    std::string cursor;
    for (;;) {
        auto page = admin_call(port, "GET", "/v1/responses?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const auto& row : page.at("data").as_array()) {
            stored.insert(std::string(row.at("id").as_string()));
            EXPECT_TRUE(row.at("complete").as_bool());
            EXPECT_EQ(row.at("answers").at("q_why").as_string(), "crash test");
        }
        if (page.at("next_cursor").is_null()) break;
        cursor = std::string(page.at("next_cursor").as_string());
    }
    for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "acknowledged response " << id << " was lost";
}

INSTANTIATE_TEST_SUITE_P(backends, crash_durability, ::testing::Values("sqlite", "sqlite_full", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
