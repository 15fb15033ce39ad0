// Who a campaign may invite: its audience conditions on the contact's locale and
// attributes, and a deterministic sample.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace touchpoint::engine::lifecycle {

// What the rules read of a contact.
struct contact_facts {
    std::string external_id;
    std::string locale;   // may be empty
    std::string timezone; // IANA name, may be empty
    boost::json::object attributes;
};

// Every condition holds: "locale" is one of the values (case-insensitive), and
// "attr.NAME" holds one of them compared as text (a JSON true matches "true",
// 5 matches "5"). An attribute the contact does not have matches nothing.
bool audience_admits(const audience& audience, const contact_facts& contact);

// The same contact is always in or always out of one campaign's sample:
// FNV-1a (64 bits) of "campaign_id NUL external_id", modulo 100, below the
// percent. Raising the percent keeps everyone who was in.
bool in_sample(std::string_view campaign_id, std::string_view external_id, int sample_percent);

// A JSON value as a condition compares it: text as itself, true/false, whole
// numbers in decimal; empty for anything else.
std::string condition_text(const boost::json::value& value);

} // namespace touchpoint::engine::lifecycle
