#include "engine/security/crypto.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine::security;

TEST(base64url, round_trips_every_length_of_a_block) {
    for (std::size_t size = 0; size <= 9; ++size) {
        bytes data;
        for (std::size_t i = 0; i < size; ++i) data.push_back(static_cast<std::uint8_t>(0xf0 + i * 7));
        const auto text = base64url_encode(data);
        EXPECT_EQ(text.find('='), std::string::npos) << "unpadded";
        bytes decoded{1, 2, 3};
        ASSERT_TRUE(base64url_decode(text, decoded)) << text;
        EXPECT_EQ(decoded, data) << text;
    }
}

TEST(base64url, refuses_a_second_spelling_of_the_same_bytes) {
    bytes out;
    // "AQ" is the byte 0x01; "AR" to "Af" set the 4 unused bits of the last character.
    ASSERT_TRUE(base64url_decode("AQ", out));
    EXPECT_EQ(out, bytes{0x01});
    for (const char* respelled : {"AR", "AS", "AZ", "Af"}) EXPECT_FALSE(base64url_decode(respelled, out)) << respelled;
    // Two bytes leave 2 unused bits: "AQE" is 0x01 0x01, "AQF" is not a spelling.
    ASSERT_TRUE(base64url_decode("AQE", out));
    EXPECT_FALSE(base64url_decode("AQF", out));
}

TEST(base64url, refuses_lengths_and_characters_no_encoder_writes) {
    bytes out;
    EXPECT_FALSE(base64url_decode("A", out)) << "6 bits are not a byte";
    EXPECT_FALSE(base64url_decode("AAAAA", out));
    EXPECT_FALSE(base64url_decode("AQ==", out)) << "padding is not base64url as issued";
    EXPECT_FALSE(base64url_decode("A+B/", out)) << "the standard alphabet's + and /";
    EXPECT_TRUE(base64url_decode("", out));
    EXPECT_TRUE(out.empty());
}
