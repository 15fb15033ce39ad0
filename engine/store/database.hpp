// One database, SQLite or PostgreSQL, chosen by the connection string, with a
// pool of SOCI sessions: a session is never shared between threads.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

// SOCI stays inside engine/store/: headers name its types, only store sources include it.
namespace soci {
class connection_pool;
class session;
} // namespace soci

namespace touchpoint::engine::store {

class statement_cache;
class sql_runner;

enum class dialect { sqlite, postgresql };

// What a leased_session is for. `writing` marks a lease taken to run a write
// transaction at once: on SQLite it is the process's one writer connection (see
// leased_session); on PostgreSQL any pooled connection, as for `any`.
enum class lease_use { any, writing };

struct connection_target {
    dialect kind = dialect::sqlite;
    std::string soci_connect; // the backend's own connection string
    std::string sqlite_path;
    std::string sqlite_synchronous = "NORMAL"; // NORMAL or FULL
    std::string display; // for logs: never holds a password
};

// The dialect of an open session: the one place that asks SOCI which backend
// it is, for SQL that differs between the two (JSON functions, paging).
dialect dialect_of(soci::session& session);

// True for a PostgreSQL deadlock (40P01) or serialization failure (40001): the
// transaction was rolled back and running it again from the start may succeed.
bool is_transient_conflict(const std::exception& error);

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

    // A new session outside the pool, for a long-lived owner such as the response
    // writer; `cache_mib` sets SQLite's page cache (0: SQLite's default of 2 MiB).
    std::unique_ptr<soci::session> open_session(std::size_t cache_mib = 0) const;

    // Starts a transaction that takes the write lock at once (SQLite BEGIN IMMEDIATE),
    // so read-then-write sequences cannot fail half way on lock upgrade.
    void begin_write(soci::session& session) const;

private:
    friend class leased_session;
    friend class write_transaction;
    void open(soci::session& session) const;

    connection_target target_;
    std::size_t pool_size_;
    std::unique_ptr<soci::connection_pool> pool_;
    // SQLite: the connection that writing leases use, outside the pool. Its
    // statements are at position pool_size_ in prepared_ and statements_.
    std::unique_ptr<soci::session> writer_;
    // Per pooled connection: the statements prepared on it, by query type.
    // Declared after pool_ and writer_ so they are finalized before their connections close.
    std::vector<std::unordered_map<std::type_index, std::shared_ptr<void>>> prepared_;
    std::vector<std::unique_ptr<statement_cache>> statements_;
    // SQLite: this process's write transactions take turns here, handed over as
    // one ends, instead of polling SQLite's lock (see write_transaction).
    mutable std::mutex sqlite_writers_;
};

// One pooled connection, held for a scope. Hot queries keep their prepared
// statement on the connection, so SQL is parsed once per connection, not per call.
// A connection the database server has closed is opened again on lease.
//
// On SQLite a lease for lease_use::writing waits for this process's write turn
// and holds it until the lease ends, on one connection kept for writing. SQLite
// in WAL mode drops a connection's whole page cache when another connection has
// committed since its last transaction, so write transactions spread over the
// pool each began by reading their index pages again; on one connection the
// pages stay cached from one write to the next. A thread holding a writing lease
// must not ask for another one.
class leased_session {
public:
    explicit leased_session(database& db, lease_use use = lease_use::any);
    ~leased_session();
    leased_session(const leased_session&) = delete;
    leased_session& operator=(const leased_session&) = delete;

    soci::session& session() { return session_; }
    // The statements prepared on this connection, by SQL text (see sql_runner).
    statement_cache& statements();

    // The Query for this connection, built with Query(soci::session&) on first use.
    // Query must run each statement to its end (see read_one_row), so a cached
    // statement never holds a read snapshot open between calls.
    template <class Query>
    Query& prepared() {
        auto& slot = db_.prepared_[position_][std::type_index(typeid(Query))];
        if (!slot) slot = std::make_shared<Query>(session_);
        return *static_cast<Query*>(slot.get());
    }

    // True while this lease holds the SQLite write turn (a writing lease on SQLite).
    bool holds_write_turn() const { return write_turn_.owns_lock(); }

private:
    database& db_;
    std::unique_lock<std::mutex> write_turn_;
    std::size_t position_;
    soci::session& session_;
};

// A write transaction: BEGIN IMMEDIATE on SQLite, rolled back unless committed.
// Writes that belong together (an erasure, a batch of events) share one. On
// SQLite, write transactions of one process queue on a mutex before BEGIN, so
// the next starts as soon as one ends; other writers (the response writer, the
// checkpointer, a single UPDATE) still meet them at SQLite's lock. A thread must
// not open a second write transaction while it holds one.
class write_transaction {
public:
    write_transaction(const database& db, soci::session& session);
    // With a writing lease on SQLite the turn is the lease's, held until it ends.
    write_transaction(const database& db, leased_session& lease);
    ~write_transaction();
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;

    void commit();

private:
    write_transaction(const database& db, soci::session& session, bool take_turn);

    std::unique_lock<std::mutex> turn_;
    soci::session& session_;
    bool open_ = true;
};

// A savepoint inside a write transaction: what ran since it was set is undone
// unless it is released, and the transaction goes on (also on PostgreSQL after
// a failed statement). For work done one item at a time in a shared transaction.
class savepoint {
public:
    explicit savepoint(leased_session& lease);
    ~savepoint();
    savepoint(const savepoint&) = delete;
    savepoint& operator=(const savepoint&) = delete;

    void release();

private:
    soci::session& session_;
    bool open_ = true;
};

} // namespace touchpoint::engine::store
