#include "engine/store/sql_builder.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {

void sql_builder::bind(soci::statement& statement) {
    for (auto& value : params)
        std::visit([&statement](auto& v) { statement.exchange(soci::use(v)); }, value);
}

} // namespace touchpoint::engine::store
