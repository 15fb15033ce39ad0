// The webhook channel as the dispatcher sees it: a job's payload
// {"url", "body"} is POSTed (to the subscription's URL as it is then) with
// Standard Webhooks headers, signed when it is sent (so a retry carries a fresh
// timestamp and the secrets current then), with the job's idempotency key as
// webhook-id on every attempt.
//
// The answer decides the verdict: 2xx delivered; 410 Gone failed (the receiver
// says the endpoint is gone); a refused target failed; any other answer, a
// timeout or a broken connection retried.
#pragma once

#include "channels/webhook/webhook_client.hpp"
#include "channels/webhook/webhook_signature.hpp"
#include "engine/dispatch/dispatcher.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::dispatch {

// Where a subscription's messages go now and what signs them.
struct webhook_target {
    std::string url; // empty: the URL in the job's payload
    std::vector<channels::webhook::webhook_secret> secrets; // newest first (two during a rotation)
};

// The subscription's target; empty when it is no longer active (its job fails).
using target_lookup = std::function<std::optional<webhook_target>(const std::string& subscription_id)>;

class webhook_delivery {
public:
    webhook_delivery(channels::webhook::client_options options, target_lookup targets);
    ~webhook_delivery();

    // Safe from several dispatcher threads at once: each borrows its own client.
    delivery_verdict operator()(const store::job_row& job);

private:
    std::unique_ptr<channels::webhook::webhook_client> borrow();
    void give_back(std::unique_ptr<channels::webhook::webhook_client> client);

    channels::webhook::client_options options_;
    target_lookup targets_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<channels::webhook::webhook_client>> idle_;
};

// The verdict on one POST, as above.
delivery_verdict verdict_of(const channels::webhook::post_result& result);

} // namespace touchpoint::engine::dispatch
