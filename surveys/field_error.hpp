// A validation failure that names the offending field, e.g. "questions[2].max".
#pragma once

#include <string>
#include <vector>

namespace touchpoint::surveys {

struct field_error {
    std::string field;
    std::string message;

    friend bool operator==(const field_error&, const field_error&) = default;
};

using field_errors = std::vector<field_error>;

} // namespace touchpoint::surveys
