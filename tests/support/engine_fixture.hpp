// A running engine on a fresh database (SQLite, or PostgreSQL when the test
// parameter says so), with an admin and an ingest key, for tests over HTTP.
#pragma once

#include "engine/app.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/store/database.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

namespace touchpoint::testing {

class engine_fixture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("touchpoint-test-" + std::to_string(::getpid()) + "-" +
                                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        touchpoint::engine::config settings;
        if (GetParam() == "postgresql") {
            if (postgresql_test_url().empty())
                GTEST_SKIP() << "set TOUCHPOINT_TEST_PG to run against PostgreSQL (scripts/test does)";
            settings.db = postgresql_test_url();
            empty_postgresql_database(settings.db);
        } else {
            settings.db = "sqlite:" + (dir_ / "test.db").string();
        }
        settings.listen = "127.0.0.1:0";
        settings.data_dir = dir_.string();
        settings.workers = 8;
        settings.max_body_bytes = 64 * 1024;
        settings.log_level = "warn";
        settings.text_pass_interval_ms = 50; // the text pass catches up within a test
        settings.learn_interval_seconds = 1;
        configure(settings);
        app_ = std::make_unique<touchpoint::engine::app>(settings);
        app_->start();
        port_ = app_->port();
        db_ = std::make_unique<touchpoint::engine::store::database>(settings.db, 1);
        touchpoint::engine::services::api_key_service keys(*db_);
        admin_ = keys.create(touchpoint::engine::services::key_scope::admin, "test");
        ingest_ = keys.create(touchpoint::engine::services::key_scope::ingest, "test");
    }

    // Changes to the engine's settings a test needs (e.g. retries within the test).
    virtual void configure(touchpoint::engine::config&) {}

    void TearDown() override {
        app_.reset();
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    http_reply call(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& key = "", const std::string& type = "application/json") {
        std::map<std::string, std::string> headers;
        if (!key.empty()) headers["Authorization"] = "Bearer " + key;
        if (!body.empty()) headers["Content-Type"] = type;
        return send_request(port_, method, target, body, headers);
    }
    boost::json::value admin_json(const std::string& method, const std::string& target, const std::string& body = "") {
        return boost::json::parse(call(method, target, body, admin_).body);
    }
    long long count(const std::string& table) {
        soci::session session(db_->pool());
        long long n = 0;
        session << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return n;
    }
    std::string create_survey() {
        auto reply = call("POST", "/v1/surveys", R"({"template":"nps","name":"Q4","locales":["en","fr","nl"]})", admin_);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(boost::json::parse(reply.body).at("id").as_string());
    }
    std::string invite(const std::string& survey, const std::string& contact) {
        const auto contact_field = contact.empty() ? std::string() : R"(,"contact":")" + contact + "\"";
        auto reply = call("POST", "/v1/invitations", R"({"survey_id":")" + survey + "\"" + contact_field + "}", admin_);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(boost::json::parse(reply.body).at("token").as_string());
    }

    std::filesystem::path dir_;
    std::unique_ptr<touchpoint::engine::app> app_;
    std::unique_ptr<touchpoint::engine::store::database> db_;
    unsigned short port_ = 0;
    std::string admin_, ingest_;
};

} // namespace touchpoint::testing
