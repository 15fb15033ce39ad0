// Moves SQLite's WAL checkpoints off the committing threads: connections run
// with automatic checkpoints off, and this thread copies the WAL back into the
// database file (and syncs it) ten times a second with PASSIVE checkpoints,
// which never block writers, plus a RESTART once the WAL passes 128 MiB so it
// starts over instead of growing without end. Does nothing on PostgreSQL.
#pragma once

#include "engine/background_worker.hpp"

#include <chrono>
#include <memory>

namespace soci {
class session;
}

namespace touchpoint::engine::store {

class database;

class wal_checkpointer {
public:
    explicit wal_checkpointer(database& db, std::chrono::milliseconds interval = std::chrono::milliseconds(100));
    ~wal_checkpointer();
    wal_checkpointer(const wal_checkpointer&) = delete;
    wal_checkpointer& operator=(const wal_checkpointer&) = delete;

    // Stops after one last checkpoint, so little is left in the WAL at shutdown.
    void stop();

private:
    void checkpoint();

    std::unique_ptr<soci::session> session_;
    std::unique_ptr<background_worker> worker_;
};

} // namespace touchpoint::engine::store
