#include "support/test_database.hpp"

#include "engine/store/database.hpp"

#include <soci/soci.h>

#include <cstdlib>

namespace touchpoint::testing {

std::string postgresql_test_url() {
    const char* url = std::getenv("TOUCHPOINT_TEST_PG");
    return url ? url : "";
}

void empty_postgresql_database(const std::string& url) {
    engine::store::database db(url, 1);
    soci::session session(db.pool());
    // The whole schema, so a table a later migration adds needs no edit here.
    session << "DROP SCHEMA public CASCADE";
    session << "CREATE SCHEMA public";
}

} // namespace touchpoint::testing
