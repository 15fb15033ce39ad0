#include "engine/services/campaign_preview_service.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;
namespace json = boost::json;

namespace {
std::int64_t at(const char* text) { return *parse_time(text); }

std::vector<std::string> fields_of(const touchpoint::engine::services::service_error& error) {
    std::vector<std::string> out;
    for (const auto& d : error.details) out.push_back(d.field);
    return out;
}
} // namespace

TEST(preview_request, reads_a_campaign_or_a_campaign_id_and_since) {
    using touchpoint::engine::services::read_preview_request;
    const auto now = at("2026-12-01T00:00:00Z");
    const auto by_id = read_preview_request(json::parse(R"({"campaign_id": "cmp_1", "since": "P7D"})"), now);
    ASSERT_TRUE(by_id);
    EXPECT_EQ(*by_id->campaign_id, "cmp_1");
    EXPECT_EQ(by_id->since, *parse_iso_duration("P7D"));
    const auto by_definition = read_preview_request(json::parse(R"({"campaign": {"name": "x"}})"), now);
    ASSERT_TRUE(by_definition);
    EXPECT_TRUE(by_definition->campaign);
    EXPECT_EQ(by_definition->since, *parse_iso_duration("P30D")) << "the default";
    EXPECT_TRUE(read_preview_request(json::parse(R"({"campaign_id": "cmp_1", "since": "P12M"})"), now)) << "365 days back from December";
}

TEST(preview_request, refuses_with_the_field_named) {
    using touchpoint::engine::services::read_preview_request;
    const auto now = at("2026-12-01T00:00:00Z");
    auto refused = [&](const char* body) {
        auto result = read_preview_request(json::parse(body), now);
        EXPECT_FALSE(result) << body;
        return result ? std::vector<std::string>{} : fields_of(result.error());
    };
    EXPECT_EQ(refused(R"({})"), std::vector<std::string>{"campaign"});
    EXPECT_EQ(refused(R"({"campaign": {}, "campaign_id": "cmp_1"})"), std::vector<std::string>{"campaign_id"});
    EXPECT_EQ(refused(R"({"campaign": "cmp_1"})"), std::vector<std::string>{"campaign"});
    EXPECT_EQ(refused(R"({"campaign_id": 5})"), std::vector<std::string>{"campaign_id"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "since": "30 days"})"), std::vector<std::string>{"since"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "since": "-P30D"})"), std::vector<std::string>{"since"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "since": "PT0S"})"), std::vector<std::string>{"since"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "since": "P367D"})"), std::vector<std::string>{"since"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "since": 30})"), std::vector<std::string>{"since"});
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_1", "until": "P1D"})"), std::vector<std::string>{"until"});
    EXPECT_EQ(refused(R"([1])"), std::vector<std::string>{"body"});
    const auto message = read_preview_request(json::parse(R"({"campaign_id": "cmp_1", "since": "soon"})"), now).error().message;
    EXPECT_EQ(message, "since not an ISO 8601 duration (such as PT2H, P3D, P90D or -P30D)");
}
