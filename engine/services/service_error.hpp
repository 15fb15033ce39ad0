// What a service returns when it refuses: an HTTP-shaped error with a stable
// code and, for validation, the fields at fault.
#pragma once

#include "surveys/field_error.hpp"

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <stdexcept>
#include <string>

namespace touchpoint::engine::services {

struct service_error {
    int status = 500;
    std::string code;
    std::string message;
    surveys::field_errors details;
};

template <class T>
using outcome = boost::system::result<T, service_error>;

inline service_error not_found(std::string what) { return {404, "not_found", std::move(what), {}}; }
inline service_error gone(std::string what) { return {410, "gone", std::move(what), {}}; }
inline service_error conflict(std::string what) { return {409, "conflict", std::move(what), {}}; }
inline service_error invalid(surveys::field_errors errors, std::string message = "the request has invalid fields") {
    return {422, "validation_failed", std::move(message), std::move(errors)};
}
inline service_error invalid_field(std::string field, std::string message) {
    auto text = field + " " + message;
    return invalid({{std::move(field), std::move(message)}}, std::move(text));
}

class service_exception : public std::runtime_error {
public:
    explicit service_exception(service_error e) : std::runtime_error(e.message), error(std::move(e)) {}
    service_error error;
};

// Lets outcome<T>::value() throw when it holds an error.
[[noreturn]] inline void throw_exception_from_error(const service_error& e, const boost::source_location&) {
    throw service_exception(e);
}

} // namespace touchpoint::engine::services
