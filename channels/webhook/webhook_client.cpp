#include "channels/webhook/webhook_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <map>

namespace touchpoint::channels::webhook {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

namespace {

// Bodies past this are not read to the end: the connection is dropped instead.
constexpr std::size_t max_readable_body = 1024 * 1024;

struct target {
    bool https = false;
    std::string host; // without brackets
    std::string port;
    std::string path; // with the query
    std::string key() const { return (https ? "https://" : "http://") + host + ":" + port; }
};

std::optional<target> parse_target(std::string_view url, std::string& error) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) {
        error = "is not an absolute URL";
        return std::nullopt;
    }
    const auto& u = *parsed;
    target t;
    const auto scheme = u.scheme();
    if (scheme == "https") t.https = true;
    else if (scheme != "http") {
        error = "must use http or https";
        return std::nullopt;
    }
    if (u.has_userinfo()) {
        error = "must not hold a user name or password";
        return std::nullopt;
    }
    t.host = std::string(u.host_address());
    if (t.host.empty()) {
        error = "has no host";
        return std::nullopt;
    }
    t.port = u.has_port() ? std::string(u.port()) : (t.https ? "443" : "80");
    t.path = std::string(u.encoded_path());
    if (t.path.empty()) t.path = "/";
    if (u.has_query()) t.path += "?" + std::string(u.encoded_query());
    return t;
}

bool private_v4(const net::ip::address_v4& a) {
    const auto b = a.to_bytes();
    return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
           (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
           (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 192 && b[1] == 168) ||
           (b[0] == 198 && (b[1] & 0xfe) == 18) || b[0] >= 224;
}

bool private_address(const net::ip::address& address) {
    if (address.is_v4()) return private_v4(address.to_v4());
    const auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return private_v4(net::ip::make_address_v4(net::ip::v4_mapped, v6));
    const auto b = v6.to_bytes();
    // 64:ff9b::/96, NAT64: judged by the IPv4 address it carries.
    static constexpr std::array<unsigned char, 12> nat64{0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::equal(nat64.begin(), nat64.end(), b.begin()))
        return private_v4(net::ip::address_v4({b[12], b[13], b[14], b[15]}));
    return v6.is_unspecified() || v6.is_loopback() || v6.is_link_local() || v6.is_multicast() ||
           (b[0] & 0xfe) == 0xfc /* fc00::/7, unique local */ || v6.is_site_local();
}

} // namespace

bool is_private_address(std::string_view text) {
    boost::system::error_code ec;
    const auto address = net::ip::make_address(std::string(text), ec);
    return !ec && private_address(address);
}

std::optional<std::string> refuse_webhook_url(std::string_view url, bool allow_private) {
    if (url.size() > 2000) return std::string("must be at most 2000 characters");
    std::string error;
    auto t = parse_target(url, error);
    if (!t) return error;
    if (!allow_private && is_private_address(t->host))
        return std::string("points to a private, loopback or link-local address (allowed only with --webhook-allow-private)");
    return std::nullopt;
}

// A TCP socket whose blocking reads and writes give up at a deadline: the
// synchronous stream under Beast's HTTP and Asio's TLS calls. A delivery worker
// waits for its peer anyway; blocking calls cost a send, a poll and a receive
// per exchange, where an event loop run per post added timers, reactor
// registrations and epoll calls to each one.
class deadline_socket {
public:
    using lowest_layer_type = tcp::socket::lowest_layer_type;
    using executor_type = tcp::socket::executor_type;

    explicit deadline_socket(net::io_context& ioc) : socket_(ioc) {}

    executor_type get_executor() { return socket_.get_executor(); }
    lowest_layer_type& lowest_layer() { return socket_.lowest_layer(); }
    void set_deadline(clock_type::time_point deadline) { deadline_ = deadline; }

    // Tries each endpoint in turn until `until`; the socket is non-blocking from
    // here on, and every wait is a poll bounded by the deadline.
    void connect(const std::vector<tcp::endpoint>& endpoints, clock_type::time_point until, boost::system::error_code& ec) {
        ec = net::error::host_not_found;
        for (const auto& endpoint : endpoints) {
            boost::system::error_code ignored;
            if (socket_.is_open()) socket_.close(ignored);
            socket_.open(endpoint.protocol(), ec);
            if (ec) continue;
            socket_.non_blocking(true, ec);
            if (ec) continue;
            if (::connect(socket_.native_handle(), endpoint.data(), static_cast<socklen_t>(endpoint.size())) == 0) {
                ec.clear();
            } else if (errno != EINPROGRESS) {
                ec.assign(errno, boost::system::system_category());
                continue;
            } else {
                const auto saved = deadline_;
                deadline_ = until;
                const bool ready = wait(POLLOUT, ec);
                deadline_ = saved;
                if (!ready) {
                    if (ec == beast::error::timeout) return; // the connect timeout covers every address
                    continue;
                }
                int error = 0;
                socklen_t size = sizeof error;
                if (::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
                if (error != 0) {
                    ec.assign(error, boost::system::system_category());
                    continue;
                }
                ec.clear();
            }
            socket_.set_option(tcp::no_delay(true), ignored);
            return;
        }
    }

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
        // Right after a request the answer is not there yet: wait before reading.
        if (wrote_last_ && !wait(POLLIN, ec)) return 0;
        wrote_last_ = false;
        for (;;) {
            const auto n = socket_.read_some(buffers, ec);
            if (ec != net::error::would_block && ec != net::error::try_again) return n;
            if (!wait(POLLIN, ec)) return 0;
        }
    }
    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
        boost::system::error_code ec;
        const auto n = read_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

    template <class ConstBuffers>
    std::size_t write_some(const ConstBuffers& buffers, boost::system::error_code& ec) {
        wrote_last_ = true;
        for (;;) {
            const auto n = socket_.write_some(buffers, ec); // MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE
            if (ec != net::error::would_block && ec != net::error::try_again) return n;
            if (!wait(POLLOUT, ec)) return 0;
        }
    }
    template <class ConstBuffers>
    std::size_t write_some(const ConstBuffers& buffers) {
        boost::system::error_code ec;
        const auto n = write_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

private:
    // Waits for `events` until the deadline; false with ec set on timeout or error.
    bool wait(short events, boost::system::error_code& ec) {
        for (;;) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - clock_type::now()).count();
            if (left <= 0) {
                ec = beast::error::timeout;
                return false;
            }
            pollfd target{socket_.native_handle(), events, 0};
            const int ready = ::poll(&target, 1, static_cast<int>(std::min<long long>(left, 60'000)));
            if (ready > 0) return true;
            if (ready < 0 && errno != EINTR) {
                ec.assign(errno, boost::system::system_category());
                return false;
            }
        }
    }

    tcp::socket socket_;
    clock_type::time_point deadline_ = clock_type::time_point::max();
    bool wrote_last_ = false;
};

struct webhook_client::impl {
    // One open connection, plain or TLS.
    struct connection {
        std::unique_ptr<deadline_socket> plain;
        std::unique_ptr<net::ssl::stream<deadline_socket>> secure;
        beast::flat_buffer buffer;
        deadline_socket& lowest() { return plain ? *plain : secure->next_layer(); }
    };

    explicit impl(client_options o) : options(std::move(o)), tls(net::ssl::context::tls_client) {
        tls.set_default_verify_paths();
        if (!options.extra_ca_file.empty()) tls.load_verify_file(options.extra_ca_file); // throws when unreadable
        tls.set_verify_mode(net::ssl::verify_peer);
    }

    client_options options;
    net::io_context ioc; // never run: sockets and the resolver need one to belong to
    net::ssl::context tls;
    std::map<std::string, std::deque<std::unique_ptr<connection>>> idle;

    std::unique_ptr<connection> open(const target& t, clock_type::time_point deadline, post_result& result) {
        tcp::resolver resolver(ioc);
        boost::system::error_code resolve_error;
        const auto found = resolver.resolve(t.host, t.port, resolve_error);
        if (resolve_error) {
            result.failure = post_failure::connect;
            result.error = "cannot resolve " + t.host + ": " + resolve_error.message();
            return nullptr;
        }
        std::vector<tcp::endpoint> allowed;
        for (const auto& entry : found)
            if (options.allow_private || !private_address(entry.endpoint().address())) allowed.push_back(entry.endpoint());
        if (allowed.empty()) {
            result.failure = post_failure::refused_target;
            result.error = t.host + " resolves only to private, loopback or link-local addresses";
            return nullptr;
        }
        auto c = std::make_unique<connection>();
        if (t.https) c->secure = std::make_unique<net::ssl::stream<deadline_socket>>(ioc, tls);
        else c->plain = std::make_unique<deadline_socket>(ioc);
        boost::system::error_code connect_error;
        c->lowest().connect(allowed, std::min(deadline, clock_type::now() + options.connect_timeout), connect_error);
        if (connect_error) {
            result.failure = connect_error == beast::error::timeout ? post_failure::timeout : post_failure::connect;
            result.error = "cannot connect to " + t.host + ":" + t.port + ": " + connect_error.message();
            return nullptr;
        }
        c->lowest().set_deadline(deadline);
        if (c->secure) {
            // SNI and host name verification: the certificate must name the host.
            if (!SSL_set_tlsext_host_name(c->secure->native_handle(), t.host.c_str())) {
                result.failure = post_failure::connect;
                result.error = "cannot set the TLS server name";
                return nullptr;
            }
            c->secure->set_verify_callback(net::ssl::host_name_verification(t.host));
            boost::system::error_code handshake_error;
            c->secure->handshake(net::ssl::stream_base::client, handshake_error);
            if (handshake_error) {
                result.failure = handshake_error == beast::error::timeout ? post_failure::timeout : post_failure::connect;
                result.error = "TLS handshake with " + t.host + " failed: " + handshake_error.message();
                return nullptr;
            }
        }
        return c;
    }

    // Sends the request and reads the answer on `c`; false when the connection
    // broke before any answer arrived (worth one more try on a fresh one).
    bool exchange(connection& c, http::request<http::string_body>& request, clock_type::time_point deadline,
                  post_result& result, bool& keep) {
        c.lowest().set_deadline(deadline);
        boost::system::error_code write_error;
        if (c.plain) http::write(*c.plain, request, write_error);
        else http::write(*c.secure, request, write_error);
        if (write_error) {
            result.failure = write_error == beast::error::timeout ? post_failure::timeout : post_failure::io;
            result.error = "sending failed: " + write_error.message();
            return write_error != beast::error::timeout;
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(max_readable_body);
        boost::system::error_code read_error;
        const auto read_bytes =
            c.plain ? http::read(*c.plain, c.buffer, parser, read_error) : http::read(*c.secure, c.buffer, parser, read_error);
        if (read_error && !(read_error == http::error::body_limit && parser.is_header_done())) {
            result.failure = read_error == beast::error::timeout ? post_failure::timeout : post_failure::io;
            result.error = "reading the answer failed: " + read_error.message();
            // A kept-alive connection the peer had closed fails before any byte of an answer.
            return read_bytes == 0 && read_error != beast::error::timeout;
        }
        const auto& response = parser.get();
        result.failure = post_failure::none;
        result.error.clear();
        result.status = static_cast<int>(response.result_int());
        result.body = response.body().substr(0, options.max_response_body);
        keep = !read_error && response.keep_alive();
        return false;
    }

    void run(const post_request& request, const target& t, post_result& result) {
        const auto deadline = clock_type::now() + options.total_timeout;
        http::request<http::string_body> message{http::verb::post, t.path, 11};
        // RFC 9110 7.2: the port too, unless it is the scheme's default.
        const auto host = t.host.find(':') == std::string::npos ? t.host : "[" + t.host + "]";
        const bool default_port = t.port == (t.https ? "443" : "80");
        message.set(http::field::host, default_port ? host : host + ":" + t.port);
        message.set(http::field::user_agent, options.user_agent);
        message.set(http::field::content_type, request.content_type);
        for (const auto& [name, value] : request.headers) message.set(name, value);
        message.body() = request.body;
        message.keep_alive(true);
        message.prepare_payload();
        for (int round = 0; round < 2; ++round) {
            std::unique_ptr<connection> c;
            auto& pool = idle[t.key()];
            if (!pool.empty()) {
                c = std::move(pool.front());
                pool.pop_front();
                result.reused_connection = true;
            } else {
                result.reused_connection = false;
                c = open(t, deadline, result);
                if (!c) return;
            }
            bool keep = false;
            const bool again = exchange(*c, message, deadline, result, keep);
            if (result.failure == post_failure::none) {
                if (keep && idle[t.key()].size() < options.max_idle_per_host) idle[t.key()].push_back(std::move(c));
                return;
            }
            // Only a reused connection gets a second chance: the peer may have
            // closed it while it sat idle, before this request reached it.
            if (!again || !result.reused_connection) return;
        }
    }
};

webhook_client::webhook_client(client_options options) : impl_(std::make_unique<impl>(std::move(options))) {}
webhook_client::~webhook_client() = default;

post_result webhook_client::post(const post_request& request) {
    post_result result;
    const auto started = clock_type::now();
    std::string error;
    auto t = parse_target(request.url, error);
    if (!t) {
        result.failure = post_failure::refused_target;
        result.error = "the URL " + error;
        return result;
    }
    try {
        impl_->run(request, *t, result);
    } catch (const std::exception& e) {
        result.failure = post_failure::io;
        result.error = e.what();
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started);
    return result;
}

} // namespace touchpoint::channels::webhook
