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

TEST(token_signer, accepts_only_the_spelling_it_issued) {
    token_signer signer("0123456789abcdef0123456789abcdef");
    const auto token = signer.issue({new_invitation_id(), std::nullopt});
    ASSERT_EQ(token.size(), 50u) << "37 bytes: the last character holds 2 bits and 4 unused ones";
    // Setting the unused low bits spells the same bytes differently (found by tests/fuzz tokens).
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const auto last = alphabet.find(token.back());
    ASSERT_EQ(last % 16, 0u);
    for (std::size_t low = 1; low < 16; ++low) {
        auto respelled = token;
        respelled.back() = alphabet[last + low];
        EXPECT_FALSE(signer.verify(respelled)) << respelled;
    }
    EXPECT_TRUE(signer.verify(token));
}
