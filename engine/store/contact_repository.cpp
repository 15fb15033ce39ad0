#include "engine/store/contact_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/job_repository.hpp"

#include "engine/store/nullable.hpp"

#include <stdexcept>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

std::optional<contact_with_standing> contact_repository::find_where(const std::string& column, const std::string& value) {
    contact_row row;
    nullable_column<std::string> email, name, locale, timezone;
    nullable_column<long long> unsubscribed;
    long long created = 0, updated = 0;
    // `column` is one of two constants chosen below, never input.
    const bool found_row = sql().run("SELECT id, external_id, email, name, locale, timezone, attributes, created_at, updated_at, "
                "unsubscribed_at FROM contacts WHERE " + column + " = :v",
        use(value), into(row.id), into(row.external_id), store::into(email), store::into(name), store::into(locale),
        store::into(timezone), into(row.attributes), into(created), into(updated), store::into(unsubscribed));
    if (!found_row) return std::nullopt;
    row.email = email.get();
    row.name = name.get();
    row.locale = locale.get();
    row.timezone = timezone.get();
    row.created_at = created;
    row.updated_at = updated;
    return contact_with_standing{std::move(row), unsubscribed.get().has_value()};
}

std::optional<contact_row> contact_repository::find_by_external_id(const std::string& external_id) {
    auto found = find_where("external_id", external_id);
    if (!found) return std::nullopt;
    return std::move(found->row);
}

std::optional<contact_with_standing> contact_repository::find_with_standing(const std::string& id) {
    return find_where("id", id);
}

std::optional<contact_row> contact_repository::find(const std::string& id) {
    auto found = find_where("id", id);
    if (!found) return std::nullopt;
    return std::move(found->row);
}

void contact_repository::insert(const contact_row& row) {
    std::string email = row.email.value_or(""), name = row.name.value_or(""), locale = row.locale.value_or(""),
                timezone = row.timezone.value_or("");
    soci::indicator email_set = indicator_of(row.email.has_value()), name_set = indicator_of(row.name.has_value()),
                    locale_set = indicator_of(row.locale.has_value()), timezone_set = indicator_of(row.timezone.has_value());
    const long long created = row.created_at, updated = row.updated_at;
    sql().run("INSERT INTO contacts (id, external_id, email, name, locale, timezone, attributes, created_at, updated_at) "
                "VALUES (:id, :ext, :email, :name, :locale, :tz, :attrs, :created, :updated)",
        use(row.id), use(row.external_id), use(email, email_set), use(name, name_set), use(locale, locale_set),
        use(timezone, timezone_set), use(row.attributes), use(created), use(updated));
}

void contact_repository::update(const contact_row& row) {
    std::string email = row.email.value_or(""), name = row.name.value_or(""), locale = row.locale.value_or(""),
                timezone = row.timezone.value_or("");
    soci::indicator email_set = indicator_of(row.email.has_value()), name_set = indicator_of(row.name.has_value()),
                    locale_set = indicator_of(row.locale.has_value()), timezone_set = indicator_of(row.timezone.has_value());
    const long long updated = row.updated_at;
    sql().run("UPDATE contacts SET email = :email, name = :name, locale = :locale, timezone = :tz, attributes = :attrs, "
                "updated_at = :updated WHERE id = :id",
        use(email, email_set), use(name, name_set), use(locale, locale_set), use(timezone, timezone_set),
        use(row.attributes), use(updated), use(row.id));
}

contact_with_standing contact_repository::ensure(const std::string& external_id, const std::string& new_id,
                                                std::int64_t now) {
    if (auto found = find_where("external_id", external_id)) return std::move(*found);
    const long long created = now;
    const auto inserted = sql().changed("INSERT INTO contacts (id, external_id, attributes, created_at, updated_at) "
                                        "VALUES (:id, :ext, '{}', :created, :updated) ON CONFLICT (external_id) DO NOTHING",
        use(new_id), use(external_id), use(created), use(created));
    if (inserted == 1) {
        contact_with_standing made;
        made.row.id = new_id;
        made.row.external_id = external_id;
        made.row.created_at = made.row.updated_at = now;
        return made;
    }
    // Another transaction made it between the two statements (PostgreSQL).
    auto found = find_where("external_id", external_id);
    if (!found) throw std::runtime_error("contacts: " + external_id + " was neither found nor made");
    return std::move(*found);
}

bool contact_repository::lock_for_surveys(const std::string& id) {
    if (dialect_of(session_) == dialect::sqlite) return false;
    int locked = 0;
    sql().run("SELECT 1 FROM contacts WHERE id = :id FOR UPDATE", use(id), into(locked));
    return true;
}

void contact_repository::set_unsubscribed_at(const std::string& id, std::optional<std::int64_t> at) {
    long long value = at.value_or(0);
    soci::indicator indicator = at ? soci::i_ok : soci::i_null;
    sql().run("UPDATE contacts SET unsubscribed_at = :at WHERE id = :id", use(value, indicator), use(id));
}

std::optional<std::int64_t> contact_repository::unsubscribed_at(const std::string& id) {
    long long at = 0;
    soci::indicator indicator = soci::i_null;
    const bool found_row = sql().run("SELECT unsubscribed_at FROM contacts WHERE id = :id", use(id), into(at, indicator));
    if (!found_row || indicator != soci::i_ok) return std::nullopt;
    return at;
}

std::vector<std::pair<contact_row, bool>> contact_repository::page_after(const std::string& after_id, int limit) {
    contact_row row;
    nullable_column<std::string> email, name, locale, timezone;
    nullable_column<long long> unsubscribed;
    long long created = 0, updated = 0;
    // The primary key's index, from the cursor: each page is one range read.
    soci::statement statement =
        (session_.prepare << "SELECT id, external_id, email, name, locale, timezone, attributes, created_at, updated_at, "
                             "unsubscribed_at FROM contacts WHERE id > :after ORDER BY id LIMIT :limit",
         use(after_id), use(limit), into(row.id), into(row.external_id), store::into(email), store::into(name),
         store::into(locale), store::into(timezone), into(row.attributes), into(created), into(updated),
         store::into(unsubscribed));
    statement.execute(false);
    std::vector<std::pair<contact_row, bool>> out;
    while (statement.fetch()) {
        auto copy = row;
        copy.email = email.get();
        copy.name = name.get();
        copy.locale = locale.get();
        copy.timezone = timezone.get();
        copy.created_at = created;
        copy.updated_at = updated;
        out.emplace_back(std::move(copy), unsubscribed.get().has_value());
    }
    return out;
}

void contact_repository::erase(const std::string& id) {
    sql().run("DELETE FROM events WHERE contact_id = :id", use(id));
    sql().run("DELETE FROM answers WHERE text_value IS NOT NULL AND response_id IN "
                "(SELECT id FROM responses WHERE contact_id = :id)",
        use(id));
    sql().run("UPDATE answers SET contact_id = NULL WHERE response_id IN (SELECT id FROM responses WHERE contact_id = :id)",
        use(id));
    sql().run("UPDATE responses SET contact_id = NULL WHERE contact_id = :id", use(id));
    // Nothing more is sent about them: their pending deliveries are cancelled, and
    // every message about them loses its body (the delivery log keeps that one
    // was sent, not what it said), so no retry or replay can send it again.
    const std::string erased = erased_job_payload; // bound by reference: outlives the statement
    sql().run("UPDATE jobs SET payload = :erased, state = CASE WHEN state IN ('pending', 'leased') THEN 'cancelled' "
                "ELSE state END WHERE invitation_id IN (SELECT id FROM invitations WHERE contact_id = :id)",
        use(erased), use(id));
    // The person's links stop working: nothing more may be stored about them.
    sql().run("UPDATE invitations SET contact_id = NULL, reason = 'contact_erased', state = CASE WHEN state IN "
                "('scheduled', 'sent', 'delivered') THEN 'cancelled' ELSE state END WHERE contact_id = :id",
        use(id));
    sql().run("DELETE FROM contacts WHERE id = :id", use(id));
}

sql_runner contact_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
