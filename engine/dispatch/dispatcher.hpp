// The outbox's workers: threads that claim due jobs in batches under a lease and
// hand each to the channel that delivers it, then record the attempt and the
// verdict: done, tried again later (exponential backoff with full jitter) or
// failed once the attempts are spent. Several processes may run dispatchers on
// one PostgreSQL database; the lease keeps each job with one of them, and a
// process that dies leaves its jobs to the others once their leases lapse.
// stop() lets each worker finish the job in hand and hands the rest of its batch
// back, due at once. A worker writes its outcomes in groups, one transaction per
// batch (or per 100 ms of it): a crash between a delivery and its group's commit
// sends that message again with the same id, which at-least-once allows.
//
// A target that times out or cannot be reached rests for that attempt's backoff
// ceiling (at least as long as the attempt took): the jobs for it that workers of
// this process claim meanwhile are handed back, due when it ends, without an
// attempt, so one dead receiver holds one worker at a time and the other
// subscribers' messages keep flowing.
#pragma once

#include "engine/dispatch/backoff.hpp"
#include "engine/store/job_repository.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine {
class background_worker;
}
namespace touchpoint::engine::store {
class database;
class leased_session;
}

namespace touchpoint::engine::dispatch {

// What a channel says about one attempt.
struct delivery_verdict {
    enum class kind { delivered, retry, failed } outcome = kind::delivered;
    std::optional<int> peer_status; // the HTTP status or SMTP reply code, when there was one
    std::string detail;             // for the delivery log; never a secret
};

// Delivers one job (its kind, channel and payload say what and where). Runs on a
// dispatcher thread and may block up to its own timeouts.
using deliver_function = std::function<delivery_verdict(const store::job_row& job)>;

struct dispatcher_options {
    int workers = 2;                                 // threads, each with its own batch
    std::chrono::milliseconds poll_interval{500};    // between probes while nothing is due
    std::int64_t lease_ms = 60'000;                  // --lease-seconds
    int batch = 32;                                  // jobs claimed at once by one worker
    backoff_policy backoff;
    std::string process_name;                        // names the leases of this process ("host:pid")
};

// Called with each job's verdict inside the transaction that records it, so what
// it writes (the invitation's status, a disabled subscription) commits with the
// verdict or not at all. `final`: the job is done or failed, not tried again.
using verdict_hook = std::function<void(store::leased_session& lease, const store::job_row& job,
                                        const delivery_verdict& verdict, bool final)>;

// Jobs that only write to the database (a send job judging its invitation and
// enqueueing its messages): `run` works inside the dispatcher's transaction, so
// a worker runs such jobs of its batch and records their outcomes in one
// commit, each job under its own savepoint. `wake`: it enqueued jobs due now.
struct local_jobs {
    std::function<bool(const store::job_row& job)> accepts;
    std::function<delivery_verdict(store::leased_session& lease, const store::job_row& job, bool& wake)> run;
};

class dispatcher {
public:
    dispatcher(store::database& db, dispatcher_options options, deliver_function deliver, verdict_hook on_verdict = {});
    ~dispatcher();
    dispatcher(const dispatcher&) = delete;
    dispatcher& operator=(const dispatcher&) = delete;

    // Before start(): which jobs run inside the dispatcher's transaction.
    void set_local_jobs(local_jobs local) { local_ = std::move(local); }
    void start();
    // Asks every worker to look for due jobs now (after enqueueing one due now).
    void wake();
    // Finishes the jobs in hand, hands back the rest, and joins the threads.
    void stop();

    // Jobs finished in this process, and attempts made; for /metrics and tests.
    std::int64_t delivered() const { return delivered_.load(); }
    std::int64_t attempts() const { return attempts_.load(); }

private:
    struct settled_job;
    bool round(int worker);
    // Records `settled` outcomes (attempt rows, job states, the verdict hook) in
    // one transaction and empties it; how many were recorded (not taken over).
    int write_verdicts(const std::string& owner, std::vector<settled_job>& settled);
    // Records one outcome in the open transaction on `lease`; false when the job's
    // lease passed to another owner (the outcome is dropped).
    bool record_verdict(store::leased_session& lease, const std::string& owner, const settled_job& item);
    // The outcome of one attempt, as the retry policy reads it.
    settled_job settle(const store::job_row& job, delivery_verdict verdict, std::int64_t started, std::int64_t finished);
    // Runs the local jobs of a batch in one transaction.
    void run_local(const std::string& owner, const std::vector<const store::job_row*>& jobs);
    // When a target (a subscription) that just failed to answer may be tried
    // again; empty when it is not resting.
    std::optional<std::int64_t> resting_until(const std::string& target, std::int64_t now);

    store::database& db_;
    dispatcher_options options_;
    deliver_function deliver_;
    verdict_hook on_verdict_;
    local_jobs local_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::int64_t> delivered_{0}, attempts_{0};
    std::vector<std::string> owners_;
    // Targets that timed out or refused connections, until when: their other jobs
    // wait instead of holding a worker each for the full timeout.
    std::mutex resting_mutex_;
    std::unordered_map<std::string, std::int64_t> resting_until_;
    std::vector<std::unique_ptr<background_worker>> workers_;
};

} // namespace touchpoint::engine::dispatch
