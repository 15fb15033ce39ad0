// SQL text built for the filters a call actually gives, with its parameters in
// the order they appear (PostgreSQL numbers placeholders by position, and a name
// may be bound only once). A query shaped this way lets the database seek its
// index instead of OR-ing away absent filters, which forces a scan.
#pragma once

#include <deque>
#include <string>
#include <variant>

namespace soci {
class statement;
}

namespace touchpoint::engine::store {

struct sql_builder {
    std::string text;
    std::deque<std::variant<std::string, long long>> params; // a deque: bound by reference

    sql_builder& add(const std::string& part) {
        text += part;
        return *this;
    }
    sql_builder& param(std::string value) {
        params.emplace_back(std::move(value));
        text += ":p" + std::to_string(params.size());
        return *this;
    }
    sql_builder& param(long long value) {
        params.emplace_back(value);
        text += ":p" + std::to_string(params.size());
        return *this;
    }
    // Binds every parameter to `statement`, in order (before alloc and prepare).
    void bind(soci::statement& statement);
};

} // namespace touchpoint::engine::store
