#include "engine/store/wal_checkpointer.hpp"

#include "engine/store/database.hpp"

#include <soci/soci.h>
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

wal_checkpointer::wal_checkpointer(database& db, std::chrono::milliseconds interval) {
    if (db.kind() != dialect::sqlite) return;
    session_ = db.open_session();
    worker_ = std::make_unique<background_worker>(
        background_worker_options{"tp-checkpoint", interval, /*low_priority=*/true, /*final_round=*/true}, [this] {
            checkpoint();
            return false;
        });
    worker_->start();
}

wal_checkpointer::~wal_checkpointer() { stop(); }

void wal_checkpointer::stop() {
    if (worker_) worker_->stop();
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
