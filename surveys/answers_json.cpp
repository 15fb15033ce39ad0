#include "surveys/answers_json.hpp"

#include <boost/json.hpp>

namespace touchpoint::surveys {
namespace json = boost::json;

json::value to_json(const answer_value& value) {
    return std::visit([](const auto& v) -> json::value { return json::value_from(v); }, value);
}

json::object to_json(const answer_map& answers) {
    json::object out;
    for (const auto& [id, value] : answers) out[id] = to_json(value);
    return out;
}

answer_map answers_from_json(const json::value& stored) {
    answer_map out;
    if (!stored.is_object()) return out;
    for (const auto& [key, value] : stored.get_object()) {
        std::string id(key);
        if (value.is_int64()) out.emplace(std::move(id), value.get_int64());
        else if (value.is_uint64()) out.emplace(std::move(id), static_cast<std::int64_t>(value.get_uint64()));
        else if (value.is_bool()) out.emplace(std::move(id), value.get_bool());
        else if (value.is_string()) out.emplace(std::move(id), std::string(value.get_string()));
        else if (value.is_array()) {
            std::vector<std::string> items;
            for (const auto& item : value.get_array())
                if (item.is_string()) items.emplace_back(item.get_string());
            out.emplace(std::move(id), std::move(items));
        }
    }
    return out;
}

} // namespace touchpoint::surveys
