#include "reports/json_cell.hpp"

#include "reports/csv_writer.hpp"

#include <boost/json.hpp>

namespace touchpoint::reports {
namespace json = boost::json;

std::string cell(const json::value* value) {
    if (!value || value->is_null()) return "";
    if (value->is_double()) return csv_number(value->get_double());
    if (value->is_int64()) return std::to_string(value->get_int64());
    if (value->is_uint64()) return std::to_string(value->get_uint64());
    if (value->is_bool()) return value->get_bool() ? "true" : "false";
    if (value->is_string()) return std::string(value->get_string());
    return json::serialize(*value);
}

const json::value* at_path(const json::object& object, std::initializer_list<const char*> path) {
    const json::object* current = &object;
    const json::value* found = nullptr;
    for (const char* key : path) {
        if (!current) return nullptr;
        found = current->if_contains(key);
        if (!found) return nullptr;
        current = found->if_object();
    }
    return found;
}

} // namespace touchpoint::reports
