#include "engine/http/router.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine::http;

TEST(router, fills_path_parameters) {
    router r;
    r.add("GET", "/v1/surveys/{id}", [](request& req) { return text_response(200, req.params["id"]); });
    request req;
    req.method = "GET";
    req.path = "/v1/surveys/svy_1";
    auto res = r.dispatch(req);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "svy_1");
    EXPECT_EQ(req.route, "/v1/surveys/{id}");
}

TEST(router, answers_404_and_405_with_allow) {
    router r;
    r.add("GET", "/healthz", [](request&) { return text_response(200, "ok"); });
    request missing{.method = "GET", .path = "/nope"};
    EXPECT_EQ(r.dispatch(missing).status, 404);
    request wrong{.method = "POST", .path = "/healthz"};
    auto res = r.dispatch(wrong);
    EXPECT_EQ(res.status, 405);
    EXPECT_EQ(res.header("Allow"), "GET");
}
