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

TEST(router, a_fixed_segment_wins_over_a_parameter_whatever_the_method) {
    router r;
    r.add("GET", "/v1/campaigns/{id}", [](request& req) { return text_response(200, "campaign " + req.params["id"]); });
    r.add("POST", "/v1/campaigns/preview", [](request&) { return text_response(200, "preview"); });
    r.add("POST", "/v1/campaigns/{id}/activate", [](request&) { return text_response(200, "activate"); });
    auto preview = make_request("POST", "/v1/campaigns/preview");
    EXPECT_EQ(r.dispatch(preview).body, "preview");
    auto resolved = make_request("POST", "/v1/campaigns/preview");
    r.resolve(resolved);
    EXPECT_EQ(resolved.route, "/v1/campaigns/preview");
    auto get = make_request("GET", "/v1/campaigns/preview");
    EXPECT_EQ(r.resolve(get), runs_on::worker_pool);
    const auto refused = r.dispatch(get);
    EXPECT_EQ(refused.status, 405) << "not read as a campaign id";
    EXPECT_EQ(refused.header("Allow"), "POST");
    auto campaign = make_request("GET", "/v1/campaigns/cmp_1");
    EXPECT_EQ(r.dispatch(campaign).body, "campaign cmp_1");
    auto activate = make_request("POST", "/v1/campaigns/preview/activate");
    EXPECT_EQ(r.dispatch(activate).body, "activate") << "only a path the fixed route matches whole";
}

TEST(router, says_which_routes_run_on_the_network_thread) {
    router r;
    r.add("GET", "/healthz", [](request&) { return text_response(200, "ok"); }, runs_on::network_thread);
    r.add("GET", "/v1/surveys/{id}", [](request&) { return text_response(200, "survey"); });
    auto health = make_request("GET", "/healthz");
    EXPECT_EQ(r.resolve(health), runs_on::network_thread);
    auto survey = make_request("GET", "/v1/surveys/svy_1");
    EXPECT_EQ(r.resolve(survey), runs_on::worker_pool);
    EXPECT_EQ(survey.params["id"], "svy_1") << "resolving fills the path parameters";
    EXPECT_EQ(r.dispatch(survey).body, "survey") << "dispatch uses the route resolve found";
    auto wrong_method = make_request("POST", "/healthz");
    EXPECT_EQ(r.resolve(wrong_method), runs_on::worker_pool); // a 405 goes to the pool
    EXPECT_EQ(r.dispatch(wrong_method).status, 405);
    auto missing = make_request("GET", "/nope");
    EXPECT_EQ(r.resolve(missing), runs_on::worker_pool);
    EXPECT_EQ(r.dispatch(missing).status, 404);
}

TEST(router, refuses_a_path_or_query_parameter_that_is_not_utf8_before_any_handler_runs) {
    router r;
    int calls = 0;
    r.add("GET", "/v1/contacts/{id}", [&calls](request&) { ++calls; return text_response(200, "ok"); });
    auto bad_path = make_request("GET", "/v1/contacts/caf\xE9");
    auto res = r.dispatch(bad_path);
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.body.find(R"("field":"path")"), std::string::npos) << res.body;
    auto bad_query = make_request("GET", "/v1/contacts/c1");
    bad_query.query["plan"] = "pro\xFF";
    res = r.dispatch(bad_query);
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.body.find(R"("field":"plan")"), std::string::npos) << res.body;
    EXPECT_EQ(calls, 0);
    auto fine = make_request("GET", "/v1/contacts/café");
    fine.query["q"] = "日本";
    EXPECT_EQ(r.dispatch(fine).status, 200);
}
