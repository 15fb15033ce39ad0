// Parsed survey versions, shared by every request that answers or reports on
// them. A version is immutable once it has responses; before that an edit
// rewrites it in place and bumps the survey's updated_at, which is part of the key.
#pragma once

#include "surveys/survey_definition.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace touchpoint::engine::services {

class definition_cache {
public:
    using definition_ptr = std::shared_ptr<const surveys::survey_definition>;

    definition_ptr find(const std::string& survey_id, int version, std::int64_t revision) const;
    void put(const std::string& survey_id, int version, std::int64_t revision, definition_ptr definition);

private:
    struct key {
        std::string survey_id;
        int version;
        auto operator<=>(const key&) const = default;
    };
    struct entry {
        std::int64_t revision;
        definition_ptr definition;
    };
    static constexpr std::size_t max_entries = 10'000;

    mutable std::mutex mutex_;
    std::map<key, entry> entries_;
};

} // namespace touchpoint::engine::services
