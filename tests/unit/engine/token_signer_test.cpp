#include "engine/security/token_signer.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine::security;

TEST(token_signer, round_trips_the_invitation_and_expiry) {
    token_signer signer("0123456789abcdef0123456789abcdef");
    const auto id = new_invitation_id();
    auto claims = signer.verify(signer.issue({id, 1'800'000'000'000}));
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->invitation_id, id);
    EXPECT_EQ(*claims->expires_at_ms, 1'800'000'000'000);
}

TEST(token_signer, rejects_a_tampered_token_and_another_secret) {
    token_signer signer("0123456789abcdef0123456789abcdef");
    auto token = signer.issue({new_invitation_id(), std::nullopt});
    auto tampered = token;
    tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(signer.verify(tampered));
    EXPECT_FALSE(token_signer("another secret of enough length!").verify(token));
    EXPECT_FALSE(signer.verify("not-a-token"));
}
