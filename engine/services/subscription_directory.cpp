#include "engine/services/subscription_directory.hpp"

#include "engine/store/database.hpp"
#include "engine/store/webhook_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
namespace {

bool admits(const std::optional<std::string>& filter, const std::optional<std::string>& value) {
    return !filter || filter == value;
}

std::optional<std::string> text_field(const boost::json::object& object, std::string_view key) {
    if (const auto* value = object.if_contains(key); value && value->is_string()) return std::string(value->get_string());
    return std::nullopt;
}

} // namespace

bool subscription_entry::wants(std::string_view type, const message_scope& scope) const {
    return std::ranges::find(events, type) != events.end() && admits(survey_id, scope.survey_id) &&
           admits(campaign_id, scope.campaign_id) && admits(band, scope.band);
}

subscription_entry entry_of(const store::webhook_row& row, std::int64_t now) {
    subscription_entry entry;
    entry.id = row.id;
    entry.url = row.url;
    const auto events = parse_stored_json(row.events);
    if (events.is_array())
        for (const auto& type : events.get_array())
            if (type.is_string()) entry.events.emplace_back(type.get_string());
    const auto filters = parse_stored_json(row.filters);
    if (filters.is_object()) {
        entry.survey_id = text_field(filters.get_object(), "survey_id");
        entry.campaign_id = text_field(filters.get_object(), "campaign_id");
        entry.band = text_field(filters.get_object(), "band");
    }
    if (auto current = channels::webhook::webhook_secret::parse(row.secret)) entry.secrets.push_back(std::move(*current));
    if (row.previous_secret && row.previous_secret_until && *row.previous_secret_until > now)
        if (auto previous = channels::webhook::webhook_secret::parse(*row.previous_secret))
            entry.secrets.push_back(std::move(*previous));
    return entry;
}

subscription_directory::snapshot subscription_directory::fresh_or_null() {
    std::lock_guard lock(mutex_);
    if (current_ && std::chrono::steady_clock::now() - loaded_at_ < max_age_) return current_;
    return nullptr;
}

subscription_directory::snapshot subscription_directory::load(store::leased_session& lease) {
    const auto now = now_ms();
    auto entries = std::make_shared<std::vector<subscription_entry>>();
    for (const auto& row : store::webhook_repository(lease).active()) entries->push_back(entry_of(row, now));
    std::lock_guard lock(mutex_);
    current_ = entries;
    loaded_at_ = std::chrono::steady_clock::now();
    return current_;
}

subscription_directory::snapshot subscription_directory::active() {
    if (auto fresh = fresh_or_null()) return fresh;
    store::leased_session lease(db_);
    return load(lease);
}

subscription_directory::snapshot subscription_directory::active(store::leased_session& lease) {
    if (auto fresh = fresh_or_null()) return fresh;
    return load(lease);
}

std::optional<subscription_entry> subscription_directory::find(const std::string& id) {
    const auto entries = active();
    const auto it = std::ranges::find(*entries, id, &subscription_entry::id);
    if (it == entries->end()) return std::nullopt;
    return *it;
}

void subscription_directory::invalidate() {
    std::lock_guard lock(mutex_);
    current_.reset();
}

} // namespace touchpoint::engine::services
