// Statements prepared once per connection and run many times: parsing SQL text
// (sqlite3_prepare_v2, or a PostgreSQL parse and plan) costs more than running a
// short statement, and the event, send and delivery paths run the same few dozen
// statements thousands of times a second.
#pragma once

#include "engine/store/database.hpp"

#include <soci/soci.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace touchpoint::engine::store {

// The statements prepared on one connection, by SQL text. Owned per pooled
// connection by `database` and reached through `leased_session::statements()`;
// dropped when the connection is opened again.
class statement_cache {
public:
    // Beyond this many texts (SQL that embeds a page size, say) statements are
    // made per call rather than kept.
    static constexpr std::size_t capacity = 256;

    // The statement for `sql` on `session`: allocated and prepared on first use,
    // with no variables bound (each run binds its own, then unbinds them); null
    // when the cache is full and holds no statement for `sql`.
    soci::statement* get(soci::session& session, std::string_view sql);
    // Finalizes the statement for `sql` (after an error left it mid-run).
    void drop(std::string_view sql);
    void clear() { statements_.clear(); }
    std::size_t size() const { return statements_.size(); }

private:
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, std::unique_ptr<soci::statement>, text_hash, std::equal_to<>> statements_;
};

// Runs SQL on one session, through its connection's statement cache when it has
// one, else on a statement made for the call (sessions outside the pool). Each
// run binds the given soci::use/soci::into exchanges, executes, steps the
// statement to its end, so no read snapshot stays open between calls, and unbinds.
class sql_runner {
public:
    sql_runner(soci::session& session, statement_cache* cache) : session_(session), cache_(cache) {}

    soci::session& session() { return session_; }

    // For a statement that reads at most one row (a key lookup, an aggregate) or
    // writes: true when a row was read into the exchanges. A SELECT that finds
    // several rows is a programming error (std::logic_error).
    template <class... Exchanges>
    bool run(std::string_view sql, Exchanges&&... exchanges) {
        return run_bound(sql, [&](soci::statement& statement) { (statement.exchange(std::forward<Exchanges>(exchanges)), ...); });
    }

    // For an INSERT, UPDATE or DELETE: how many rows it changed.
    template <class... Exchanges>
    long long changed(std::string_view sql, Exchanges&&... exchanges) {
        return with_statement(sql, [&](soci::statement& statement) {
            (statement.exchange(std::forward<Exchanges>(exchanges)), ...);
            statement.define_and_bind();
            statement.execute(true);
            return static_cast<long long>(statement.get_affected_rows());
        });
    }

    // For a statement that reads many rows: `on_row()` after each row has been
    // read into the exchanges.
    template <class OnRow, class... Exchanges>
    void for_each(OnRow&& on_row, std::string_view sql, Exchanges&&... exchanges) {
        for_each_bound(
            sql, [&](soci::statement& statement) { (statement.exchange(std::forward<Exchanges>(exchanges)), ...); }, on_row);
    }

    // run() and for_each() for exchanges made by `bind(soci::statement&)`, such
    // as a row struct's columns or an sql_builder's parameters.
    template <class Bind>
    bool run_bound(std::string_view sql, Bind&& bind) {
        return with_statement(sql, [&](soci::statement& statement) {
            bind(statement);
            statement.define_and_bind();
            const bool got = statement.execute(true);
            if (got && statement.fetch()) {
                while (statement.fetch()) {}
                throw std::logic_error("more than one row for a single-row statement: " + std::string(sql));
            }
            return got;
        });
    }
    template <class Bind, class OnRow>
    void for_each_bound(std::string_view sql, Bind&& bind, OnRow&& on_row) {
        with_statement(sql, [&](soci::statement& statement) {
            bind(statement);
            statement.define_and_bind();
            statement.execute(false);
            while (statement.fetch()) on_row();
            return 0;
        });
    }

private:
    template <class Body>
    auto with_statement(std::string_view sql, Body&& body) {
        soci::statement* cached = cache_ ? cache_->get(session_, sql) : nullptr;
        if (!cached) {
            soci::statement statement(session_);
            statement.alloc();
            statement.prepare(std::string(sql), soci::details::st_one_time_query);
            return body(statement);
        }
        soci::statement& statement = *cached;
        try {
            auto result = body(statement);
            statement.bind_clean_up();
            return result;
        } catch (...) {
            // A SQLite statement that failed may be left mid-run, holding its read
            // snapshot: finalize it. PostgreSQL's results are read whole, so its
            // statement stays prepared (a DEALLOCATE would fail in the aborted transaction).
            if (dialect_of(session_) == dialect::sqlite) cache_->drop(sql);
            else statement.bind_clean_up();
            throw;
        }
    }

    soci::session& session_;
    statement_cache* cache_;
};

} // namespace touchpoint::engine::store
