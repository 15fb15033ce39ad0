#include "engine/services/response_service.hpp"

#include "engine/response_json.hpp"
#include "engine/security/crypto.hpp"
#include "engine/services/subscription_directory.hpp"
#include "engine/services/webhook_messages.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/services/text_model_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/response_writer.hpp"
#include "engine/store/text_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "surveys/answer_validator.hpp"
#include "surveys/answers_json.hpp"
#include "surveys/score_band.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <unordered_map>

namespace touchpoint::engine::services {
namespace json = boost::json;

namespace {

std::vector<store::answer_cell> cells_of(const surveys::survey_definition& definition, const surveys::answer_map& answers) {
    std::vector<store::answer_cell> cells;
    for (const auto& [id, value] : answers) {
        const auto* q = definition.find_question(id);
        if (!q) continue;
        std::visit([&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) cells.push_back({id, v, std::nullopt, std::nullopt, std::nullopt});
            else if constexpr (std::is_same_v<T, bool>) cells.push_back({id, v ? 1 : 0, std::nullopt, std::nullopt, std::nullopt});
            else if constexpr (std::is_same_v<T, std::string>) {
                if (q->type == surveys::question_type::text) cells.push_back({id, std::nullopt, std::nullopt, v, std::nullopt});
                else cells.push_back({id, std::nullopt, v, std::nullopt, std::nullopt});
            } else {
                for (const auto& option : v) cells.push_back({id, std::nullopt, option, std::nullopt, std::nullopt});
            }
        }, value);
    }
    return cells;
}

// "rsp_", the creation time in milliseconds (12 hex digits) and 6 random bytes:
// unique, and in creation order, so new responses append to the id indexes.
std::string new_response_id(std::int64_t now) {
    const auto random = security::random_bytes(6);
    return fmt::format("rsp_{:012x}{}", static_cast<std::uint64_t>(now), security::hex_encode(random.data(), random.size()));
}

} // namespace

outcome<answer_session> response_service::open(std::string_view token) {
    auto claims = signer_.verify(token);
    if (!claims) return not_found("this survey link is not valid");
    const auto now = now_ms();
    if (claims->expires_at_ms && *claims->expires_at_ms <= now)
        return service_error{410, "expired", "this survey link has expired", {}};
    std::optional<store::invitation_context> context;
    {
        store::leased_session lease(db_);
        context = store::find_invitation_context(lease, claims->invitation_id);
    }
    if (!context) return not_found("this survey link is not valid");
    if (context->invitation.reason == "contact_erased")
        return service_error{410, "withdrawn", "this survey link was withdrawn when its contact was erased", {}};
    if (context->survey_status == "archived") return service_error{410, "closed", "this survey is closed", {}};
    // A campaign invitation that ended before it was answered (skipped by a rule,
    // cancelled, failed, expired) takes no answers; its page says it was withdrawn.
    if (const auto& status = context->invitation.status; status == "skipped" || status == "cancelled" || status == "failed")
        return service_error{410, "withdrawn", "this survey link was withdrawn (" + context->invitation.reason.value_or(status) + ")", {}};
    if (context->invitation.status == "expired") return service_error{410, "expired", "this survey link has expired", {}};

    answer_session out;
    out.version = context->response_version.value_or(context->survey_current_version);
    out.definition = surveys_.definition(context->invitation.survey_id, out.version, context->survey_current_version,
                                         context->survey_updated_at);
    if (!out.definition) return not_found("the survey of this link no longer exists");
    if (context->response_answers) out.answers = surveys::answers_from_json(parse_stored_json(*context->response_answers));
    out.context = std::move(*context);
    return out;
}

std::vector<store::job_row> response_service::response_messages(const answer_session& session,
                                                                const json::object& answers,
                                                                const store::response_row& row, std::int64_t now) const {
    std::vector<store::job_row> out;
    const auto subscribers = subscriptions_->active();
    if (subscribers->empty()) return out; // the common case: nothing more to do
    const auto& invitation = session.context.invitation;
    webhook_message message;
    message.scope = {row.survey_id, invitation.campaign_id, std::nullopt};
    // The band of the headline score, for subscriptions that alert on detractors (say).
    if (const auto* headline = surveys::headline_question(*session.definition))
        if (const auto* score = answers.if_contains(headline->id); score && score->is_int64())
            if (const auto band = surveys::score_band(headline->type, score->get_int64())) message.scope.band = std::string(*band);
    message.data = response_json(row);
    message.data["campaign_id"] = invitation.campaign_id ? json::value(*invitation.campaign_id) : json::value(nullptr);
    message.invitation_id = invitation.id;
    std::vector<std::string> types{session.context.response_id ? "response.updated" : "response.created"};
    if (row.complete && !session.context.response_complete) types.emplace_back("response.completed");
    for (auto& type : types) {
        message.type = std::move(type);
        for (auto& job : webhook_jobs(subscribers, message, now)) out.push_back(std::move(job));
    }
    return out;
}

outcome<store::response_write> response_service::prepare(const answer_session& session, const submission& input) const {
    if (!input.answers || !input.answers->is_object()) return invalid_field("answers", "must be an object of question id to answer");
    // The new answers go over the earlier ones: partial answers build up one response.
    auto merged = surveys::to_json(session.answers);
    for (const auto& [key, value] : input.answers->get_object()) merged[key] = value;
    auto checked = surveys::validate_answers(*session.definition, merged, input.complete);
    if (!checked.ok()) return invalid(std::move(checked.errors), "the answers do not fit the survey");

    const auto& invitation = session.context.invitation;
    store::response_write write;
    auto& row = write.row;
    const auto now = now_ms();
    row.id = session.context.response_id.value_or(new_response_id(now));
    row.survey_id = invitation.survey_id;
    row.survey_version = session.version;
    row.invitation_id = invitation.id;
    row.contact_id = invitation.contact_id;
    row.contact_external_id = session.context.contact_external_id;
    row.channel = input.channel;
    row.locale = input.locale.empty() ? session.definition->default_locale : input.locale;
    row.answers = json::serialize(surveys::to_json(checked.answers));
    // Complete once submitted as complete, and it stays so through later edits
    // from any channel (a one-click score from the e-mail, say) while it still
    // holds every required answer.
    row.complete = input.complete ||
                   (session.context.response_complete && surveys::validate_answers(*session.definition, merged, true).ok());
    row.created_at = session.context.response_created_at.value_or(now);
    row.updated_at = now;
    write.cells = cells_of(*session.definition, checked.answers);
    write.campaign_id = invitation.campaign_id;
    // Analysed here, on the request's thread, so the response is stored (and
    // returned) with its analysis; about 25 us a comment.
    for (auto& cell : write.cells)
        if (cell.text) {
            cell.analysis = texts_.analyse(*cell.text, row.locale);
            cell.analysis->question_id = cell.question_id;
            row.analyses.push_back(*cell.analysis);
        }
    write.replaces_existing = session.context.response_created_at.has_value();
    if (subscriptions_) write.messages = response_messages(session, merged, row, now);
    return write;
}

std::optional<service_error> response_service::submit_async(const answer_session& session, const submission& input,
                                                            std::function<void(stored_or_failure)> done) {
    auto write = prepare(session, input);
    if (!write) return write.error();
    const bool tells = !write->messages.empty();
    writer_.submit(std::move(*write), [this, tells, done = std::move(done)](std::exception_ptr failure,
                                                                            const store::response_row& stored) {
        if (!failure && tells && wake_) wake_();
        done(failure ? stored_or_failure(failure) : stored_or_failure(stored));
    });
    return std::nullopt;
}

void response_service::record_opened(const answer_session& session) {
    if (session.context.invitation.opened_at) return;
    store::leased_session lease(db_);
    store::invitation_repository(lease).mark_opened(session.context.invitation.id, now_ms());
}

std::vector<store::response_row> response_service::list(const store::response_filter& filter,
                                                        const std::optional<store::page_cursor>& after, int limit,
                                                        bool with_analyses) {
    store::leased_session lease(db_);
    auto rows = store::response_repository(lease).list(filter, after, limit);
    if (!with_analyses) return rows;
    std::vector<std::string> ids;
    for (const auto& row : rows) ids.push_back(row.id);
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < rows.size(); ++i) position[rows[i].id] = i;
    for (auto& [response_id, analysis] : store::text_repository(lease).analyses_of(ids))
        if (auto found = position.find(response_id); found != position.end())
            rows[found->second].analyses.push_back(std::move(analysis));
    return rows;
}

} // namespace touchpoint::engine::services
