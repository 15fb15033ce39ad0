#include "engine/services/definition_cache.hpp"

namespace touchpoint::engine::services {

definition_cache::definition_ptr definition_cache::find(const std::string& survey_id, int version,
                                                        std::int64_t revision) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find({survey_id, version});
    if (it == entries_.end() || it->second.revision != revision) return nullptr;
    return it->second.definition;
}

void definition_cache::put(const std::string& survey_id, int version, std::int64_t revision, definition_ptr definition) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries) entries_.clear(); // rare; a cold cache only costs a parse
    entries_[{survey_id, version}] = {revision, std::move(definition)};
}

} // namespace touchpoint::engine::services
