// The outbox's jobs as the engine runs them: a send job hands its invitation to
// the invitation_sender, a webhook job goes out through the webhook channel,
// and each verdict updates what it is about, in the transaction that records it:
//   - a survey.requested message delivered marks its invitation delivered;
//     every attempt counts on the invitation;
//   - once none of an invitation's survey.requested messages can still arrive
//     and none did, the invitation fails (rejected_by_peer when a receiver
//     refused it, else attempts_exhausted) and invitation.failed is sent;
//   - a 410 Gone disables the subscription and cancels its pending messages.
#pragma once

#include "engine/dispatch/dispatcher.hpp"

namespace touchpoint::engine::dispatch {
class webhook_delivery;
}

namespace touchpoint::engine::services {

class invitation_sender;
class subscription_directory;

class delivery_service {
public:
    delivery_service(invitation_sender& sender, dispatch::webhook_delivery& webhooks, subscription_directory& subscriptions)
        : sender_(sender), webhooks_(webhooks), subscriptions_(subscriptions) {}

    // The dispatcher's deliver function.
    dispatch::delivery_verdict deliver(const store::job_row& job);
    // The dispatcher's verdict hook.
    void on_verdict(store::leased_session& lease, const store::job_row& job, const dispatch::delivery_verdict& verdict,
                    bool final);

private:
    invitation_sender& sender_;
    dispatch::webhook_delivery& webhooks_;
    subscription_directory& subscriptions_;
};

} // namespace touchpoint::engine::services
