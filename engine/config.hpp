// The engine's settings: flags, TOUCHPOINT_* environment variables and an
// optional config file fill this one struct (flags win).
#pragma once

#include <cstddef>
#include <string>

namespace touchpoint::engine {

struct config {
    std::string listen = "127.0.0.1:8080";
    std::string db = "sqlite:data/touchpoint.db";
    std::string data_dir = "data";
    std::string public_url = "http://127.0.0.1:8080";
    int threads = 2;  // network threads
    int workers = 64; // threads that run handlers (they wait on storage)
    std::size_t max_body_bytes = 1024 * 1024;
    int read_timeout_seconds = 30;
    int idle_timeout_seconds = 60;
    std::string secret; // token signing secret; empty: kept in <data-dir>/secret
    std::string log_level = "info";
    int text_pass_interval_ms = 1000;    // how often the text pass looks for unanalysed answers
    int learn_interval_seconds = 600;    // how often it checks whether to learn domain words
    bool webhook_allow_private = false;  // webhook targets on loopback and private addresses accepted
    // The outbox (docs/campaigns.md, "Delivery").
    int delivery_attempts = 8;           // attempts per message before it fails
    int retry_base_ms = 30'000;          // the first retry's delay; each next one doubles, with full jitter
    int lease_seconds = 60;              // a claimed job not finished by then is claimed again by any process
    int dispatch_workers = 4;            // dispatcher threads, each with its own batch of due jobs; 0: none
    std::string extra_ca_file;           // certificates trusted for webhook targets besides the system store
    int webhook_timeout_ms = 15'000;     // one webhook POST: connect, send and read the answer, together
};

// The token-signing secret: the configured one, else the one kept in the data
// directory, created (mode 0600) on first start.
std::string load_or_create_secret(const config& settings);

} // namespace touchpoint::engine
