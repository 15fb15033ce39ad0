#include "engine/store/statement_cache.hpp"

namespace touchpoint::engine::store {

soci::statement* statement_cache::get(soci::session& session, std::string_view sql) {
    if (const auto found = statements_.find(sql); found != statements_.end()) return found->second.get();
    if (statements_.size() >= capacity) return nullptr;
    auto statement = std::make_unique<soci::statement>(session);
    statement->alloc();
    statement->prepare(std::string(sql), soci::details::st_repeatable_query);
    return statements_.emplace(std::string(sql), std::move(statement)).first->second.get();
}

void statement_cache::drop(std::string_view sql) {
    if (const auto found = statements_.find(sql); found != statements_.end()) statements_.erase(found);
}

} // namespace touchpoint::engine::store
