// The one interface every delivery adapter implements: send one message to one
// recipient, idempotently, and say whether a failure is worth retrying.
#pragma once

#include <map>
#include <string>

namespace touchpoint::channels {

struct outbound_message {
    std::string idempotency_key; // the same key for every attempt of one message
    std::string recipient;       // an email address or a webhook URL
    std::string subject;
    std::string body;
    std::map<std::string, std::string> headers;
};

enum class delivery_outcome { delivered, retry_later, rejected };

struct delivery_result {
    delivery_outcome outcome = delivery_outcome::delivered;
    std::string detail; // the peer's answer, for the delivery log; never a secret
};

class channel {
public:
    virtual ~channel() = default;
    virtual delivery_result deliver(const outbound_message& message) = 0;
};

} // namespace touchpoint::channels
