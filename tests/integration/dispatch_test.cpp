// The outbox's dispatcher delivering webhook jobs to the Standard Webhooks
// receiver (verifying with the official package): retries with backoff until a
// failing receiver recovers, each message once by its webhook-id; 410 and
// exhausted attempts fail the job; a stop hands unstarted jobs back. On SQLite
// and PostgreSQL.
#include "engine/dispatch/dispatcher.hpp"
#include "engine/dispatch/webhook_delivery.hpp"
#include "engine/store/job_repository.hpp"
#include "support/engine_fixture.hpp"
#include "support/webhook_receiver.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace json = boost::json;
using namespace touchpoint::engine;
namespace channels = touchpoint::channels;
using touchpoint::testing::webhook_receiver;

namespace {

const std::string secret_text = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

class dispatcher_flow : public touchpoint::testing::engine_fixture {
protected:
    // The engine's own dispatcher stays off: these tests run theirs on its database.
    void configure(touchpoint::engine::config& settings) override { settings.dispatch_workers = 0; }

    void enqueue(int count, const std::string& url, const std::string& prefix = "job_") {
        store::leased_session lease(*db_);
        store::write_transaction transaction(*db_, lease);
        store::job_repository jobs(lease);
        for (int i = 0; i < count; ++i) {
            store::job_row job;
            job.id = prefix + std::to_string(1000 + i);
            job.kind = "webhook";
            job.channel = "webhook";
            job.subscription_id = "whs_test";
            job.payload = json::serialize(json::object{
                {"url", url}, {"body", json::serialize(json::object{{"type", "survey.requested"}, {"data", {{"n", i}}}})}});
            job.idempotency_key = "msg_" + job.id;
            job.due_at = 0;
            job.created_at = job.updated_at = 1;
            jobs.enqueue(job);
        }
        transaction.commit();
    }
    std::unique_ptr<dispatch::dispatcher> make_dispatcher(int max_attempts, int workers = 2, int batch = 16) {
        channels::webhook::client_options client;
        client.allow_private = true;
        client.total_timeout = std::chrono::milliseconds(2'000);
        delivery_ = std::make_unique<dispatch::webhook_delivery>(client, [](const std::string&) {
            return dispatch::webhook_target{"", {*channels::webhook::webhook_secret::parse(secret_text)}};
        });
        dispatch::dispatcher_options options;
        options.workers = workers;
        options.batch = batch;
        options.poll_interval = std::chrono::milliseconds(20);
        options.backoff = {10, 50, max_attempts}; // milliseconds, so retries come within the test
        options.process_name = "test";
        return std::make_unique<dispatch::dispatcher>(*db_, options, std::ref(*delivery_));
    }
    // Waits until no job is pending or leased, or a few seconds pass.
    void drain() {
        for (int i = 0; i < 200; ++i) {
            if (count_where("state IN ('pending', 'leased')") == 0) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
    }
    long long count_where(const std::string& condition) {
        store::leased_session lease(*db_);
        long long n = 0;
        lease.session() << "SELECT COUNT(*) FROM jobs WHERE " + condition, soci::into(n);
        return n;
    }
    std::unique_ptr<dispatch::webhook_delivery> delivery_;
};

TEST_P(dispatcher_flow, a_failing_receiver_gets_every_message_once_it_recovers_each_once_by_id) {
    webhook_receiver receiver({"--secret", secret_text, "--fail-first", "2", "--fail-status", "503"});
    enqueue(40, receiver.url());
    auto dispatcher = make_dispatcher(5);
    dispatcher->start();
    drain();
    dispatcher->stop();
    EXPECT_EQ(count_where("state = 'done'"), 40);
    const auto stats = receiver.stats();
    EXPECT_EQ(stats.at("verified").as_int64(), 120) << "3 attempts each, every one signed";
    EXPECT_EQ(stats.at("delivered_ids").as_int64(), 40);
    EXPECT_EQ(stats.at("duplicates").as_int64(), 0);
    store::leased_session lease(*db_);
    const auto log = store::job_repository(lease).attempts_of("job_1000");
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].outcome, "retry");
    EXPECT_EQ(log[0].peer_status, 503);
    EXPECT_EQ(log[2].outcome, "delivered");
    EXPECT_EQ(log[2].peer_status, 204);
    EXPECT_EQ(dispatcher->delivered(), 40);
}

TEST_P(dispatcher_flow, a_receiver_that_hangs_answers_late_or_resets_gets_every_message_once_it_recovers) {
    // Each fault in turn for a while, then the receiver recovers: every message arrives, once by its id.
    for (const std::string mode : {"hang", "slow:3000", "reset"}) {
        webhook_receiver receiver({"--secret", secret_text, "--mode", mode});
        enqueue(4, receiver.url(), "fault_" + mode.substr(0, 4) + "_");
        auto dispatcher = make_dispatcher(20, 2, 4); // the client gives up on an answer after 2 s
        dispatcher->start();
        const std::string mine = "id LIKE 'fault_" + mode.substr(0, 4) + "_%'";
        for (int i = 0; i < 400 && receiver.stats().at("requests").as_int64() < 4; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        EXPECT_EQ(count_where("state = 'done' AND " + mine), 0) << mode << ": nothing is delivered while the receiver fails";
        receiver.set_mode(R"({"mode": "ok"})");
        drain();
        dispatcher->stop();
        const auto stats = receiver.stats();
        EXPECT_EQ(count_where("state = 'done' AND " + mine), 4) << mode << ": " << stats;
        EXPECT_EQ(stats.at("delivered_ids").as_int64(), 4) << mode;
        EXPECT_EQ(stats.at("unique_ids").as_int64(), 4) << mode << ": every attempt repeats its message's id";
        // A 2xx that came after the client gave up was not a delivery to the engine:
        // the message goes again, with its id, for the receiver to dedupe.
        if (mode != "slow:3000") EXPECT_EQ(stats.at("duplicates").as_int64(), 0) << mode << ": " << stats;
        store::leased_session lease(*db_);
        int unanswered = 0;
        for (int i = 0; i < 4; ++i) {
            const auto log = store::job_repository(lease).attempts_of("fault_" + mode.substr(0, 4) + "_" + std::to_string(1000 + i));
            ASSERT_FALSE(log.empty()) << mode;
            EXPECT_EQ(log.back().outcome, "delivered") << mode;
            for (const auto& attempt : log) unanswered += attempt.outcome == "retry" && !attempt.peer_status ? 1 : 0;
        }
        EXPECT_GE(unanswered, 3) << mode << ": the attempts the receiver failed were logged without a status, and retried";
    }
}

TEST_P(dispatcher_flow, gone_fails_at_once_and_a_receiver_that_never_recovers_exhausts_the_attempts) {
    webhook_receiver gone({"--secret", secret_text, "--mode", "gone"});
    webhook_receiver broken({"--secret", secret_text, "--status", "500"});
    enqueue(3, gone.url(), "gone_");
    enqueue(3, broken.url(), "broken_");
    auto dispatcher = make_dispatcher(3);
    dispatcher->start();
    drain();
    dispatcher->stop();
    EXPECT_EQ(count_where("state = 'failed'"), 6);
    store::leased_session lease(*db_);
    store::job_repository jobs(lease);
    EXPECT_EQ(jobs.attempts_of("gone_1000").size(), 1u) << "410: the endpoint is gone, no retry";
    const auto exhausted = jobs.attempts_of("broken_1000");
    ASSERT_EQ(exhausted.size(), 3u);
    EXPECT_EQ(exhausted.back().outcome, "failed");
    EXPECT_NE(exhausted.back().error->find("attempts exhausted"), std::string::npos) << *exhausted.back().error;
    EXPECT_EQ(broken.stats().at("requests").as_int64(), 9);
}

TEST_P(dispatcher_flow, a_job_without_a_target_fails_once_with_a_reason_instead_of_retrying) {
    {
        store::leased_session lease(*db_);
        store::job_row job;
        job.id = "job_broken";
        job.kind = job.channel = "webhook";
        job.subscription_id = "whs_test";
        job.payload = "{}";
        job.idempotency_key = "msg_broken";
        job.created_at = job.updated_at = 1;
        store::job_repository(lease).enqueue(job);
    }
    auto dispatcher = make_dispatcher(5);
    dispatcher->start();
    drain();
    dispatcher->stop();
    store::leased_session lease(*db_);
    store::job_repository jobs(lease);
    EXPECT_EQ(jobs.find("job_broken")->state, "failed");
    const auto log = jobs.attempts_of("job_broken");
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].error, "the job has no url and body to deliver");
}

TEST_P(dispatcher_flow, local_jobs_share_one_transaction_and_a_failing_one_undoes_only_its_own_writes) {
    {
        store::leased_session lease(*db_);
        lease.session() << "CREATE TABLE local_probe (job_id TEXT PRIMARY KEY)";
        store::job_repository jobs(lease);
        for (int i = 0; i < 6; ++i) {
            store::job_row job;
            job.id = "job_local_" + std::to_string(i);
            job.kind = "send";
            job.channel = "webhook";
            job.payload = "{}";
            job.idempotency_key = "send_" + job.id;
            job.created_at = job.updated_at = 1;
            jobs.enqueue(job);
        }
    }
    std::atomic<int> runs{0};
    auto dispatcher = make_dispatcher(2, 1, 16);
    dispatcher->set_local_jobs(
        {[](const store::job_row& job) { return job.kind == "send"; },
         [&](store::leased_session& lease, const store::job_row& job, bool&) {
             ++runs;
             lease.session() << "INSERT INTO local_probe (job_id) VALUES (:id)", soci::use(job.id);
             // Its write is made, then it fails: the savepoint must take the write back.
             if (job.id == "job_local_3") throw std::runtime_error("the database said no");
             return dispatch::delivery_verdict{dispatch::delivery_verdict::kind::delivered, std::nullopt, "sent"};
         }});
    dispatcher->start();
    drain();
    dispatcher->stop();

    EXPECT_EQ(count_where("state = 'done'"), 5);
    store::leased_session lease(*db_);
    long long probes = 0, failed_probe = 0;
    lease.session() << "SELECT COUNT(*) FROM local_probe", soci::into(probes);
    lease.session() << "SELECT COUNT(*) FROM local_probe WHERE job_id = 'job_local_3'", soci::into(failed_probe);
    EXPECT_EQ(probes, 5) << "the five that succeeded kept their writes, in the transaction they shared";
    EXPECT_EQ(failed_probe, 0) << "the failing job's write was undone";
    store::job_repository jobs(lease);
    EXPECT_EQ(jobs.find("job_local_3")->state, "failed") << "retried once, then out of attempts";
    const auto log = jobs.attempts_of("job_local_3");
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].outcome, "retry");
    EXPECT_NE(log[0].error->find("the database said no"), std::string::npos);
    EXPECT_EQ(runs.load(), 7);
}

TEST_P(dispatcher_flow, a_stop_finishes_the_job_in_hand_and_hands_back_the_rest) {
    webhook_receiver slow({"--secret", secret_text, "--mode", "slow:150"});
    enqueue(20, slow.url());
    auto dispatcher = make_dispatcher(5, 1, 20);
    dispatcher->start();
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    dispatcher->stop();
    const auto done = count_where("state = 'done'");
    EXPECT_GE(done, 1);
    EXPECT_LT(done, 20);
    EXPECT_EQ(count_where("state = 'leased'"), 0) << "nothing stays leased to a stopped process";
    EXPECT_EQ(count_where("state = 'pending' AND attempts = 0"), 20 - done) << "handed back without counting an attempt";
    EXPECT_EQ(slow.stats().at("duplicates").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, dispatcher_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
