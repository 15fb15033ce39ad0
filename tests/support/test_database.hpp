// The PostgreSQL database the tests share (TOUCHPOINT_TEST_PG, set by scripts/test).
#pragma once

#include <string>

namespace touchpoint::testing {

// The URL, or empty when the PostgreSQL cases should be skipped.
std::string postgresql_test_url();

// Drops every table, so a test starts from an empty schema and the migrations.
void empty_postgresql_database(const std::string& url);

} // namespace touchpoint::testing
