// One database, SQLite or PostgreSQL, chosen by the connection string, with a
// pool of SOCI sessions: a session is never shared between threads.
#pragma once

#include <soci/connection-pool.h>
#include <soci/session.h>

#include <memory>
#include <string>
#include <string_view>

namespace touchpoint::engine::store {

enum class dialect { sqlite, postgresql };

struct connection_target {
    dialect kind = dialect::sqlite;
    std::string soci_connect; // the backend's own connection string
    std::string sqlite_path;
    std::string sqlite_synchronous = "NORMAL"; // NORMAL or FULL
    std::string display; // for logs: never holds a password
};

// Parses "sqlite:PATH[?synchronous=full]" or "postgresql://user:pass@host:port/db?...".
// Throws std::invalid_argument with a message that names what is wrong.
connection_target parse_connection_string(std::string_view url);

class database {
public:
    database(std::string_view url, std::size_t pool_size);
    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    dialect kind() const { return target_.kind; }
    const connection_target& target() const { return target_; }
    soci::connection_pool& pool() { return *pool_; }
    std::size_t pool_size() const { return pool_size_; }

    // A new session outside the pool, for a long-lived owner such as the response writer.
    std::unique_ptr<soci::session> open_session() const;

    // Starts a transaction that takes the write lock at once (SQLite BEGIN IMMEDIATE),
    // so read-then-write sequences cannot fail half way on lock upgrade.
    void begin_write(soci::session& session) const;

private:
    void open(soci::session& session) const;

    connection_target target_;
    std::size_t pool_size_;
    std::unique_ptr<soci::connection_pool> pool_;
};

// A write transaction: BEGIN IMMEDIATE on SQLite, rolled back unless committed.
class write_transaction {
public:
    write_transaction(const database& db, soci::session& session) : session_(session) { db.begin_write(session_); }
    ~write_transaction() {
        if (open_) try { session_.rollback(); } catch (...) {}
    }
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;

    void commit() {
        session_.commit();
        open_ = false;
    }

private:
    soci::session& session_;
    bool open_ = true;
};

} // namespace touchpoint::engine::store
