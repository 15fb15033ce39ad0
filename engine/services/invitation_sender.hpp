// What a campaign invitation's send job does when it comes due: judge the
// invitation again as things stand now, then hand it to its channel.
//
// In one transaction, under the contact's lock: the contact still exists, the
// campaign is still active (else cancelled, campaign_paused), the survey is not
// archived (cancelled, survey_archived), and the campaign's rules as they read
// now (an edit applies to invitations not yet sent) still admit the contact:
// unsubscribed, audience, sample, resurvey_after and fatigue (else skipped
// with that reason). A send window that is closed now moves the invitation to
// its next opening. Then, for the webhook channel, one survey.requested message
// per subscription that wants it (else failed, no_subscriber, and an
// invitation.failed message); the invitation is sent, and expires
// expires_after (default 90 days) from now.
//
// Sending also schedules the invitation's reminders (each `after` past the
// send, moved into the send window) and its expiry. A reminder sends
// survey.requested again, with "reminder": N, to an invitation still waiting
// for its answer (a response, an ending, a paused campaign or an unsubscribe
// stops it); the expiry ends an unanswered invitation `expired`.
//
// A recurring campaign's occurrence, once sent or ended skipped or failed (not
// cancelled), makes the chain's next occurrence in the same transaction
// (services/campaign_firing.hpp).
//
// Only a scheduled invitation is sent, so a job claimed twice (a lapsed lease)
// sends once.
#pragma once

#include "engine/dispatch/dispatcher.hpp"
#include "engine/store/records.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace touchpoint::engine::store {
class database;
class leased_session;
}
namespace touchpoint::engine::security {
class token_signer;
}

namespace touchpoint::engine::services {

class survey_service;
class subscription_directory;

class invitation_sender {
public:
    // `public_url` prefixes the survey links; `wake` is called after messages due now were enqueued.
    invitation_sender(store::database& db, survey_service& surveys, const security::token_signer& signer,
                      std::string public_url, subscription_directory& subscriptions, std::function<void()> wake = {})
        : db_(db), surveys_(surveys), signer_(signer), public_url_(std::move(public_url)), subscriptions_(subscriptions),
          wake_(std::move(wake)) {}

    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

    // The send job's verdict: delivered once the invitation was sent or ended
    // by a rule (the job is done either way; its detail says which). A database
    // failure throws, and the dispatcher tries the job again.
    dispatch::delivery_verdict send(const store::job_row& job);
    // send() inside the caller's write transaction on `lease` (the dispatcher
    // runs a batch of send jobs in one); `wake` is set when messages due now were
    // enqueued, for the caller to wake the dispatcher once it committed.
    dispatch::delivery_verdict send_within(store::leased_session& lease, const store::job_row& job, bool& wake);
    // A reminder job; done whether it reminded or found nothing to remind.
    dispatch::delivery_verdict remind(const store::job_row& job);
    // An expiry job.
    dispatch::delivery_verdict expire(const store::job_row& job);
    // A recur job, due at the time of a recurring occurrence that was skipped
    // when it was made (no send job follows it): the chain's next occurrence.
    dispatch::delivery_verdict recur(const store::job_row& job);

private:
    // survey.requested's data: the invitation, campaign and survey ids, the
    // contact with the locale it sees, the survey localised, the token, the URL
    // and the expiry. Empty when the survey's definition does not read.
    std::optional<boost::json::object> request_data(store::leased_session& lease, const std::string& invitation_id,
                                                    const std::string& campaign_id, const store::survey_row& survey,
                                                    const store::contact_row& contact, std::int64_t expires_at);

    store::database& db_;
    survey_service& surveys_;
    const security::token_signer& signer_;
    std::string public_url_;
    subscription_directory& subscriptions_;
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
