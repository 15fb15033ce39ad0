#include "engine/security/report_link.hpp"

#include <gtest/gtest.h>

using touchpoint::engine::security::report_link_signer;

TEST(report_link, opens_its_survey_until_it_expires) {
    report_link_signer signer("0123456789abcdef0123456789abcdef");
    const auto link = signer.issue("svy_1", 1'800'000'000'000);
    EXPECT_TRUE(signer.verify("svy_1", link, 1'799'999'999'999));
    EXPECT_FALSE(signer.verify("svy_1", link, 1'800'000'000'000));
    EXPECT_FALSE(signer.verify("svy_2", link, 0));
}

TEST(report_link, accepts_only_the_spelling_it_issued) {
    // The signature covers the expiry's digits as issued (found by tests/fuzz tokens).
    report_link_signer signer("0123456789abcdef0123456789abcdef");
    const auto link = signer.issue("svy_1", 1'800'000'000'000);
    EXPECT_FALSE(signer.verify("svy_1", "0" + link, 0));
    EXPECT_FALSE(signer.verify("svy_1", "000" + link, 0));
    EXPECT_FALSE(signer.verify("svy_1", "+" + link, 0));
    EXPECT_TRUE(signer.verify("svy_1", link, 0));
}
