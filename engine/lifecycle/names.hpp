// The names events and contact attributes may have, shared by the event API,
// campaign triggers and audiences.
#pragma once

#include <string_view>

namespace touchpoint::engine::lifecycle {

// 1 to 100 letters, digits and . _ - : ("onboarding.completed").
bool is_valid_event_name(std::string_view name);

// 1 to 64 letters, digits and _ - . ("renewal_date").
bool is_valid_attribute_name(std::string_view name);

// A contact's external id as events may name it: 1 to 200 bytes, no control
// character and no "/", which could not be named in /v1/contacts/{external_id}
// (so the contact could be neither read nor erased).
bool is_valid_external_id(std::string_view id);

} // namespace touchpoint::engine::lifecycle
