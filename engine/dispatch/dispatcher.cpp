#include "engine/dispatch/dispatcher.hpp"

#include "engine/background_worker.hpp"
#include "engine/security/crypto.hpp"
#include "engine/store/database.hpp"
#include "engine/time_format.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

namespace touchpoint::engine::dispatch {
namespace {

double uniform_random() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

const char* outcome_name(delivery_verdict::kind kind) {
    switch (kind) {
    case delivery_verdict::kind::delivered: return "delivered";
    case delivery_verdict::kind::retry: return "retry";
    case delivery_verdict::kind::failed: return "failed";
    }
    return "failed";
}

} // namespace

dispatcher::dispatcher(store::database& db, dispatcher_options options, deliver_function deliver, verdict_hook on_verdict)
    : db_(db), options_(std::move(options)), deliver_(std::move(deliver)), on_verdict_(std::move(on_verdict)) {
    for (int i = 0; i < options_.workers; ++i) {
        // Each worker leases under its own name, so handing back a batch touches only its jobs.
        owners_.push_back(options_.process_name + "/" + std::to_string(i) + "/" + security::new_id("lease"));
        workers_.push_back(std::make_unique<background_worker>(
            background_worker_options{"tp-dispatch-" + std::to_string(i), options_.poll_interval},
            [this, i] { return round(i); }));
    }
}

dispatcher::~dispatcher() { stop(); }

void dispatcher::start() {
    for (auto& worker : workers_) worker->start();
}

void dispatcher::wake() {
    for (auto& worker : workers_) worker->wake();
}

void dispatcher::stop() {
    if (stopping_.exchange(true)) return;
    for (auto& worker : workers_) worker->stop();
}

std::optional<std::int64_t> dispatcher::resting_until(const std::string& target, std::int64_t now) {
    std::lock_guard lock(resting_mutex_);
    const auto it = resting_until_.find(target);
    if (it == resting_until_.end()) return std::nullopt;
    if (it->second <= now) {
        resting_until_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

// One delivery's outcome, waiting to be written with the rest of its batch.
struct dispatcher::settled_job {
    const store::job_row* job;
    delivery_verdict verdict;
    bool final;
    std::string detail;
    std::int64_t started, finished, retry_at;
};

namespace {

// How long a worker may hold outcomes before writing them: the delivery log
// and the invitations' states lag the receivers by at most about this much.
constexpr std::int64_t verdict_hold_ms = 100;

} // namespace

dispatcher::settled_job dispatcher::settle(const store::job_row& job, delivery_verdict verdict, std::int64_t started,
                                           std::int64_t finished) {
    ++attempts_;
    bool final = verdict.outcome != delivery_verdict::kind::retry;
    std::string detail = verdict.detail;
    if (!final && job.attempts >= options_.backoff.max_attempts) {
        final = true;
        detail = "attempts exhausted (" + std::to_string(job.attempts) + "): " + detail;
    }
    const auto retry_at = finished + retry_delay_ms(options_.backoff, job.attempts, uniform_random());
    return {&job, std::move(verdict), final, std::move(detail), started, finished, retry_at};
}

bool dispatcher::record_verdict(store::leased_session& lease, const std::string& owner, const settled_job& item) {
    store::job_repository jobs(lease);
    const auto& job = *item.job;
    const auto& verdict = item.verdict;
    const bool delivered = verdict.outcome == delivery_verdict::kind::delivered;
    jobs.record_attempt({security::new_ordered_id("att"), job.id, job.attempts, item.started, item.finished - item.started,
                         item.final && verdict.outcome == delivery_verdict::kind::retry ? "failed"
                                                                                        : outcome_name(verdict.outcome),
                         verdict.peer_status,
                         item.detail.empty() || delivered ? std::nullopt : std::optional(item.detail)});
    bool kept = false;
    if (delivered) kept = jobs.finish(job.id, owner, item.finished);
    else if (item.final) kept = jobs.fail(job.id, owner, item.detail, item.finished);
    else
        kept = jobs.retry(job.id, owner, item.retry_at, item.detail, item.finished);
    // A lease that lapsed mid-delivery belongs to whoever took the job over:
    // its attempt stays in the log, its verdict is theirs to give.
    if (!kept) {
        spdlog::warn("dispatch: job {} was taken over after its lease lapsed; this attempt's verdict is dropped", job.id);
        return false;
    }
    if (on_verdict_) on_verdict_(lease, job, verdict, item.final || delivered);
    if (delivered) ++delivered_;
    return true;
}

int dispatcher::write_verdicts(const std::string& owner, std::vector<settled_job>& settled) {
    if (settled.empty()) return 0;
    int recorded = 0;
    {
        // One transaction for the group: one BEGIN IMMEDIATE and one COMMIT (one
        // WAL flush on PostgreSQL) for up to a batch of deliveries.
        store::leased_session lease(db_, store::lease_use::writing);
        store::write_transaction transaction(db_, lease);
        for (const auto& item : settled) recorded += record_verdict(lease, owner, item) ? 1 : 0;
        transaction.commit();
    }
    settled.clear();
    return recorded;
}

void dispatcher::run_local(const std::string& owner, const std::vector<const store::job_row*>& jobs) {
    bool wake_others = false;
    {
        store::leased_session lease(db_, store::lease_use::writing);
        store::write_transaction transaction(db_, lease);
        for (const auto* job : jobs) {
            const auto started = now_ms();
            delivery_verdict verdict;
            {
                // A job that fails leaves nothing of its own; the others' work stands.
                store::savepoint point(lease);
                try {
                    verdict = local_.run(lease, *job, wake_others);
                    point.release();
                } catch (const std::exception& e) {
                    verdict = {delivery_verdict::kind::retry, std::nullopt, std::string("delivery failed: ") + e.what()};
                }
            }
            record_verdict(lease, owner, settle(*job, std::move(verdict), started, now_ms()));
        }
        transaction.commit();
    }
    if (wake_others) wake();
}

bool dispatcher::round(int worker) {
    if (stopping_) return false;
    const auto& owner = owners_[static_cast<std::size_t>(worker)];
    std::vector<store::job_row> batch;
    {
        // The claim writes: on SQLite it takes the write turn on the writer connection, whose cache holds the jobs' pages.
        store::leased_session lease(db_, store::lease_use::writing);
        store::job_repository jobs(lease);
        // One worker per process sweeps lapsed leases back; any process's worker may then claim them.
        if (worker == 0)
            if (const auto reclaimed = jobs.reclaim_lapsed(now_ms()); reclaimed > 0)
                spdlog::warn("dispatch: {} job(s) whose lease lapsed are due again", reclaimed);
        batch = jobs.claim(owner, now_ms(), options_.lease_ms, options_.batch);
    }
    std::vector<const store::job_row*> local, remote;
    for (const auto& job : batch) (local_.accepts && local_.accepts(job) ? local : remote).push_back(&job);
    if (!local.empty()) run_local(owner, local);
    // Outcomes are written in groups: at the end of the batch, or once the
    // oldest has waited verdict_hold_ms (a slow receiver later in the batch
    // does not hold back what earlier deliveries recorded).
    std::vector<settled_job> settled;
    settled.reserve(remote.size());
    for (const auto* job_in_batch : remote) {
        const auto& job = *job_in_batch;
        if (stopping_) {
            write_verdicts(owner, settled);
            // Hand back what this worker has not started, due now, for any process.
            store::leased_session lease(db_);
            const auto released = store::job_repository(lease).release(owner, now_ms());
            spdlog::info("dispatch: handed back {} job(s) at shutdown", released);
            return false;
        }
        const auto started = now_ms();
        if (job.subscription_id)
            if (const auto until = resting_until(*job.subscription_id, started)) {
                store::leased_session lease(db_);
                store::job_repository(lease).defer(job.id, owner, *until, started);
                continue;
            }
        delivery_verdict verdict;
        try {
            verdict = deliver_(job);
        } catch (const std::exception& e) {
            verdict = {delivery_verdict::kind::retry, std::nullopt, std::string("delivery failed: ") + e.what()};
        }
        const auto finished = now_ms();
        if (job.subscription_id) {
            std::lock_guard lock(resting_mutex_);
            // No answer at all (a timeout, a refused connection): the target rests for
            // this attempt's backoff ceiling, and at least as long as the attempt took.
            if (verdict.outcome == delivery_verdict::kind::retry && !verdict.peer_status)
                resting_until_[*job.subscription_id] =
                    finished + std::max(retry_ceiling_ms(options_.backoff, job.attempts), finished - started);
            else resting_until_.erase(*job.subscription_id);
        }
        settled.push_back(settle(job, std::move(verdict), started, finished));
        if (finished - settled.front().finished >= verdict_hold_ms) write_verdicts(owner, settled);
    }
    write_verdicts(owner, settled);
    return static_cast<int>(batch.size()) == options_.batch;
}

} // namespace touchpoint::engine::dispatch
