// The Standard Webhooks receiver of tests/webhooks/receiver.mjs as a child
// process on a loopback port: it verifies every delivery with the official
// npm package and counts them; its flags make it fail, hang or reset on purpose.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <sys/types.h>
#include <vector>

namespace touchpoint::testing {

class webhook_receiver {
public:
    // `arguments`: receiver.mjs flags after --port 0, e.g. {"--secret", "whsec_…", "--mode", "hang"}.
    explicit webhook_receiver(const std::vector<std::string>& arguments);
    ~webhook_receiver();
    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;

    unsigned short port() const { return port_; }
    std::string url(const std::string& path = "/hook") const;
    boost::json::value stats() const;      // GET /stats
    boost::json::value deliveries() const; // GET /deliveries
    // POST /mode with a JSON body such as {"mode":"ok"}.
    void set_mode(const std::string& json) const;

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

} // namespace touchpoint::testing
