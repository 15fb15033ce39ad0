// Onboarding timing behind the lifecycle report (not campaign triggers): each
// contact's start, end, milestones and interactions, read from events with index
// seeks, one row per contact that did the start event.
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct onboarding_query {
    std::string start_event, end_event;
    std::vector<std::string> milestones;
    std::vector<std::string> interactions;
    std::optional<std::int64_t> from, to; // the first start event in [from, to)
    // The latest score each contact gave on this question of this survey.
    std::optional<std::string> survey_id, question_id;
};

struct onboarding_timing {
    std::string contact_id;
    std::int64_t started = 0;
    std::optional<std::int64_t> ended;
    std::vector<std::optional<std::int64_t>> milestones;
    std::optional<std::int64_t> interactions; // only when ended: events from start to end inclusive
    std::optional<std::int64_t> score;
};

class onboarding_repository {
public:
    explicit onboarding_repository(soci::session& session) : session_(session) {}
    explicit onboarding_repository(leased_session& lease) : session_(lease.session()) {}

    // Visits every contact in contact id order, read in pages so memory stays
    // bounded on PostgreSQL too.
    void for_each_contact(const onboarding_query& query, const std::function<void(const onboarding_timing&)>& visit);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
