// The repositories, written once and run on SQLite and PostgreSQL, in the style
// of SOCI's own suite: each test starts from an empty, migrated database and a
// small backend context names what differs.
#include "engine/store/api_key_repository.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/event_repository.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/migrations.hpp"
#include "engine/store/statement_cache.hpp"
#include "engine/store/response_repository.hpp"
#include "engine/store/survey_repository.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <memory>
#include <string>
#include <unistd.h>

namespace {

using namespace touchpoint::engine::store;

class repository : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string url;
        if (GetParam() == "postgresql") {
            url = touchpoint::testing::postgresql_test_url();
            if (url.empty()) GTEST_SKIP() << "set TOUCHPOINT_TEST_PG to run against PostgreSQL (scripts/test does)";
            touchpoint::testing::empty_postgresql_database(url);
        } else {
            path_ = std::filesystem::temp_directory_path() /
                    ("touchpoint-repository-" + std::to_string(::getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
            for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
            url = "sqlite:" + path_.string();
        }
        db_ = std::make_unique<database>(url, 5); // room for the concurrent claim test
        migrate(*db_);
        lease_ = std::make_unique<leased_session>(*db_);
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
        if (!path_.empty())
            for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }

    survey_row a_survey(const std::string& id, std::int64_t created) {
        survey_row row{id, "Survey " + id, "nps", "active", 1, created, created, R"({"questions":[]})"};
        survey_repository(*lease_).insert(row);
        return row;
    }
    contact_row a_contact(const std::string& id, const std::string& external_id) {
        contact_row row{id, external_id, "ana@example.com", "Ana", "fr-CA", "Europe/Paris", R"({"plan":"pro"})", 1, 1};
        contact_repository(*lease_).insert(row);
        return row;
    }
    invitation_row an_invitation(const std::string& id, const std::string& survey, std::optional<std::string> contact,
                                 std::int64_t created, std::optional<std::string> campaign = std::nullopt) {
        invitation_row row;
        row.id = id;
        row.survey_id = survey;
        row.contact_id = std::move(contact);
        row.channel = "link";
        row.campaign_id = std::move(campaign);
        row.created_at = created;
        invitation_repository(*lease_).insert(row);
        return row;
    }
    void a_response(const std::string& id, const std::string& invitation, const std::string& survey,
                    const std::optional<std::string>& contact, std::int64_t created) {
        std::string contact_id = contact.value_or("");
        soci::indicator contact_indicator = contact ? soci::i_ok : soci::i_null;
        const long long at = created;
        lease_->session() << "INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, "
                             "locale, answers, complete, created_at, updated_at) VALUES (:id, :s, 1, :i, :c, 'link', 'en', "
                             "'{\"q_score\":9}', 1, :t, :u)",
            soci::use(id), soci::use(survey), soci::use(invitation), soci::use(contact_id, contact_indicator),
            soci::use(at), soci::use(at);
    }

    std::filesystem::path path_;
    std::unique_ptr<database> db_;
    std::unique_ptr<leased_session> lease_;
};

job_row a_job(const std::string& id, std::int64_t due) {
    job_row row;
    row.id = id;
    row.kind = "webhook";
    row.channel = "webhook";
    row.payload = R"({"type":"survey.requested"})";
    row.idempotency_key = "msg_" + id;
    row.due_at = due;
    row.created_at = row.updated_at = 1;
    return row;
}

TEST_P(repository, a_survey_keeps_its_versions_and_lists_in_creation_order_past_a_cursor) {
    a_survey("svy_b", 2000);
    a_survey("svy_a", 2000); // same time: the id breaks the tie
    a_survey("svy_c", 1000);
    survey_repository surveys(*lease_);
    surveys.add_version("svy_a", 2, R"({"questions":[{"id":"q"}]})", 3000);
    auto row = *surveys.find("svy_a");
    row.current_version = 2;
    row.status = "archived";
    surveys.update(row);
    EXPECT_EQ(*surveys.find_version_definition("svy_a", 1), R"({"questions":[]})");
    EXPECT_EQ(surveys.find("svy_a")->definition, R"({"questions":[{"id":"q"}]})");
    EXPECT_FALSE(surveys.find("svy_x"));

    auto all = surveys.list(std::nullopt, 10, true);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, "svy_c");
    EXPECT_EQ(all[1].id, "svy_a");
    EXPECT_EQ(all[2].id, "svy_b");
    auto after = surveys.list(page_cursor{2000, "svy_a"}, 10, true);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].id, "svy_b");
    EXPECT_EQ(surveys.list(std::nullopt, 10, false).size(), 2u) << "archived ones only when asked";
}

TEST_P(repository, a_contact_round_trips_and_erasure_revokes_its_invitations) {
    a_survey("svy_1", 1);
    const auto stored = a_contact("cnt_1", "cust-1");
    contact_repository contacts(*lease_);
    auto found = contacts.find_by_external_id("cust-1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->email, stored.email);
    EXPECT_EQ(found->locale, "fr-CA");
    EXPECT_EQ(found->attributes, R"({"plan":"pro"})");
    const auto existing = contacts.ensure("cust-1", "cnt_other", 5);
    EXPECT_EQ(existing.row.id, "cnt_1") << "an existing contact is found, not made again";
    EXPECT_EQ(existing.row.attributes, R"({"plan":"pro"})");
    EXPECT_FALSE(existing.unsubscribed);
    contacts.set_unsubscribed_at("cnt_1", 7);
    EXPECT_TRUE(contacts.ensure("cust-1", "cnt_other", 5).unsubscribed);
    contacts.set_unsubscribed_at("cnt_1", std::nullopt);
    const auto made = contacts.ensure("cust-2", "cnt_2", 5);
    EXPECT_EQ(made.row.id, "cnt_2");
    EXPECT_FALSE(made.unsubscribed);
    const auto stored_made = contacts.find("cnt_2");
    ASSERT_TRUE(stored_made);
    EXPECT_FALSE(stored_made->email);
    EXPECT_EQ(made.row.external_id, stored_made->external_id);
    EXPECT_EQ(made.row.attributes, stored_made->attributes);
    EXPECT_EQ(made.row.created_at, stored_made->created_at);
    EXPECT_EQ(made.row.updated_at, stored_made->updated_at);

    an_invitation("inv_1", "svy_1", std::string("cnt_1"), 10);
    // A campaign invitation still to be sent, with its delivery job.
    an_invitation("inv_2", "svy_1", std::string("cnt_1"), 11, std::string("cmp_1"));
    lease_->session() << "UPDATE invitations SET state = 'scheduled' WHERE id = 'inv_2'";
    auto job = a_job("job_1", 100);
    job.invitation_id = "inv_2";
    job_repository(*lease_).enqueue(job);
    contacts.erase("cnt_1");
    EXPECT_EQ(job_repository(*lease_).find("job_1")->state, "cancelled") << "nothing more is sent to an erased contact";
    EXPECT_EQ(invitation_repository(*lease_).find("inv_2")->status, "cancelled");
    EXPECT_FALSE(contacts.find_by_external_id("cust-1"));
    auto invitation = invitation_repository(*lease_).find("inv_1");
    ASSERT_TRUE(invitation);
    EXPECT_FALSE(invitation->contact_id);
    EXPECT_EQ(invitation->status, "cancelled");
    EXPECT_EQ(invitation->reason, "contact_erased");
}

TEST_P(repository, invitation_pages_follow_each_filter_and_the_keyset_without_gaps_or_repeats) {
    a_survey("svy_1", 1);
    a_survey("svy_2", 1);
    a_contact("cnt_1", "cust-1");
    for (int i = 0; i < 25; ++i)
        an_invitation("inv_" + std::string(i < 10 ? "0" : "") + std::to_string(i), i % 2 ? "svy_1" : "svy_2",
                      i % 5 == 0 ? std::optional<std::string>("cnt_1") : std::nullopt, 100 + i / 3,
                      i % 3 == 0 ? std::optional<std::string>("cmp_1") : std::nullopt);
    a_response("rsp_1", "inv_01", "svy_1", std::nullopt, 500);
    invitation_repository invitations(*lease_);
    auto walk = [&](const invitation_filter& filter) {
        std::vector<std::string> ids;
        std::optional<page_cursor> after;
        for (;;) {
            auto page = invitations.list(filter, after, 4);
            for (const auto& row : page) ids.push_back(row.id);
            if (page.size() < 4) return ids;
            after = page_cursor{page.back().created_at, page.back().id};
        }
    };
    auto everything = walk({});
    ASSERT_EQ(everything.size(), 25u);
    EXPECT_TRUE(std::is_sorted(everything.begin(), everything.end())) << "ids here grow with their time";
    EXPECT_EQ(walk({std::string("svy_1"), std::nullopt, std::nullopt, std::nullopt}).size(), 12u);
    EXPECT_EQ(walk({std::nullopt, std::string("cnt_1"), std::nullopt, std::nullopt}).size(), 5u);
    EXPECT_EQ(walk({std::nullopt, std::nullopt, std::nullopt, std::string("cmp_1")}).size(), 9u);
    auto responded = walk({std::nullopt, std::nullopt, std::string("responded"), std::nullopt});
    ASSERT_EQ(responded.size(), 1u);
    EXPECT_EQ(responded[0], "inv_01");
    EXPECT_EQ(walk({std::string("svy_2"), std::nullopt, std::string("responded"), std::nullopt}).size(), 0u);
}

TEST_P(repository, response_pages_filter_by_survey_and_time_and_page_without_gaps_or_repeats) {
    a_survey("svy_1", 1);
    a_survey("svy_2", 1);
    for (int i = 0; i < 30; ++i) {
        const auto n = std::string(i < 10 ? "0" : "") + std::to_string(i);
        an_invitation("inv_" + n, i % 3 ? "svy_1" : "svy_2", std::nullopt, 100);
        a_response("rsp_" + n, "inv_" + n, i % 3 ? "svy_1" : "svy_2", std::nullopt, 1000 + i / 4);
    }
    response_repository responses(*lease_);
    auto walk = [&](const response_filter& filter) {
        std::vector<std::string> ids;
        std::optional<page_cursor> after;
        for (;;) {
            auto page = responses.list(filter, after, 7);
            for (const auto& row : page) ids.push_back(row.id);
            if (page.size() < 7) return ids;
            after = page_cursor{page.back().created_at, page.back().id};
        }
    };
    EXPECT_EQ(walk({}).size(), 30u);
    EXPECT_EQ(walk({std::string("svy_1"), std::nullopt, std::nullopt}).size(), 20u);
    const auto window = walk({std::nullopt, 1002, 1004}); // created_at 1002 and 1003: i from 8 to 15
    ASSERT_EQ(window.size(), 8u);
    EXPECT_EQ(window.front(), "rsp_08");
    EXPECT_EQ(window.back(), "rsp_15");
    EXPECT_EQ(responses.find_by_invitation("inv_03")->id, "rsp_03");
}

TEST_P(repository, an_event_is_stored_once_per_id_and_an_api_key_found_by_its_hash) {
    const auto contact = a_contact("cnt_1", "cust-1");
    event_repository events(*lease_);
    const event_row event{"evt-1", contact.id, "signup", 1000, R"({"plan":"pro"})", 1001};
    EXPECT_TRUE(events.insert_new(event));
    EXPECT_FALSE(events.insert_new(event)) << "the id is the caller's idempotency key";
    auto found = events.find("evt-1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "signup");
    EXPECT_EQ(found->occurred_at, 1000);
    EXPECT_EQ(found->properties, R"({"plan":"pro"})");

    api_key_repository keys(*lease_);
    keys.insert({"key_1", "ci", "ingest", "hash-1", 5});
    EXPECT_EQ(keys.find_by_hash("hash-1")->scope, "ingest");
    EXPECT_FALSE(keys.find_by_hash("hash-2"));
}

TEST_P(repository, a_write_transaction_not_committed_leaves_nothing) {
    {
        write_transaction transaction(*db_, *lease_);
        a_survey("svy_1", 1);
    }
    EXPECT_FALSE(survey_repository(*lease_).find("svy_1"));
    {
        write_transaction transaction(*db_, *lease_);
        a_survey("svy_2", 1);
        transaction.commit();
    }
    EXPECT_TRUE(survey_repository(*lease_).find("svy_2"));
    EXPECT_EQ(dialect_of(lease_->session()), GetParam() == "postgresql" ? dialect::postgresql : dialect::sqlite);
}

TEST_P(repository, a_cached_statement_runs_again_with_new_values_and_recovers_from_an_error) {
    auto& cache = lease_->statements();
    sql_runner sql(lease_->session(), &cache);
    lease_->session() << "CREATE TABLE cache_probe (id TEXT PRIMARY KEY, n BIGINT NOT NULL)";
    const std::string insert = "INSERT INTO cache_probe (id, n) VALUES (:id, :n)";
    for (long long i = 0; i < 5; ++i) {
        const std::string id = "row-" + std::to_string(i);
        EXPECT_EQ(sql.changed(insert, soci::use(id), soci::use(i)), 1);
    }
    const auto cached = cache.size();
    long long n = -1;
    for (long long i = 0; i < 5; ++i) {
        const std::string id = "row-" + std::to_string(i);
        ASSERT_TRUE(sql.run("SELECT n FROM cache_probe WHERE id = :id", soci::use(id), soci::into(n)));
        EXPECT_EQ(n, i) << "each run reads with its own values";
    }
    const std::string missing = "row-none";
    EXPECT_FALSE(sql.run("SELECT n FROM cache_probe WHERE id = :id", soci::use(missing), soci::into(n)));
    EXPECT_EQ(cache.size(), cached + 1) << "one statement per SQL text, prepared once";

    // A statement that fails (a duplicate key) can run again; on PostgreSQL the
    // failure aborts the transaction, so it runs in one that is rolled back.
    const std::string duplicate = "row-1";
    const long long value = 7;
    {
        write_transaction transaction(*db_, *lease_);
        EXPECT_THROW(sql.changed(insert, soci::use(duplicate), soci::use(value)), soci::soci_error);
    }
    const std::string fresh = "row-5";
    EXPECT_EQ(sql.changed(insert, soci::use(fresh), soci::use(value)), 1);

    std::vector<long long> all;
    sql.for_each([&] { all.push_back(n); }, "SELECT n FROM cache_probe ORDER BY id", soci::into(n));
    EXPECT_EQ(all, (std::vector<long long>{0, 1, 2, 3, 4, 7}));
    // A single-row statement that finds several rows is a programming error, not a silent pick.
    EXPECT_THROW(sql.run("SELECT n FROM cache_probe", soci::into(n)), std::logic_error);
    EXPECT_EQ(sql.changed("UPDATE cache_probe SET n = n + 1 WHERE n >= :floor", soci::use(value)), 1);

    // A write seen by a later read on the same connection: no statement keeps an old snapshot.
    leased_session other(*db_);
    const std::string late = "row-6";
    other.session() << "INSERT INTO cache_probe (id, n) VALUES (:id, 9)", soci::use(late);
    ASSERT_TRUE(sql.run("SELECT n FROM cache_probe WHERE id = :id AND n >= 0", soci::use(late), soci::into(n)));
    EXPECT_EQ(n, 9);
}

TEST_P(repository, writing_leases_and_pooled_writers_take_turns_and_each_reads_the_others_commits) {
    lease_->session() << "CREATE TABLE turn_probe (id TEXT PRIMARY KEY, n BIGINT NOT NULL)";
    lease_->session() << "INSERT INTO turn_probe (id, n) VALUES ('count', 0)";
    // Read, then write what was read plus one: a lost update would show if two
    // writers overlapped, or if the writer connection read a page cached before
    // another connection's commit.
    const std::string read = std::string("SELECT n FROM turn_probe WHERE id = 'count'") +
                             (GetParam() == "postgresql" ? " FOR UPDATE" : "");
    constexpr int threads = 4, rounds = 40;
    std::vector<std::thread> writers;
    std::atomic<int> failures{0};
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([&, t] {
            try {
                for (int i = 0; i < rounds; ++i) {
                    const auto use = (t + i) % 2 == 0 ? lease_use::writing : lease_use::any;
                    leased_session lease(*db_, use);
                    write_transaction transaction(*db_, lease);
                    long long n = -1;
                    lease.session() << read, soci::into(n);
                    const long long next = n + 1;
                    lease.session() << "UPDATE turn_probe SET n = :n WHERE id = 'count'", soci::use(next);
                    transaction.commit();
                }
            } catch (const std::exception&) {
                ++failures;
            }
        });
    for (auto& writer : writers) writer.join();
    EXPECT_EQ(failures.load(), 0);
    long long n = -1;
    lease_->session() << "SELECT n FROM turn_probe WHERE id = 'count'", soci::into(n);
    EXPECT_EQ(n, threads * rounds);
    // A writing lease ended without a commit leaves nothing, and the next one starts clean.
    {
        leased_session lease(*db_, lease_use::writing);
        write_transaction transaction(*db_, lease);
        lease.session() << "UPDATE turn_probe SET n = -1 WHERE id = 'count'";
    }
    leased_session lease(*db_, lease_use::writing);
    lease.session() << "SELECT n FROM turn_probe WHERE id = 'count'", soci::into(n);
    EXPECT_EQ(n, threads * rounds);
}

TEST_P(repository, a_postgresql_deadlock_reads_as_a_conflict_worth_running_again) {
    if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite takes one write lock: its transactions cannot deadlock";
    a_contact("cnt_a", "a");
    a_contact("cnt_b", "b");
    // Two transactions lock the two contacts in opposite orders: PostgreSQL ends one.
    std::atomic<int> first_locked{0};
    auto lock_both = [&](const std::string& first, const std::string& second) -> std::exception_ptr {
        leased_session lease(*db_);
        write_transaction transaction(*db_, lease);
        contact_repository contacts(lease);
        try {
            contacts.lock_for_surveys(first);
            ++first_locked;
            while (first_locked.load() < 2) std::this_thread::yield();
            contacts.lock_for_surveys(second);
            transaction.commit();
            return nullptr;
        } catch (...) {
            return std::current_exception();
        }
    };
    std::exception_ptr one, two;
    std::thread other([&] { two = lock_both("cnt_b", "cnt_a"); });
    one = lock_both("cnt_a", "cnt_b");
    other.join();
    ASSERT_TRUE((one == nullptr) != (two == nullptr)) << "exactly one of the two is rolled back";
    try {
        std::rethrow_exception(one ? one : two);
    } catch (const std::exception& error) {
        EXPECT_TRUE(is_transient_conflict(error)) << error.what();
    }
    // A broken rule is no conflict: running it again changes nothing.
    try {
        contact_repository(*lease_).insert({"cnt_c", "a", {}, {}, {}, {}, "{}", 1, 1});
        FAIL() << "a second contact with external id a was stored";
    } catch (const std::exception& error) {
        EXPECT_FALSE(is_transient_conflict(error)) << error.what();
    }
}


TEST_P(repository, due_jobs_are_claimed_under_a_lease_in_due_order_and_only_once) {
    job_repository jobs(*lease_);
    jobs.enqueue(a_job("job_late", 300));
    jobs.enqueue(a_job("job_first", 100));
    jobs.enqueue(a_job("job_second", 200));
    jobs.enqueue(a_job("job_future", 10'000));
    EXPECT_EQ(jobs.next_due(), 100);
    const auto claimed = jobs.claim("worker-a", 250, 30'000, 10);
    ASSERT_EQ(claimed.size(), 2u) << "only jobs due by now";
    EXPECT_EQ(claimed[0].id, "job_first");
    EXPECT_EQ(claimed[1].id, "job_second");
    EXPECT_EQ(claimed[0].state, "leased");
    EXPECT_EQ(claimed[0].lease_owner, "worker-a");
    EXPECT_EQ(claimed[0].lease_until, 250 + 30'000);
    EXPECT_EQ(claimed[0].attempts, 1);
    EXPECT_EQ(claimed[0].idempotency_key, "msg_job_first");
    EXPECT_TRUE(jobs.claim("worker-b", 250, 30'000, 10).empty()) << "a leased job is not claimed again";

    EXPECT_FALSE(jobs.finish("job_first", "worker-b", 260)) << "only the lease's owner finishes it";
    EXPECT_TRUE(jobs.finish("job_first", "worker-a", 260));
    EXPECT_EQ(jobs.find("job_first")->state, "done");
    EXPECT_TRUE(jobs.retry("job_second", "worker-a", 5'000, "HTTP 503", 260));
    const auto retried = jobs.find("job_second");
    EXPECT_EQ(retried->state, "pending");
    EXPECT_EQ(retried->due_at, 5'000);
    EXPECT_EQ(retried->last_error, "HTTP 503");
    EXPECT_EQ(jobs.next_due(), 300);
    const auto again = jobs.claim("worker-b", 6'000, 30'000, 10);
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].id, "job_late");
    EXPECT_EQ(again[1].id, "job_second");
    EXPECT_EQ(again[1].attempts, 2) << "each claim counts an attempt";
    EXPECT_TRUE(jobs.fail("job_second", "worker-b", "HTTP 400", 6'100));
    EXPECT_EQ(jobs.find("job_second")->state, "failed");
}

TEST_P(repository, a_lapsed_lease_is_taken_over_and_its_old_owner_can_no_longer_finish_it) {
    job_repository jobs(*lease_);
    jobs.enqueue(a_job("job_1", 100));
    jobs.enqueue(a_job("job_2", 100));
    ASSERT_EQ(jobs.claim("crashed", 100, 1'000, 10).size(), 2u);
    EXPECT_EQ(jobs.reclaim_lapsed(1'000), 0) << "not lapsed yet";
    EXPECT_EQ(jobs.reclaim_lapsed(1'101), 2);
    const auto taken = jobs.claim("survivor", 1'101, 1'000, 10);
    ASSERT_EQ(taken.size(), 2u);
    EXPECT_EQ(taken[0].attempts, 2);
    EXPECT_FALSE(jobs.finish("job_1", "crashed", 1'200)) << "fenced: the lease moved on";
    EXPECT_TRUE(jobs.finish("job_1", "survivor", 1'200));
    // A graceful shutdown hands its jobs back, due now, without counting the attempt.
    EXPECT_EQ(jobs.release("survivor", 1'300), 1);
    const auto released = jobs.find("job_2");
    EXPECT_EQ(released->state, "pending");
    EXPECT_EQ(released->due_at, 1'300);
    EXPECT_EQ(released->attempts, 1);
    EXPECT_EQ(jobs.cancel_for_invitation("inv_none", 1'400), 0);
}

TEST_P(repository, every_attempt_is_logged_with_the_peers_answer) {
    job_repository jobs(*lease_);
    jobs.enqueue(a_job("job_1", 100));
    jobs.record_attempt({"att_1", "job_1", 1, 100, 30, "retry", 503, std::string("HTTP 503 Service Unavailable")});
    jobs.record_attempt({"att_2", "job_1", 2, 200, 12, "delivered", 204, std::nullopt});
    const auto log = jobs.attempts_of("job_1");
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].outcome, "retry");
    EXPECT_EQ(log[0].peer_status, 503);
    EXPECT_EQ(log[0].error, "HTTP 503 Service Unavailable");
    EXPECT_EQ(log[1].outcome, "delivered");
    EXPECT_FALSE(log[1].error);
}

TEST_P(repository, workers_claiming_at_once_never_take_the_same_job) {
    {
        write_transaction transaction(*db_, *lease_);
        job_repository jobs(*lease_);
        for (int i = 0; i < 2'000; ++i) jobs.enqueue(a_job("job_" + std::to_string(10'000 + i), i));
        transaction.commit();
    }
    lease_.reset();
    std::mutex mutex;
    std::vector<std::string> taken;
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w)
        workers.emplace_back([&, w] {
            const std::string owner = "worker-" + std::to_string(w);
            for (;;) {
                leased_session lease(*db_);
                auto batch = job_repository(lease).claim(owner, 5'000, 60'000, 50);
                if (batch.empty()) return;
                std::lock_guard lock(mutex);
                for (const auto& job : batch) taken.push_back(job.id);
            }
        });
    for (auto& worker : workers) worker.join();
    EXPECT_EQ(taken.size(), 2'000u);
    EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(), 2'000u) << "no job claimed twice";
}

INSTANTIATE_TEST_SUITE_P(backends, repository, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
