#include "engine/services/audience_walker.hpp"

#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/security/crypto.hpp"
#include "engine/services/campaign_firing.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;
using kind = dispatch::delivery_verdict::kind;
using lifecycle::trigger_type;

namespace {

dispatch::delivery_verdict done(std::string detail) { return {kind::delivered, std::nullopt, std::move(detail)}; }

// The job that walks the page after `after_contact`.
store::job_row page_job(const store::audience_walk_row& walk, const std::string& after_contact, std::int64_t now) {
    store::job_row job;
    job.id = security::new_ordered_id("job");
    job.kind = "audience_walk";
    job.channel = "none";
    job.payload = json::serialize(json::object{{"walk_id", walk.id}, {"after", after_contact}});
    // One key per page: the page, not the attempt, is what it names.
    job.idempotency_key = "walk_" + walk.id + "_" + after_contact;
    job.due_at = now;
    job.created_at = job.updated_at = now;
    return job;
}

// Whether a walk of `walk_kind` still fits the campaign's trigger (it may have been edited meanwhile).
bool fits(const std::string& walk_kind, trigger_type type) {
    if (walk_kind == "send") return type == trigger_type::manual;
    return type == trigger_type::attribute_date || type == trigger_type::recurring;
}

} // namespace

std::optional<store::audience_walk_row> audience_walker::start(store::leased_session& lease, const std::string& campaign_id,
                                                              const std::string& kind, std::int64_t now) {
    store::audience_walk_row walk;
    walk.id = security::new_id(kind == "send" ? "snd" : "scan");
    walk.campaign_id = campaign_id;
    walk.kind = kind;
    walk.status = "running";
    walk.started_at = walk.updated_at = now;
    store::audience_walk_repository walks(lease);
    if (!walks.start(walk)) return std::nullopt;
    store::job_repository(lease).enqueue(page_job(walk, "", now));
    return walk;
}

std::optional<store::audience_walk_row> audience_walker::restart(store::leased_session& lease, const std::string& campaign_id,
                                                                const std::string& kind, std::int64_t now) {
    auto walk = store::audience_walk_repository(lease).restart_stopped(campaign_id, kind, now);
    if (walk) store::job_repository(lease).enqueue(page_job(*walk, walk->after_contact, now));
    return walk;
}

dispatch::delivery_verdict audience_walker::walk(const store::job_row& job) {
    const auto payload = parse_stored_json(job.payload);
    const auto* walk_id = payload.is_object() ? payload.get_object().if_contains("walk_id") : nullptr;
    const auto* after = payload.is_object() ? payload.get_object().if_contains("after") : nullptr;
    if (!walk_id || !walk_id->is_string() || !after || !after->is_string())
        return {kind::failed, std::nullopt, "an audience_walk job without its walk and cursor"};
    const auto now = now_ms();
    bool due_now = false;
    std::string detail;
    {
        store::leased_session lease(db_);
        store::write_transaction transaction(db_, lease);
        store::audience_walk_repository walks(lease);
        const std::string cursor(after->get_string());
        const auto walk = walks.claim_page(std::string(walk_id->get_string()), cursor, now);
        if (!walk) return done("nothing to walk: the walk ended, or this page was walked before");

        const auto campaign = store::campaign_repository(lease).find(walk->campaign_id);
        auto parsed = campaign ? lifecycle::parse_campaign(parse_stored_json(campaign->definition))
                               : lifecycle::campaign_parse_result{};
        if (!campaign || campaign->status != "active" || !parsed.ok() || !fits(walk->kind, parsed.definition.trigger.type)) {
            walks.finish(walk->id, "stopped", now);
            transaction.commit();
            return done("the walk stopped: its campaign is not active, or its trigger changed");
        }
        const auto& definition = parsed.definition;
        const auto fatigue = settings_service::fatigue(lease);
        auto page = store::contact_repository(lease).page_after(cursor, page_size);
        std::int64_t scheduled = 0, skipped = 0;
        for (auto& [row, unsubscribed] : page) {
            auto contact = lock_contact(lease, row, unsubscribed, fatigue);
            std::vector<store::invitation_row> made;
            if (walk->kind == "send") {
                // The send's own key: a contact is invited once per send, however often its page is walked.
                if (auto invitation = fire(lease, *campaign, definition, contact, {now, "send_" + walk->id, walk->started_at}, now))
                    made.push_back(std::move(*invitation));
            } else {
                made = fire_scheduled_trigger(lease, *campaign, definition, contact, now);
            }
            for (const auto& invitation : made) (invitation.status == "scheduled" ? scheduled : skipped) += 1;
            due_now = due_now || any_due(made, now);
        }
        const auto last = page.empty() ? cursor : page.back().first.id;
        walks.advance(walk->id, last, static_cast<std::int64_t>(page.size()), scheduled, skipped, now);
        if (static_cast<int>(page.size()) < page_size) walks.finish(walk->id, "done", now);
        else store::job_repository(lease).enqueue(page_job(*walk, last, now));
        transaction.commit();
        detail = "walked " + std::to_string(page.size()) + " contact(s): " + std::to_string(scheduled) + " scheduled, " +
                 std::to_string(skipped) + " skipped";
        // The next page is due now too.
        due_now = due_now || static_cast<int>(page.size()) == page_size;
    }
    if (due_now && wake_) wake_();
    return done(detail);
}

void audience_walker::on_failed(store::leased_session& lease, const store::job_row& job, std::int64_t now) {
    const auto payload = parse_stored_json(job.payload);
    const auto* walk_id = payload.is_object() ? payload.get_object().if_contains("walk_id") : nullptr;
    if (walk_id && walk_id->is_string()) store::audience_walk_repository(lease).finish(std::string(walk_id->get_string()), "failed", now);
}

} // namespace touchpoint::engine::services
