// Fuzzes what the HTTP server does with the bytes of a connection, mirroring
// engine/http/server.cpp's session: Beast's request_parser with the server's
// header and body limits, async_read_header then async_read on one buffer,
// 431 and 413 on the limits, "Expect: 100-continue", the conversion to
// engine::http::request, http::parse_target, the router (the engine's route
// table with stub handlers), and the response written back. The input is the
// client's bytes; pipelined requests are read one after the other. Checks:
// nothing throws; the bytes written back are well-formed HTTP responses, one
// per request, whose JSON bodies parse (so are valid UTF-8); reading the input
// in small pieces yields the same exchange as reading it at once.
#include "engine/config.hpp"
#include "engine/http/message.hpp"
#include "engine/http/router.hpp"
#include "engine/http/server.hpp"

#include "fuzz_check.hpp"

#include <boost/asio.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <cctype>
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
namespace http = touchpoint::engine::http;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

namespace {

const http::server_options server_defaults{};
const std::size_t header_limit = server_defaults.header_limit;
const std::size_t body_limit = touchpoint::engine::config{}.max_body_bytes; // what app.cpp passes on

// The routes the engine registers (engine/api/*_routes.cpp, engine/pages), each
// answering with its pattern and parameters as handlers echo ids in their errors.
const http::router& routes() {
    static const http::router table = [] {
        http::router r;
        const char* const patterns[][2] = {
            {"GET", "/healthz"}, {"GET", "/metrics"}, {"GET", "/v1/openapi.json"}, {"GET", "/v1/templates"},
            {"POST", "/v1/surveys"}, {"GET", "/v1/surveys"}, {"GET", "/v1/surveys/{id}"}, {"PUT", "/v1/surveys/{id}"},
            {"DELETE", "/v1/surveys/{id}"}, {"PUT", "/v1/contacts/{external_id}"}, {"GET", "/v1/contacts/{external_id}"},
            {"DELETE", "/v1/contacts/{external_id}"}, {"POST", "/v1/events"}, {"POST", "/v1/events/batch"},
            {"POST", "/v1/invitations"}, {"GET", "/v1/invitations"}, {"POST", "/v1/responses"}, {"GET", "/v1/responses"},
            {"GET", "/v1/responses/export"}, {"GET", "/v1/reports/lifecycle"}, {"GET", "/v1/reports/{survey_id}/scores"},
            {"GET", "/v1/reports/{survey_id}/text"}, {"POST", "/v1/reports/{survey_id}/share"}, {"GET", "/reports/{survey_id}"},
            {"GET", "/v1/themes"}, {"PUT", "/v1/themes"}, {"DELETE", "/v1/themes"}, {"GET", "/s/{token}"}, {"POST", "/s/{token}"},
        };
        for (const auto& [method, pattern] : patterns)
            r.add(method, pattern, [](http::request& req) {
                json::object params;
                for (const auto& [name, value] : req.params) params[name] = value;
                json::object query;
                for (const auto& [name, value] : req.query) query[name] = value;
                return http::json_response(200, json::object{{"route", req.route}, {"params", std::move(params)},
                                                             {"query", std::move(query)}});
            });
        return r;
    }();
    return table;
}

// server.cpp's to_request, which lives in an anonymous namespace there.
http::request to_request(const bhttp::request<bhttp::string_body>& in, bool& valid) {
    http::request out;
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = out.headers.emplace(std::move(name), std::string(field.value()));
        if (!inserted) it->second += ", " + std::string(field.value());
    }
    out.body = in.body();
    valid = http::parse_target(out.target, out.path, out.query);
    return out;
}

// What one connection did: the requests as the handler saw them, then how it ended.
struct exchange {
    std::vector<std::string> requests;
    std::string written; // per response written: 'c' 100 Continue, 'h' to a HEAD request (no body), 'r' any other
    std::string ended;
    std::string error; // the read error's message: not compared, since server.cpp handles every one alike
    friend bool operator==(const exchange& a, const exchange& b) {
        return a.requests == b.requests && a.written == b.written && a.ended == b.ended;
    }
};

std::string summary(const http::request& req, bool valid) {
    std::string out = req.method + ' ' + req.target + (valid ? " -> " + req.path : " invalid") + '\n';
    for (const auto& [name, value] : req.headers) out += name + ": " + value + '\n';
    return out + '\n' + req.body;
}

net::awaitable<void> write(beast::test::stream& stream, http::response& res, unsigned version, bool keep_alive, bool head,
                           exchange& seen) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "Touchpoint");
    for (const auto& [name, value] : res.headers) out.set(name, value);
    out.keep_alive(keep_alive);
    out.content_length(res.body.size());
    if (!head) out.body() = std::move(res.body);
    auto [ec, n] = co_await bhttp::async_write(stream, out, use_tuple);
    FUZZ_CHECK(!ec); // the test stream's peer never goes away
    seen.written += head ? 'h' : 'r';
}

// server::impl::session, without timeouts, the idle registry and the thread hand-over.
net::awaitable<void> session(beast::test::stream& stream, exchange& seen) {
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(header_limit));
        parser.body_limit(body_limit);

        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
        if (ec == bhttp::error::header_limit) {
            auto res = http::error_response(431, "header_too_large", "the request headers exceed the limit");
            co_await write(stream, res, 11, false, false, seen);
            seen.ended = "431";
            co_return;
        }
        if (ec == bhttp::error::body_limit) {
            auto res = http::error_response(413, "payload_too_large", "the request body exceeds the limit");
            co_await write(stream, res, parser.get().version(), false, false, seen);
            seen.ended = "413 at header";
            co_return;
        }
        if (ec) {
            seen.ended = "read header failed";
            seen.error = ec.message();
            co_return;
        }
        if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
            co_await bhttp::async_write(stream, go_on, use_tuple);
            seen.written += 'c';
        }
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
        const auto version = parser.get().version();
        if (ec == bhttp::error::body_limit) {
            auto res = http::error_response(413, "payload_too_large", "the request body exceeds the limit");
            co_await write(stream, res, version, false, false, seen);
            seen.ended = "413";
            co_return;
        }
        if (ec) {
            seen.ended = "read body failed";
            seen.error = ec.message();
            co_return;
        }
        const auto& message = parser.get();
        const bool keep_alive = message.keep_alive();
        const bool head = message.method() == bhttp::verb::head;
        bool valid = true;
        auto req = to_request(message, valid);
        seen.requests.push_back(summary(req, valid));
        http::response res;
        if (!valid) {
            res = http::error_response(400, "bad_request", "the request target is not a valid path and query");
        } else {
            (void)routes().resolve(req); // app.cpp's runs_inline
            res = routes().dispatch(req);
        }
        co_await write(stream, res, version, keep_alive, head, seen);
        if (!keep_alive) {
            seen.ended = "closed";
            co_return;
        }
    }
}

std::string describe(const exchange& seen) {
    std::string out;
    for (const auto& request : seen.requests) out += "[" + request + "]\n";
    return out + "written: " + seen.written + "\nended: " + seen.ended + " (" + seen.error + ")\n";
}

// Runs one connection over `input` read `read_size` bytes at a time; returns
// what the server did and the bytes it wrote back.
exchange serve(std::string_view input, std::size_t read_size, std::string& written) {
    net::io_context ioc;
    beast::test::stream server(ioc), client(ioc);
    server.connect(client);
    server.read_size(read_size);
    server.append(input);
    server.close_remote(); // the client sent everything: eof once it is read
    exchange seen;
    bool finished = false;
    net::co_spawn(ioc, session(server, seen), [&](std::exception_ptr e) {
        FUZZ_CHECK(!e); // server.cpp would log it and drop the connection
        finished = true;
    });
    ioc.run();
    FUZZ_CHECK(finished);
    written = std::string(client.str());
    return seen;
}

// The bytes written back must read as the responses the session wrote, in order.
void check_responses(std::string_view written, const exchange& seen) {
    beast::flat_buffer buffer;
    buffer.commit(net::buffer_copy(buffer.prepare(written.size()), net::buffer(written.data(), written.size())));
    for (char kind : seen.written) {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.eager(true);
        parser.body_limit(boost::none);
        parser.skip(kind == 'h');
        beast::error_code ec;
        buffer.consume(parser.put(buffer.data(), ec));
        FUZZ_CHECK(!ec && parser.is_done());
        const auto& res = parser.get();
        FUZZ_CHECK((kind == 'c') == (res.result() == bhttp::status::continue_));
        if (kind == 'r' && res[bhttp::field::content_type] == "application/json") {
            json::error_code json_ec;
            (void)json::parse(res.body(), json_ec);
            if (json_ec) std::fprintf(stderr, "not JSON (%s): %s\n", json_ec.message().c_str(), res.body().c_str());
            FUZZ_CHECK(!json_ec);
        }
    }
    FUZZ_CHECK(buffer.size() == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string written;
    const auto at_once = serve(input, size + 1, written);
    check_responses(written, at_once);

    // TCP may deliver the same bytes in any pieces; the exchange must not change.
    if (size <= 8192) {
        std::string written_in_pieces;
        const auto in_pieces = serve(input, 1 + size % 29, written_in_pieces);
        if (in_pieces != at_once) {
            std::fprintf(stderr, "at once:\n%s\nin pieces of %zu:\n%s\n", describe(at_once).c_str(), 1 + size % 29,
                         describe(in_pieces).c_str());
        }
        FUZZ_CHECK(in_pieces == at_once);
        FUZZ_CHECK(written_in_pieces == written);
    }
    return 0;
}
