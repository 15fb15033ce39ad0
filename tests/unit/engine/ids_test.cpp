#include "engine/security/crypto.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

using namespace touchpoint::engine::security;

TEST(ids, ordered_ids_sort_by_creation_time_and_stay_unique) {
    const auto random = new_id("job");
    const auto first = new_ordered_id("job");
    EXPECT_EQ(first.size(), random.size()) << "the same shape as a random id";
    EXPECT_EQ(first.rfind("job_", 0), 0u);
    EXPECT_EQ(first.find_first_not_of("0123456789abcdef", 4), std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto later = new_ordered_id("job");
    EXPECT_LT(first, later) << "an id made later sorts after";

    std::set<std::string> seen;
    for (int i = 0; i < 10'000; ++i) seen.insert(new_ordered_id("att"));
    EXPECT_EQ(seen.size(), 10'000u) << "ids made in one millisecond differ by their random part";
}
