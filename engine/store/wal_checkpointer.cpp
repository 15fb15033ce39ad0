#include "engine/store/wal_checkpointer.hpp"

#include "engine/store/database.hpp"
#include "engine/thread_name.hpp"

#include <soci/soci.h>
#include <sys/resource.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

namespace touchpoint::engine::store {
namespace {

// PASSIVE checkpoints never block the writer, but under constant writes the WAL
// never becomes fully copied at a moment the writer starts a transaction, so it
// never starts over and keeps growing (and every read looks through its index).
// Past this size a RESTART checkpoint holds the writer back while it copies the
// little that is left and syncs, and the WAL starts over from its beginning.
constexpr long long restart_after_frames = 32768; // 128 MiB of 4 KiB pages

} // namespace

wal_checkpointer::wal_checkpointer(database& db, std::chrono::milliseconds interval) : interval_(interval) {
    if (db.kind() != dialect::sqlite) return;
    session_ = db.open_session();
    thread_ = std::thread([this] {
        name_this_thread("tp-checkpoint");
        run();
    });
}

wal_checkpointer::~wal_checkpointer() { stop(); }

void wal_checkpointer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void wal_checkpointer::run() {
    // Background work: let request threads have the CPU first.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        checkpoint();
        lock.lock();
    }
    lock.unlock();
    checkpoint(); // leave as little as possible in the WAL at shutdown
}

void wal_checkpointer::checkpoint() {
    try {
        int busy = 0;
        long long frames = 0, copied = 0;
        *session_ << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(frames), soci::into(copied);
        if (frames > restart_after_frames)
            *session_ << "PRAGMA wal_checkpoint(RESTART)", soci::into(busy), soci::into(frames), soci::into(copied);
    } catch (const std::exception& e) {
        // The next round tries again; the data is safe in the WAL meanwhile.
        spdlog::warn("WAL checkpoint failed: {}", e.what());
    }
}

} // namespace touchpoint::engine::store
