// Several `touchpoint serve` processes on one PostgreSQL database, with events
// posted to all of them (each batch to two at once): every invitation is made
// once and every survey.requested message reaches the counting receiver
// (tests/webhooks/receiver.mjs) once by its webhook-id. Then one process is
// killed with SIGKILL mid-run: the others take its jobs over when their leases
// lapse, and the only repeats are the messages it had in flight, with their
// ids. And on SQLite, one process killed during a dispatch of 10,000
// deliveries and started again loses none.
//
// TOUCHPOINT_SCALE_EVENTS sets how many contacts get an event (the long run of
// docs/benchmarks.md); the defaults keep CI short.
#include "engine/services/api_key_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"
#include "support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <thread>

namespace json = boost::json;
using touchpoint::testing::free_port;
using touchpoint::testing::send_request;
using touchpoint::testing::server_process;
using touchpoint::testing::webhook_receiver;

namespace {

int events_to_post(int fallback) {
    if (const char* value = std::getenv("TOUCHPOINT_SCALE_EVENTS"); value && std::atoi(value) > 0) return std::atoi(value);
    return fallback;
}

class scale_out : public ::testing::TestWithParam<std::string> {
protected:
    static constexpr int dispatch_workers = 2;
    // In flight, per worker: the jobs of its claimed batch whose outcomes it had not
    // yet written (a worker records a batch's outcomes together); 32 is serve's batch.
    static constexpr int in_flight_bound = dispatch_workers * 32;

    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("touchpoint-scale-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        if (GetParam() == "postgresql") {
            if (touchpoint::testing::postgresql_test_url().empty())
                GTEST_SKIP() << "set TOUCHPOINT_TEST_PG to run against PostgreSQL (scripts/test does)";
            db_url_ = touchpoint::testing::postgresql_test_url();
            touchpoint::testing::empty_postgresql_database(db_url_);
        } else {
            db_url_ = "sqlite:" + (dir_ / "scale.db").string();
        }
        db_ = std::make_unique<touchpoint::engine::store::database>(db_url_, 1);
        touchpoint::engine::store::migrate(*db_);
        touchpoint::engine::services::api_key_service keys(*db_);
        admin_ = keys.create(touchpoint::engine::services::key_scope::admin, "scale-test");
        ingest_ = keys.create(touchpoint::engine::services::key_scope::ingest, "scale-test");
    }
    void TearDown() override {
        processes_.clear();
        receiver_.reset();
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    server_process& start_process() {
        // Retries within the test, a short lease so a killed process's jobs come back
        // soon, and 16 handler threads: each holds a connection, and three processes
        // share the sandbox's 200.
        processes_.push_back(std::make_unique<server_process>(
            db_url_, dir_, free_port(),
            std::vector<std::string>{"--webhook-allow-private", "--retry-base-ms", "100", "--lease-seconds", "3",
                                     "--dispatch-workers", std::to_string(dispatch_workers), "--workers", "16"}));
        return *processes_.back();
    }

    json::value call(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
                     const std::string& key) {
        auto reply = send_request(port, method, target, body, {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}});
        if (reply.status >= 300) throw std::runtime_error(method + " " + target + ": " + std::to_string(reply.status) + " " + reply.body);
        return json::parse(reply.body);
    }

    // A webhook campaign on order.delivered and a subscription to a receiver answering in `mode`.
    void set_up_campaign(unsigned short port, const std::string& mode) {
        const auto survey = call(port, "POST", "/v1/surveys", R"({"template":"nps","name":"Scale"})", admin_);
        const auto campaign = call(port, "POST", "/v1/campaigns", R"({"name":"Delivered","survey_id":")" +
            std::string(survey.at("id").as_string()) + R"(","channel":"webhook","trigger":{"type":"event","event":"order.delivered"}})",
                                   admin_);
        const std::string campaign_id(campaign.at("id").as_string());
        call(port, "POST", "/v1/campaigns/" + campaign_id + "/activate", "", admin_);
        const auto hook = call(port, "POST", "/v1/webhooks", R"({"url":"http://127.0.0.1:9/","events":["survey.requested"]})", admin_);
        receiver_ = std::make_unique<webhook_receiver>(std::vector<std::string>{"--secret", std::string(hook.at("secret").as_string()),
                                                                                "--mode", mode});
        call(port, "PUT", "/v1/webhooks/" + std::string(hook.at("id").as_string()),
             R"({"url":")" + receiver_->url() + R"(","events":["survey.requested"]})", admin_);
        // Other processes re-read their subscriptions within a second.
        std::this_thread::sleep_for(std::chrono::milliseconds(1'200));
    }

    // Events e-0 … e-(count-1), one per contact, in batches of `batch`; batch k
    // goes to ports[k % n] and, when `twice`, to the next port too, at once.
    void post_events(const std::vector<unsigned short>& ports, int count, int batch, bool twice) {
        std::vector<std::thread> posters;
        for (int start = 0, k = 0; start < count; start += batch, ++k) {
            json::array events;
            for (int i = start; i < std::min(count, start + batch); ++i)
                events.push_back(json::object{{"id", "e-" + std::to_string(i)}, {"contact", "c-" + std::to_string(i)},
                                              {"name", "order.delivered"}});
            const auto body = json::serialize(json::object{{"events", std::move(events)}});
            const int copies = twice ? 2 : 1;
            for (int copy = 0; copy < copies; ++copy) {
                const auto port = ports[(k + copy) % ports.size()];
                posters.emplace_back([this, port, body] {
                    // A batch may meet a concurrent twin: both succeed, one stores it.
                    auto reply = send_request(port, "POST", "/v1/events/batch", body,
                                              {{"Authorization", "Bearer " + ingest_}, {"Content-Type", "application/json"}});
                    EXPECT_EQ(reply.status, 202) << reply.body;
                });
            }
            if (posters.size() >= 8) {
                for (auto& poster : posters) poster.join();
                posters.clear();
            }
        }
        for (auto& poster : posters) poster.join();
    }

    long long scalar(const std::string& sql) {
        touchpoint::engine::store::leased_session lease(*db_);
        long long n = 0;
        lease.session() << sql, soci::into(n);
        return n;
    }

    // Waits until `done` holds or `seconds` pass.
    static bool eventually(const std::function<bool()>& done, int seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return done();
    }
    long long delivered_ids() const { return receiver_->stats().at("delivered_ids").as_int64(); }

    std::filesystem::path dir_;
    std::string db_url_;
    std::unique_ptr<touchpoint::engine::store::database> db_;
    std::string admin_, ingest_;
    std::vector<std::unique_ptr<server_process>> processes_;
    std::unique_ptr<webhook_receiver> receiver_;
};

TEST_P(scale_out, three_processes_make_each_invitation_once_and_deliver_each_message_once) {
    if (GetParam() != "postgresql") GTEST_SKIP() << "several processes share PostgreSQL; SQLite has one owner";
    const int count = events_to_post(600);
    std::vector<unsigned short> ports;
    for (int i = 0; i < 3; ++i) ports.push_back(start_process().port());
    set_up_campaign(ports[0], "ok");

    post_events(ports, count, 50, true);
    ASSERT_TRUE(eventually([&] { return delivered_ids() >= count; }, 90)) << receiver_->stats();
    // Every send and message done (the expiries wait for their day).
    ASSERT_TRUE(eventually([&] { return scalar("SELECT COUNT(*) FROM jobs WHERE kind <> 'expire' AND state <> 'done'") == 0; }, 10));

    EXPECT_EQ(scalar("SELECT COUNT(*) FROM events"), count);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations"), count) << "each invitation made once, though each event came twice";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE state = 'delivered'"), count);
    const auto stats = receiver_->stats();
    EXPECT_EQ(stats.at("duplicates").as_int64(), 0) << stats;
    EXPECT_EQ(stats.at("invalid").as_int64(), 0) << stats;
    EXPECT_EQ(stats.at("unique_ids").as_int64(), count);
}

TEST_P(scale_out, a_process_killed_mid_run_leaves_its_jobs_to_the_others_and_repeats_only_what_it_had_in_flight) {
    if (GetParam() != "postgresql") GTEST_SKIP() << "several processes share PostgreSQL; SQLite has one owner";
    const int count = events_to_post(900);
    std::vector<unsigned short> ports;
    for (int i = 0; i < 3; ++i) ports.push_back(start_process().port());
    // Slow answers keep deliveries in flight when the process dies.
    set_up_campaign(ports[0], "slow:20");

    post_events(ports, count, 100, false);
    ASSERT_TRUE(eventually([&] { return delivered_ids() >= count / 3; }, 60)) << receiver_->stats();
    processes_[1]->kill();
    ASSERT_TRUE(eventually([&] { return delivered_ids() >= count; }, 90)) << receiver_->stats();

    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations"), count);
    ASSERT_TRUE(eventually([&] { return scalar("SELECT COUNT(*) FROM invitations WHERE state = 'delivered'") == count; }, 10));
    const auto stats = receiver_->stats();
    EXPECT_EQ(stats.at("unique_ids").as_int64(), count) << "a repeat carries the id of the message it repeats";
    EXPECT_LE(stats.at("duplicates").as_int64(), in_flight_bound) << "only the messages in flight in the killed process: " << stats;
}

TEST_P(scale_out, sigkill_during_a_dispatch_of_ten_thousand_deliveries_loses_none) {
    if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL is covered above";
    const int count = events_to_post(10'000);
    auto& first = start_process();
    set_up_campaign(first.port(), "ok");
    post_events({first.port()}, count, 1'000, false);
    ASSERT_TRUE(eventually([&] { return delivered_ids() >= count / 4; }, 60)) << receiver_->stats();
    first.kill();
    const auto before_restart = delivered_ids();
    ASSERT_LT(before_restart, count) << "the kill came after the last delivery";

    start_process(); // the same file: its leases lapse and it takes the jobs over
    ASSERT_TRUE(eventually([&] { return delivered_ids() >= count; }, 100)) << receiver_->stats();
    ASSERT_TRUE(eventually([&] { return scalar("SELECT COUNT(*) FROM invitations WHERE state = 'delivered'") == count; }, 10));
    const auto stats = receiver_->stats();
    EXPECT_EQ(stats.at("unique_ids").as_int64(), count);
    EXPECT_LE(stats.at("duplicates").as_int64(), in_flight_bound) << stats;
}

INSTANTIATE_TEST_SUITE_P(backends, scale_out, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
