#include "engine/http/router.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine::http;

namespace {
request make_request(std::string method, std::string path) {
    request req;
    req.method = std::move(method);
    req.path = std::move(path);
    return req;
}
} // namespace

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
    auto missing = make_request("GET", "/nope");
    EXPECT_EQ(r.dispatch(missing).status, 404);
    auto wrong = make_request("POST", "/healthz");
    auto res = r.dispatch(wrong);
    EXPECT_EQ(res.status, 405);
    EXPECT_EQ(res.header("Allow"), "GET");
}

TEST(router, says_which_routes_run_on_the_network_thread) {
    router r;
    r.add("GET", "/healthz", [](request&) { return text_response(200, "ok"); }, runs_on::network_thread);
    r.add("GET", "/v1/surveys/{id}", [](request&) { return text_response(200, "survey"); });
    EXPECT_TRUE(r.runs_on_network_thread(make_request("GET", "/healthz")));
    EXPECT_FALSE(r.runs_on_network_thread(make_request("GET", "/v1/surveys/svy_1")));
    EXPECT_FALSE(r.runs_on_network_thread(make_request("POST", "/healthz"))); // a 405 goes to the pool
    EXPECT_FALSE(r.runs_on_network_thread(make_request("GET", "/nope")));
}
