#include "engine/store/database.hpp"

#include "engine/store/sqlite_wal_writes.hpp"
#include "engine/store/statement_cache.hpp"

#include <soci/connection-pool.h>
#include <soci/session.h>

#include <boost/url/parse.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h> // declares SQLite itself in namespace sqlite_api

#include <chrono>
#include <filesystem>
#include <thread>
#include <mutex>
#include <stdexcept>

namespace touchpoint::engine::store {
namespace {

// The writer connection's page cache: the indexes that event batches and sends
// walk (contacts by external id, events, invitations, jobs) stay in memory.
constexpr std::size_t writer_cache_mib = 16;

int wait_for_write_lock(void*, int attempts) {
    constexpr int quick_attempts = 20; // 2 ms at 100 us
    constexpr int give_up_after = quick_attempts + 10'000;
    if (attempts >= give_up_after) return 0;
    std::this_thread::sleep_for(attempts < quick_attempts ? std::chrono::microseconds(100) : std::chrono::microseconds(1000));
    return 1;
}

// libpq key=value values are quoted so spaces and quotes survive.
std::string conninfo_value(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

connection_target parse_postgresql(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) throw std::invalid_argument("--db: not a valid postgresql:// URL");
    connection_target target;
    target.kind = dialect::postgresql;
    std::string conninfo;
    auto add = [&](std::string_view key, std::string_view value) {
        if (value.empty()) return;
        if (!conninfo.empty()) conninfo += ' ';
        conninfo += std::string(key) + "=" + conninfo_value(value);
    };
    add("host", parsed->host_name().empty() ? std::string(parsed->encoded_host()) : parsed->host_name());
    add("port", parsed->port());
    add("user", parsed->user());
    add("password", parsed->password());
    std::string dbname = parsed->path();
    if (!dbname.empty() && dbname.front() == '/') dbname.erase(0, 1);
    add("dbname", dbname);
    for (auto param : parsed->params()) add(param.key, param.value);
    target.soci_connect = conninfo;
    target.display = "postgresql://" + (parsed->user().empty() ? "" : parsed->user() + "@") +
                     std::string(parsed->encoded_host_and_port()) + "/" + dbname;
    return target;
}

connection_target parse_sqlite(std::string_view url) {
    connection_target target;
    target.kind = dialect::sqlite;
    auto rest = url.substr(std::string_view("sqlite:").size());
    if (const auto question = rest.find('?'); question != std::string_view::npos) {
        const auto options = rest.substr(question + 1);
        rest = rest.substr(0, question);
        if (options == "synchronous=full") target.sqlite_synchronous = "FULL";
        else if (options == "synchronous=normal") target.sqlite_synchronous = "NORMAL";
        else throw std::invalid_argument("--db: the only sqlite option is synchronous=normal|full");
    }
    if (rest.starts_with("//")) rest.remove_prefix(2); // sqlite://PATH reads as sqlite:PATH
    if (rest.empty()) throw std::invalid_argument("--db: sqlite needs a file path, e.g. sqlite:data/touchpoint.db");
    if (rest == ":memory:") throw std::invalid_argument("--db: sqlite::memory: is not supported, every pooled connection would see its own database");
    target.sqlite_path = std::string(rest);
    if (target.sqlite_path.find_first_of(" '\"") != std::string::npos)
        throw std::invalid_argument("--db: the sqlite path must not contain spaces or quotes");
    target.soci_connect = "db=" + target.sqlite_path + " timeout=10";
    target.display = "sqlite:" + target.sqlite_path;
    return target;
}

// SQLite counts every allocation under one global mutex unless told not to; with
// many threads on the pool that mutex is the hottest lock in the process. Must
// run before SQLite initialises; if something initialised it first, both stay on.
void tune_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        // A connection is used by one thread at a time (the pool, the writer
        // turn), so SQLite need not lock each connection on every call.
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        // Each commit's WAL frames in one write (see sqlite_wal_writes.hpp).
        install_sqlite_wal_write_buffer();
    });
}

} // namespace

connection_target parse_connection_string(std::string_view url) {
    if (url.starts_with("sqlite:")) return parse_sqlite(url);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return parse_postgresql(url);
    throw std::invalid_argument("--db: must start with sqlite: or postgresql://");
}

database::database(std::string_view url, std::size_t pool_size)
    : target_(parse_connection_string(url)), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {
    if (target_.kind == dialect::sqlite) {
        tune_sqlite_once();
        const auto parent = std::filesystem::path(target_.sqlite_path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    for (std::size_t i = 0; i < pool_size; ++i) open(pool_->at(i));
    if (target_.kind == dialect::sqlite) writer_ = open_session(writer_cache_mib);
    prepared_.resize(pool_size + 1);
    for (std::size_t i = 0; i <= pool_size; ++i) statements_.push_back(std::make_unique<statement_cache>());
}

database::~database() = default;

namespace {

std::unique_lock<std::mutex> write_turn_for(database& db, std::mutex& turns, lease_use use) {
    if (use == lease_use::writing && db.kind() == dialect::sqlite) return std::unique_lock<std::mutex>(turns);
    return {};
}

} // namespace

leased_session::leased_session(database& db, lease_use use)
    : db_(db), write_turn_(write_turn_for(db, db.sqlite_writers_, use)),
      position_(write_turn_.owns_lock() ? db.pool_size_ : db.pool().lease()),
      session_(write_turn_.owns_lock() ? *db.writer_ : db.pool().at(position_)) {
    if (write_turn_.owns_lock() || session_.is_connected()) return;
    // The server closed this connection (a restart, a failover, an idle kill): the
    // query that found out has failed; open it again for this one and the next.
    try {
        db_.prepared_[position_].clear();
        db_.statements_[position_]->clear();
        session_.close();
        db_.open(session_);
    } catch (...) {
        db_.pool().give_back(position_);
        throw;
    }
}

leased_session::~leased_session() {
    if (!write_turn_.owns_lock()) db_.pool().give_back(position_);
}

statement_cache& leased_session::statements() { return *db_.statements_[position_]; }

bool is_transient_conflict(const std::exception& error) {
    const auto* postgresql = dynamic_cast<const soci::postgresql_soci_error*>(&error);
    if (!postgresql) return false;
    const auto state = postgresql->sqlstate();
    return state == "40P01" || state == "40001";
}

dialect dialect_of(soci::session& session) {
    return session.get_backend_name() == "postgresql" ? dialect::postgresql : dialect::sqlite;
}

write_transaction::write_transaction(const database& db, soci::session& session) : write_transaction(db, session, true) {}

write_transaction::write_transaction(const database& db, leased_session& lease)
    : write_transaction(db, lease.session(), !lease.holds_write_turn()) {}

write_transaction::write_transaction(const database& db, soci::session& session, bool take_turn)
    : turn_(db.sqlite_writers_, std::defer_lock), session_(session) {
    if (take_turn && db.kind() == dialect::sqlite) turn_.lock();
    db.begin_write(session_);
}

write_transaction::~write_transaction() {
    if (open_) try {
            session_.rollback();
        } catch (...) {
        }
}

savepoint::savepoint(leased_session& lease) : session_(lease.session()) { session_ << "SAVEPOINT item"; }

savepoint::~savepoint() {
    if (open_) try {
            session_ << "ROLLBACK TO SAVEPOINT item";
            session_ << "RELEASE SAVEPOINT item";
        } catch (...) {
        }
}

void savepoint::release() {
    session_ << "RELEASE SAVEPOINT item";
    open_ = false;
}

void write_transaction::commit() {
    session_.commit();
    open_ = false;
    if (turn_.owns_lock()) turn_.unlock();
}

void database::open(soci::session& session) const {
    if (target_.kind == dialect::postgresql) {
        session.open(soci::postgresql, target_.soci_connect);
        session << "SET TIME ZONE 'UTC'";
        return;
    }
    session.open(soci::sqlite3, target_.soci_connect);
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=" + target_.sqlite_synchronous;
    session << "PRAGMA foreign_keys=ON";
    // Writers in this process wait for each other's write lock: retried soon at
    // first, then every millisecond, for up to 10 s (SQLite's own busy handler
    // sleeps 25 then 100 ms at a time, which left batches idle long after the
    // lock was free).
    sqlite_api::sqlite3_busy_handler(static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_,
                                     wait_for_write_lock, nullptr);
    // Commits only append to the WAL; the wal_checkpointer copies it back (and
    // the response writer's session turns its own checkpoint on again).
    session << "PRAGMA wal_autocheckpoint=0";
}

std::unique_ptr<soci::session> database::open_session(std::size_t cache_mib) const {
    auto session = std::make_unique<soci::session>();
    open(*session);
    if (cache_mib > 0 && target_.kind == dialect::sqlite) *session << "PRAGMA cache_size=-" + std::to_string(cache_mib * 1024);
    return session;
}

void database::begin_write(soci::session& session) const {
    if (target_.kind == dialect::sqlite) session << "BEGIN IMMEDIATE";
    else session.begin();
}

} // namespace touchpoint::engine::store
