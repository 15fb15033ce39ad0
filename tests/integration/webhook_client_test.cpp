// The webhook client against real peers on loopback: the Standard Webhooks
// receiver (verifying with the official package) answering, failing, hanging
// and resetting; the private-address guard; TLS certificate verification.
#include "channels/webhook/webhook_client.hpp"
#include "channels/webhook/webhook_signature.hpp"
#include "support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace touchpoint::channels::webhook;
using touchpoint::testing::webhook_receiver;

namespace {

const std::string secret_text = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

post_request signed_post(const std::string& url, const std::string& id, const std::string& body) {
    const auto secret = *webhook_secret::parse(secret_text);
    const auto timestamp = static_cast<std::int64_t>(std::time(nullptr));
    return {url,
            {{"webhook-id", id},
             {"webhook-timestamp", std::to_string(timestamp)},
             {"webhook-signature", secret.sign(id, timestamp, body)}},
            body};
}

client_options loopback_allowed() {
    client_options options;
    options.allow_private = true;
    options.total_timeout = std::chrono::milliseconds(2'000);
    return options;
}

} // namespace

TEST(webhook_client, a_signed_post_is_verified_by_the_official_package_and_the_connection_is_reused) {
    webhook_receiver receiver({"--secret", secret_text});
    webhook_client client(loopback_allowed());
    const auto first = client.post(signed_post(receiver.url(), "msg_1", R"({"type":"survey.requested","data":{}})"));
    EXPECT_EQ(first.failure, post_failure::none) << first.error;
    EXPECT_EQ(first.status, 204);
    EXPECT_FALSE(first.reused_connection);
    const auto second = client.post(signed_post(receiver.url(), "msg_2", R"({"type":"response.created","data":{}})"));
    EXPECT_EQ(second.status, 204) << second.error;
    EXPECT_TRUE(second.reused_connection) << "keep-alive: one connection per host";
    const auto stats = receiver.stats();
    EXPECT_EQ(stats.at("verified").as_int64(), 2);
    EXPECT_EQ(stats.at("invalid").as_int64(), 0);
    EXPECT_EQ(stats.at("by_type").at("survey.requested").as_int64(), 1);
    const auto received = receiver.deliveries();
    EXPECT_EQ(received.at(0).at("host").as_string(), "127.0.0.1:" + std::to_string(receiver.port()))
        << "the Host header names the port when it is not the scheme's default";
}

TEST(webhook_client, failures_are_reported_as_what_they_are) {
    webhook_receiver failing({"--secret", secret_text, "--fail-first", "1", "--fail-status", "503"});
    webhook_client client(loopback_allowed());
    const auto unavailable = client.post(signed_post(failing.url(), "msg_1", "{}"));
    EXPECT_EQ(unavailable.failure, post_failure::none) << "an answer, even a 503, is an answer";
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_EQ(client.post(signed_post(failing.url(), "msg_1", "{}")).status, 204) << "the same message, retried";

    webhook_receiver gone({"--secret", secret_text, "--mode", "gone"});
    EXPECT_EQ(client.post(signed_post(gone.url(), "msg_1", "{}")).status, 410);

    webhook_receiver hanging({"--secret", secret_text, "--mode", "hang"});
    client_options quick = loopback_allowed();
    quick.total_timeout = std::chrono::milliseconds(300);
    webhook_client impatient(quick);
    const auto hung = impatient.post(signed_post(hanging.url(), "msg_1", "{}"));
    EXPECT_EQ(hung.failure, post_failure::timeout) << hung.error;
    EXPECT_LT(hung.elapsed.count(), 1'500) << "the total timeout holds";

    webhook_receiver resetting({"--secret", secret_text, "--mode", "reset"});
    const auto reset = client.post(signed_post(resetting.url(), "msg_1", "{}"));
    EXPECT_EQ(reset.failure, post_failure::io) << reset.error;

    const auto refused = client.post(signed_post("http://127.0.0.1:1/hook", "msg_1", "{}"));
    EXPECT_EQ(refused.failure, post_failure::connect) << refused.error;
}

TEST(webhook_client, a_peer_that_never_completes_the_connection_times_out_at_the_connect_timeout) {
    // A listening socket that never accepts, its queue filled: the kernel drops
    // further connection requests, so a connect waits until it gives up.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 0), 0);
    socklen_t size = sizeof address;
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size), 0);
    std::vector<int> queued;
    for (int i = 0; i < 8; ++i) {
        const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        ::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
        queued.push_back(filler);
    }
    auto options = loopback_allowed();
    options.connect_timeout = std::chrono::milliseconds(300);
    webhook_client client(options);
    const auto url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/hook";
    const auto stuck = client.post(signed_post(url, "msg_1", "{}"));
    EXPECT_EQ(stuck.failure, post_failure::timeout) << stuck.error;
    EXPECT_GE(stuck.elapsed.count(), 250);
    EXPECT_LT(stuck.elapsed.count(), 1'500) << "the connect timeout holds, well before the total one";
    for (const int filler : queued) ::close(filler);
    ::close(listener);
}

TEST(webhook_client, loopback_private_and_metadata_targets_are_refused_by_default) {
    webhook_receiver receiver({"--secret", secret_text});
    webhook_client guarded; // allow_private = false
    const auto literal = guarded.post(signed_post(receiver.url(), "msg_1", "{}"));
    EXPECT_EQ(literal.failure, post_failure::refused_target) << literal.error;
    // A name is checked after DNS, on the address it would connect to.
    const auto named = guarded.post(signed_post("http://localhost:" + std::to_string(receiver.port()) + "/hook", "msg_1", "{}"));
    EXPECT_EQ(named.failure, post_failure::refused_target) << named.error;
    EXPECT_EQ(receiver.stats().at("requests").as_int64(), 0) << "nothing reached the receiver";

    EXPECT_TRUE(refuse_webhook_url("http://169.254.169.254/latest/meta-data", false));
    EXPECT_TRUE(refuse_webhook_url("http://[::1]:8080/", false));
    EXPECT_TRUE(refuse_webhook_url("ftp://example.com/", false));
    EXPECT_TRUE(refuse_webhook_url("https://user:pass@example.com/", false));
    EXPECT_TRUE(refuse_webhook_url("not a url", false));
    EXPECT_FALSE(refuse_webhook_url("https://hooks.example.com/touchpoint?x=1", false));
    EXPECT_FALSE(refuse_webhook_url("http://127.0.0.1:9000/", true)) << "allowed with --webhook-allow-private";
}

TEST(webhook_client, https_certificates_are_verified_with_the_host_name) {
    // A self-signed certificate for localhost and 127.0.0.1, made for this test.
    const auto dir = std::filesystem::temp_directory_path() / ("touchpoint-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto key = (dir / "key.pem").string(), cert = (dir / "cert.pem").string();
    const auto made = std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                                   "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " + key + " -out " + cert +
                                   " >/dev/null 2>&1").c_str());
    ASSERT_EQ(made, 0) << "openssl could not make a certificate";
    webhook_receiver receiver({"--secret", secret_text, "--tls-key", key, "--tls-cert", cert});
    const auto url = "https://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";

    webhook_client untrusting(loopback_allowed());
    const auto refused = untrusting.post(signed_post(url, "msg_1", "{}"));
    EXPECT_EQ(refused.failure, post_failure::connect) << "a certificate no trusted CA signed";
    EXPECT_NE(refused.error.find("certificate verify failed"), std::string::npos) << refused.error;

    auto options = loopback_allowed();
    options.extra_ca_file = cert;
    webhook_client trusting(options);
    const auto delivered = trusting.post(signed_post(url, "msg_1", "{}"));
    EXPECT_EQ(delivered.status, 204) << "trusted, and the signature verified (a bad one gets 401): " << delivered.error;

    // Trusted, but made out to another name: refused.
    const auto other_key = (dir / "other-key.pem").string(), other_cert = (dir / "other-cert.pem").string();
    ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=hooks.example.test "
                           "-addext subjectAltName=DNS:hooks.example.test -keyout " + other_key + " -out " + other_cert +
                           " >/dev/null 2>&1").c_str()), 0);
    webhook_receiver impostor({"--secret", secret_text, "--tls-key", other_key, "--tls-cert", other_cert});
    options.extra_ca_file = other_cert;
    webhook_client checking(options);
    const auto wrong_name = checking.post(signed_post("https://127.0.0.1:" + std::to_string(impostor.port()) + "/hook", "msg_2", "{}"));
    EXPECT_EQ(wrong_name.failure, post_failure::connect) << "the certificate does not name 127.0.0.1";
    std::filesystem::remove_all(dir);
}

TEST(webhook_client, the_private_address_table) {
    for (const char* address : {"0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1",
                                "172.31.255.255", "192.168.1.1", "192.0.0.8", "198.18.0.1", "224.0.0.1", "255.255.255.255",
                                "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:10.0.0.1",
                                "64:ff9b::a9fe:a9fe"})
        EXPECT_TRUE(is_private_address(address)) << address;
    for (const char* address : {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:4860:4860::8888",
                                "::ffff:8.8.8.8", "64:ff9b::808:808", "not an address"})
        EXPECT_FALSE(is_private_address(address)) << address;
}
