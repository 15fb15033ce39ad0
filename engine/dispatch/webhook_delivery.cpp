#include "engine/dispatch/webhook_delivery.hpp"

#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::dispatch {
namespace json = boost::json;
using channels::webhook::post_failure;

delivery_verdict verdict_of(const channels::webhook::post_result& result) {
    using kind = delivery_verdict::kind;
    if (result.failure == post_failure::refused_target) return {kind::failed, std::nullopt, result.error};
    if (result.failure != post_failure::none) return {kind::retry, std::nullopt, result.error};
    const auto excerpt = result.body.substr(0, 200);
    const auto detail = "HTTP " + std::to_string(result.status) + (excerpt.empty() ? "" : ": " + excerpt);
    if (result.status >= 200 && result.status < 300) return {kind::delivered, result.status, detail};
    if (result.status == 410) return {kind::failed, result.status, detail};
    return {kind::retry, result.status, detail};
}

webhook_delivery::webhook_delivery(channels::webhook::client_options options, target_lookup targets)
    : options_(std::move(options)), targets_(std::move(targets)) {}

webhook_delivery::~webhook_delivery() = default;

std::unique_ptr<channels::webhook::webhook_client> webhook_delivery::borrow() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto client = std::move(idle_.back());
            idle_.pop_back();
            return client;
        }
    }
    return std::make_unique<channels::webhook::webhook_client>(options_);
}

void webhook_delivery::give_back(std::unique_ptr<channels::webhook::webhook_client> client) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(client));
}

delivery_verdict webhook_delivery::operator()(const store::job_row& job) {
    using kind = delivery_verdict::kind;
    const auto payload = parse_stored_json(job.payload);
    const auto* url = payload.is_object() ? payload.get_object().if_contains("url") : nullptr;
    const auto* body = payload.is_object() ? payload.get_object().if_contains("body") : nullptr;
    if (!url || !url->is_string() || !body || !body->is_string())
        return {kind::failed, std::nullopt, "the job has no url and body to deliver"};
    const auto target = targets_(job.subscription_id.value_or(""));
    if (!target) return {kind::failed, std::nullopt, "the subscription is no longer active"};
    if (target->secrets.empty()) return {kind::failed, std::nullopt, "the subscription has no signing secret"};
    std::vector<const channels::webhook::webhook_secret*> signing;
    for (const auto& secret : target->secrets) signing.push_back(&secret);
    const auto timestamp = now_ms() / 1000;
    channels::webhook::post_request request{
        target->url.empty() ? std::string(url->get_string()) : target->url,
        {{"webhook-id", job.idempotency_key},
         {"webhook-timestamp", std::to_string(timestamp)},
         {"webhook-signature", channels::webhook::signature_header(signing, job.idempotency_key, timestamp, body->get_string())}},
        std::string(body->get_string())};
    auto client = borrow();
    const auto result = client->post(request);
    give_back(std::move(client));
    return verdict_of(result);
}

} // namespace touchpoint::engine::dispatch
