#include "engine/services/response_service.hpp"

#include "engine/services/survey_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/response_writer.hpp"
#include "engine/time_format.hpp"
#include "surveys/answer_validator.hpp"
#include "surveys/answers_json.hpp"

#include <boost/json.hpp>

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
            if constexpr (std::is_same_v<T, std::int64_t>) cells.push_back({id, v, std::nullopt, std::nullopt});
            else if constexpr (std::is_same_v<T, bool>) cells.push_back({id, v ? 1 : 0, std::nullopt, std::nullopt});
            else if constexpr (std::is_same_v<T, std::string>) {
                if (q->type == surveys::question_type::text) cells.push_back({id, std::nullopt, std::nullopt, v});
                else cells.push_back({id, std::nullopt, v, std::nullopt});
            } else {
                for (const auto& option : v) cells.push_back({id, std::nullopt, option, std::nullopt});
            }
        }, value);
    }
    return cells;
}

// Responses are one per invitation, so the id follows from the invitation's.
std::string response_id_for(const std::string& invitation_id) { return "rsp_" + invitation_id.substr(4); }

} // namespace

outcome<answer_session> response_service::open(std::string_view token) {
    auto claims = signer_.verify(token);
    if (!claims) return not_found("this survey link is not valid");
    const auto now = now_ms();
    if (claims->expires_at_ms && *claims->expires_at_ms <= now) return gone("this survey link has expired");
    std::optional<store::invitation_context> context;
    {
        soci::session session(db_.pool());
        context = store::invitation_repository(session).find_context(claims->invitation_id);
    }
    if (!context) return not_found("this survey link is not valid");
    if (context->survey_status == "archived") return gone("this survey is closed");

    answer_session out;
    out.version = context->response_version.value_or(context->survey_current_version);
    out.definition = surveys_.definition(context->invitation.survey_id, out.version, context->survey_current_version,
                                         context->survey_updated_at);
    if (!out.definition) return not_found("the survey of this link no longer exists");
    if (context->response_answers) out.answers = surveys::answers_from_json(json::parse(*context->response_answers));
    out.context = std::move(*context);
    return out;
}

outcome<store::response_row> response_service::submit(const answer_session& session, const submission& input) {
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
    row.id = response_id_for(invitation.id);
    row.survey_id = invitation.survey_id;
    row.survey_version = session.version;
    row.invitation_id = invitation.id;
    row.contact_id = invitation.contact_id;
    row.contact_external_id = session.context.contact_external_id;
    row.channel = input.channel;
    row.locale = input.locale.empty() ? session.definition->default_locale : input.locale;
    row.answers = json::serialize(surveys::to_json(checked.answers));
    row.complete = input.complete;
    row.created_at = session.context.response_created_at.value_or(now);
    row.updated_at = now;
    write.cells = cells_of(*session.definition, checked.answers);
    auto stored = row;
    writer_.submit(std::move(write)).get(); // rethrows a failed commit: no 2xx without durability
    return stored;
}

void response_service::record_opened(const answer_session& session) {
    if (session.context.invitation.opened_at) return;
    soci::session db_session(db_.pool());
    store::invitation_repository(db_session).mark_opened(session.context.invitation.id, now_ms());
}

std::vector<store::response_row> response_service::list(const store::response_filter& filter,
                                                        const std::optional<store::page_cursor>& after, int limit) {
    soci::session session(db_.pool());
    return store::response_repository(session).list(filter, after, limit);
}

} // namespace touchpoint::engine::services
