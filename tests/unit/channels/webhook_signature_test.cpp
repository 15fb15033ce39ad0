#include "channels/webhook/webhook_signature.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace touchpoint::channels::webhook;

namespace {

// tests/webhooks/vectors.json: the specification's published vector and two
// more computed by the official npm package (tests/webhooks/README.md).
boost::json::array vectors() {
    std::ifstream file(std::string(TOUCHPOINT_FIXTURES) + "/../webhooks/vectors.json");
    std::stringstream text;
    text << file.rdbuf();
    return boost::json::parse(text.str()).at("vectors").as_array();
}

} // namespace

TEST(webhook_signature, matches_the_standard_webhooks_vectors) {
    const auto all = vectors();
    ASSERT_GE(all.size(), 1u);
    bool published = false;
    for (const auto& item : all) {
        const auto& v = item.as_object();
        const auto secret = webhook_secret::parse(std::string(v.at("secret").as_string()));
        ASSERT_TRUE(secret) << v.at("secret");
        EXPECT_EQ(secret->sign(std::string(v.at("msg_id").as_string()), v.at("timestamp").as_int64(),
                               std::string(v.at("payload").as_string())),
                  v.at("signature").as_string())
            << v.at("name");
        published = published || v.at("origin").as_string() == "published";
    }
    EXPECT_TRUE(published) << "the specification's own vector is among them";
}

TEST(webhook_signature, a_rotation_signs_with_both_secrets) {
    const auto old_secret = webhook_secret::generate(), new_secret = webhook_secret::generate();
    const auto header = signature_header({&new_secret, &old_secret}, "msg_1", 1'700'000'000, R"({"a":1})");
    EXPECT_EQ(header, new_secret.sign("msg_1", 1'700'000'000, R"({"a":1})") + " " +
                          old_secret.sign("msg_1", 1'700'000'000, R"({"a":1})"));
    EXPECT_NE(old_secret.text(), new_secret.text());
}

TEST(webhook_signature, generated_secrets_read_back_and_bad_ones_are_refused) {
    const auto secret = webhook_secret::generate();
    EXPECT_TRUE(secret.text().starts_with("whsec_"));
    const auto again = webhook_secret::parse(secret.text());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->sign("m", 1, "b"), secret.sign("m", 1, "b"));
    for (const char* bad : {"", "whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
                            "whsec_AAAA", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", "whsec_=fKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
        EXPECT_FALSE(webhook_secret::parse(bad)) << bad;
}
