// Contacts, keyed for callers by the customer's own external id.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace touchpoint::engine::store {

class contact_repository {
public:
    explicit contact_repository(soci::session& session) : session_(session) {}
    explicit contact_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    std::optional<contact_row> find_by_external_id(const std::string& external_id);
    std::optional<contact_row> find(const std::string& id);
    // The contact and whether it unsubscribed, in one read.
    std::optional<contact_with_standing> find_with_standing(const std::string& id);
    void insert(const contact_row& row);
    void update(const contact_row& row);
    // The contact with this external id, made bare under `new_id` (no personal
    // data, no attributes, created at `now`) when there is none yet, so events may
    // arrive before the contact's upsert. One statement for a contact that exists
    // or is new; safe against a concurrent creation of the same contact.
    contact_with_standing ensure(const std::string& external_id, const std::string& new_id, std::int64_t now);
    // Takes the contact's row lock until the transaction ends, so fatigue checks
    // for one contact, in any process, run one after the other. On PostgreSQL a
    // row lock (SELECT ... FOR UPDATE); on SQLite nothing, since a write
    // transaction (BEGIN IMMEDIATE) holds the whole database's only write lock.
    // Returns whether rows this transaction read before the call may have changed
    // since (PostgreSQL: read them again; SQLite: they are current).
    bool lock_for_surveys(const std::string& id);
    // When the contact unsubscribed from surveys, if it did.
    std::optional<std::int64_t> unsubscribed_at(const std::string& id);
    // Unsubscribes the contact at `at`, or subscribes it again (nullopt).
    void set_unsubscribed_at(const std::string& id, std::optional<std::int64_t> at);
    // Up to `limit` contacts after the id `after_id` ("" for the first page), by
    // id, with whether each unsubscribed: a walk over every contact, one page at a time.
    std::vector<std::pair<contact_row, bool>> page_after(const std::string& after_id, int limit);
    // GDPR erasure: the contact row and its events go; responses keep their
    // scores and lose the link to the person and the free-text answer rows (the caller rewrites the
    // stored answer documents, which needs the survey definitions).
    void erase(const std::string& id);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    std::optional<contact_with_standing> find_where(const std::string& column, const std::string& value);

    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
