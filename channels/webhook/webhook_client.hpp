// An HTTP(S) client for webhook deliveries, built on Boost.Beast: POSTs one body
// to one URL and reports what the peer answered, within a connect timeout and a
// total timeout. Keep-alive connections are reused per scheme, host and port.
// TLS certificates are verified against the system store, with the host name.
// Redirects are not followed (a 3xx is an answer). Targets on loopback,
// private, link-local, multicast and cloud-metadata addresses are refused unless
// allowed, and the check applies to the address actually connected to, after
// DNS, so a name that resolves to 127.0.0.1 is refused too.
//
// One client serves one thread at a time: post() blocks until the peer answers
// or the timeout passes, so it belongs on a delivery worker's thread, never a
// network thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace touchpoint::channels::webhook {

struct client_options {
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds total_timeout{15'000}; // connect, send and read, together
    std::size_t max_response_body = 16 * 1024;      // kept for the delivery log; more is read and dropped
    bool allow_private = false;                      // --webhook-allow-private
    std::size_t max_idle_per_host = 4;
    std::string user_agent = "Touchpoint-Webhooks/1";
    std::string extra_ca_file; // PEM certificates trusted besides the system store (a private CA)
};

struct post_request {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string content_type = "application/json";
};

enum class post_failure {
    none,           // the peer answered: see status
    refused_target, // the URL or its address is not allowed; retrying will not help
    connect,        // no connection (DNS, refused, unreachable, TLS handshake)
    timeout,        // no complete answer within the timeouts
    io              // the connection broke while sending or reading
};

struct post_result {
    post_failure failure = post_failure::none;
    int status = 0;            // the HTTP status when answered
    std::string body;          // up to max_response_body bytes of the answer
    std::string error;         // what went wrong, for the delivery log
    std::chrono::milliseconds elapsed{0};
    bool reused_connection = false;
};

class webhook_client {
public:
    explicit webhook_client(client_options options = {});
    ~webhook_client();
    webhook_client(const webhook_client&) = delete;
    webhook_client& operator=(const webhook_client&) = delete;

    post_result post(const post_request& request);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// Why a webhook URL cannot be used, or nothing: http or https only, a host,
// no user name or password, at most 2,000 characters. With allow_private false,
// a literal IP address in the URL is checked here too (names are checked after DNS).
std::optional<std::string> refuse_webhook_url(std::string_view url, bool allow_private);

// Whether an address (text such as "10.0.0.1" or "fe80::1") is one webhooks may
// not reach by default: unspecified, loopback, private (RFC 1918, RFC 4193),
// shared (100.64/10), link-local (169.254/16 with the cloud metadata address,
// fe80::/10), multicast, reserved or benchmarking ranges, and IPv4 inside IPv6
// (::ffff:0:0/96, 64:ff9b::/96) by the IPv4 address it carries. False for text
// that is not an address.
bool is_private_address(std::string_view address);

} // namespace touchpoint::channels::webhook
