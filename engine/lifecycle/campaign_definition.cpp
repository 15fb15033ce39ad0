#include "engine/lifecycle/campaign_definition.hpp"

#include "reports/time_zone.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace touchpoint::engine::lifecycle {
namespace json = boost::json;
namespace {

constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::size_t max_name_length = 200;

// Collects errors while reading one campaign.
class reader {
public:
    explicit reader(surveys::field_errors& errors) : errors_(errors) {}

    void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

    std::optional<std::string> text(const json::object& obj, std::string_view key, const std::string& path, bool required,
                                    std::size_t max_length = max_name_length) {
        const auto* value = obj.if_contains(key);
        if (!value || value->is_null()) {
            if (required) fail(path, "is required");
            return std::nullopt;
        }
        if (!value->is_string() || value->get_string().empty()) {
            fail(path, "must be a non-empty string");
            return std::nullopt;
        }
        if (value->get_string().size() > max_length) {
            fail(path, fmt::format("must be at most {} bytes", max_length));
            return std::nullopt;
        }
        return std::string(value->get_string());
    }

    std::optional<iso_duration> duration(const json::object& obj, std::string_view key, const std::string& path,
                                         bool required, bool may_be_negative = false) {
        auto value = text(obj, key, path, required, 64);
        if (!value) return std::nullopt;
        auto parsed = parse_iso_duration(*value);
        if (!parsed) {
            fail(path, std::string(iso_duration_hint));
            return std::nullopt;
        }
        if (parsed->negative && !may_be_negative) {
            fail(path, "must not be negative");
            return std::nullopt;
        }
        return parsed;
    }

    std::optional<std::string> event_name(const json::object& obj, std::string_view key, const std::string& path,
                                          bool required) {
        auto name = text(obj, key, path, required);
        if (name && !is_valid_event_name(*name)) {
            fail(path, "must be an event name (letters, digits and . _ - :, at most 100)");
            return std::nullopt;
        }
        return name;
    }

    // {"KEY": "value" | ["v1", "v2"] | true | 5, ...}; `key_ok` says which keys may be used.
    std::vector<condition> conditions(const json::value* value, const std::string& path,
                                      bool (*key_ok)(std::string_view), std::string_view keys_hint) {
        std::vector<condition> out;
        if (!value || value->is_null()) return out;
        if (!value->is_object()) {
            fail(path, "must be an object of conditions");
            return out;
        }
        if (value->get_object().size() > max_conditions) {
            fail(path, fmt::format("must hold at most {} conditions", max_conditions));
            return out;
        }
        for (const auto& [key, expected] : value->get_object()) {
            const std::string field = path + "." + std::string(key);
            if (!key_ok(key)) {
                fail(field, std::string(keys_hint));
                continue;
            }
            condition c{std::string(key), {}};
            auto add = [&](const json::value& v) {
                if (v.is_string() && !v.get_string().empty() && v.get_string().size() <= max_name_length)
                    c.values.emplace_back(v.get_string());
                else if (v.is_bool()) c.values.emplace_back(v.get_bool() ? "true" : "false");
                else if (v.is_int64() || v.is_uint64()) c.values.push_back(json::serialize(v));
                else return false;
                return true;
            };
            bool ok = true;
            if (expected.is_array()) {
                if (expected.get_array().empty() || expected.get_array().size() > max_condition_values) ok = false;
                else for (const auto& v : expected.get_array()) ok = add(v) && ok;
            } else {
                ok = add(expected);
            }
            if (!ok) {
                fail(field, fmt::format("must be a text, whole number or true/false, or a list of 1 to {} of them",
                                        max_condition_values));
                continue;
            }
            out.push_back(std::move(c));
        }
        return out;
    }

    surveys::localized_text texts(const json::object& obj, std::string_view key, const std::string& path) {
        surveys::localized_text out;
        const auto* value = obj.if_contains(key);
        if (!value || value->is_null()) return out;
        if (!value->is_object()) {
            fail(path, "must be an object of locale to text, such as {\"en\": \"...\"}");
            return out;
        }
        for (const auto& [locale, text] : value->get_object()) {
            const std::string field = path + "." + std::string(locale);
            if (!surveys::is_valid_locale(locale)) fail(field, "is not a locale code such as \"en\" or \"pt-BR\"");
            else if (!text.is_string() || text.get_string().empty() || text.get_string().size() > 2000)
                fail(field, "must be a non-empty string of at most 2000 bytes");
            else out[std::string(locale)] = std::string(text.get_string());
        }
        return out;
    }

    const json::object* object(const json::object& obj, std::string_view key, const std::string& path, bool required) {
        const auto* value = obj.if_contains(key);
        if (!value || value->is_null()) {
            if (required) fail(path, "is required");
            return nullptr;
        }
        if (!value->is_object()) {
            fail(path, "must be an object");
            return nullptr;
        }
        return &value->get_object();
    }

private:
    surveys::field_errors& errors_;
};

bool is_property_key(std::string_view key) {
    return key.starts_with("properties.") && is_valid_attribute_name(key.substr(11));
}

bool is_audience_key(std::string_view key) {
    return key == "locale" || (key.starts_with("attr.") && is_valid_attribute_name(key.substr(5)));
}

std::optional<trigger_type> parse_trigger_type(std::string_view name) {
    for (auto type : {trigger_type::event, trigger_type::after_event, trigger_type::attribute_date,
                      trigger_type::recurring, trigger_type::manual})
        if (to_string(type) == name) return type;
    return std::nullopt;
}

void read_trigger(reader& r, const json::object& body, campaign_definition& out) {
    const auto* t = r.object(body, "trigger", "trigger", true);
    if (!t) return;
    auto type_name = r.text(*t, "type", "trigger.type", true);
    if (!type_name) return;
    auto type = parse_trigger_type(*type_name);
    if (!type) {
        r.fail("trigger.type", "must be event, after_event, attribute_date, recurring or manual");
        return;
    }
    auto& trigger = out.trigger;
    trigger.type = *type;
    switch (*type) {
    case trigger_type::event:
        trigger.event = r.event_name(*t, "event", "trigger.event", true).value_or("");
        trigger.delay = r.duration(*t, "delay", "trigger.delay", false).value_or(iso_duration{});
        trigger.where = r.conditions(t->if_contains("where"), "trigger.where", is_property_key,
                                     "must be properties.NAME (NAME: letters, digits, _ - and ., at most 64)");
        break;
    case trigger_type::after_event:
        trigger.event = r.event_name(*t, "event", "trigger.event", true).value_or("");
        trigger.delay = r.duration(*t, "after", "trigger.after", true).value_or(iso_duration{});
        break;
    case trigger_type::attribute_date:
        if (auto attribute = r.text(*t, "attribute", "trigger.attribute", true)) {
            if (is_valid_attribute_name(*attribute)) trigger.attribute = *attribute;
            else r.fail("trigger.attribute", "must be an attribute name (letters, digits, _ - and ., at most 64)");
        }
        trigger.delay = r.duration(*t, "offset", "trigger.offset", false, true).value_or(iso_duration{});
        break;
    case trigger_type::recurring: {
        if (auto every = r.duration(*t, "every", "trigger.every", true)) {
            // Shorter than a day would survey the same person daily: no fatigue rule means that.
            if (every->longest_millis() < 86'400'000) r.fail("trigger.every", "must be at least P1D");
            else trigger.every = *every;
        }
        if (const auto* start = r.object(*t, "start", "trigger.start", false)) {
            trigger.event = r.event_name(*start, "event", "trigger.start.event", true).value_or("");
            trigger.delay = r.duration(*start, "after", "trigger.start.after", false).value_or(iso_duration{});
        }
        break;
    }
    case trigger_type::manual: break;
    }
}

std::optional<int> read_clock(std::string_view text) {
    // "09:00" to "24:00", minutes after midnight.
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4])) return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0'), minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
    return hours * 60 + minutes;
}

void read_send_window(reader& r, const json::object& body, campaign_definition& out) {
    const auto* w = r.object(body, "send_window", "send_window", false);
    if (!w) return;
    send_window window;
    if (const auto* days = w->if_contains("days"); days && !days->is_null()) {
        bool ok = days->is_array() && !days->get_array().empty();
        if (ok)
            for (const auto& day : days->get_array()) {
                const auto at = day.is_string() ? std::ranges::find(day_names, day.get_string()) : day_names.end();
                if (at == day_names.end()) ok = false;
                else window.days[static_cast<std::size_t>(at - day_names.begin())] = true;
            }
        if (!ok) r.fail("send_window.days", "must be a list of mon, tue, wed, thu, fri, sat, sun");
    } else {
        window.days.fill(true);
    }
    for (auto [key, into, fallback] : {std::tuple{"start", &window.start_minute, 0}, std::tuple{"end", &window.end_minute, 24 * 60}}) {
        const std::string field = std::string("send_window.") + key;
        auto text = r.text(*w, key, field, false, 5);
        if (!text) {
            *into = fallback;
            continue;
        }
        if (auto minutes = read_clock(*text)) *into = *minutes;
        else r.fail(field, "must be a time of day such as \"09:00\" (00:00 to 24:00)");
    }
    if (window.start_minute >= window.end_minute) r.fail("send_window.end", "must be after send_window.start");
    if (auto zone = r.text(*w, "timezone", "send_window.timezone", false, 64)) {
        if (reports::time_zone::find(*zone)) window.timezone = *zone;
        else r.fail("send_window.timezone", "must be an IANA time zone such as Europe/Paris or UTC");
    }
    out.send_window = std::move(window);
}

} // namespace

std::string_view to_string(trigger_type type) {
    switch (type) {
    case trigger_type::event: return "event";
    case trigger_type::after_event: return "after_event";
    case trigger_type::attribute_date: return "attribute_date";
    case trigger_type::recurring: return "recurring";
    case trigger_type::manual: return "manual";
    }
    return "manual";
}

campaign_parse_result parse_campaign(const json::value& input) {
    campaign_parse_result result;
    reader r(result.errors);
    if (!input.is_object()) {
        r.fail("body", "must be a JSON object");
        return result;
    }
    const auto& body = input.get_object();
    auto& out = result.definition;
    out.name = r.text(body, "name", "name", true).value_or("");
    out.survey_id = r.text(body, "survey_id", "survey_id", true).value_or("");
    if (auto channel = r.text(body, "channel", "channel", false)) {
        if (*channel == "email" || *channel == "webhook") out.channel = *channel;
        else r.fail("channel", "must be email or webhook");
    }
    read_trigger(r, body, out);

    if (const auto* audience = r.object(body, "audience", "audience", false)) {
        out.audience.where = r.conditions(audience->if_contains("where"), "audience.where", is_audience_key,
                                          "must be locale or attr.NAME (NAME: letters, digits, _ - and ., at most 64)");
        if (const auto* sample = audience->if_contains("sample_percent"); sample && !sample->is_null()) {
            if (sample->is_int64() && sample->get_int64() >= 1 && sample->get_int64() <= 100)
                out.audience.sample_percent = static_cast<int>(sample->get_int64());
            else r.fail("audience.sample_percent", "must be a whole number from 1 to 100");
        }
    }

    if (const auto* cancel = body.if_contains("cancel_on"); cancel && !cancel->is_null()) {
        if (!cancel->is_array() || cancel->get_array().size() > max_conditions) {
            r.fail("cancel_on", fmt::format("must be a list of at most {} event names", max_conditions));
        } else {
            std::size_t i = 0;
            for (const auto& name : cancel->get_array()) {
                const auto field = fmt::format("cancel_on[{}]", i++);
                if (name.is_string() && is_valid_event_name(name.get_string())) out.cancel_on.emplace_back(name.get_string());
                else r.fail(field, "must be an event name (letters, digits and . _ - :, at most 100)");
            }
        }
    }

    read_send_window(r, body, out);

    if (const auto* reminders = body.if_contains("reminders"); reminders && !reminders->is_null()) {
        if (!reminders->is_array() || reminders->get_array().size() > max_campaign_reminders) {
            r.fail("reminders", fmt::format("must be a list of at most {} reminders such as {{\"after\": \"P3D\"}}",
                                            max_campaign_reminders));
        } else {
            std::size_t i = 0;
            for (const auto& reminder : reminders->get_array()) {
                const auto field = fmt::format("reminders[{}]", i++);
                if (!reminder.is_object()) {
                    r.fail(field, "must be an object such as {\"after\": \"P3D\"}");
                    continue;
                }
                auto after = r.duration(reminder.get_object(), "after", field + ".after", true);
                if (!after) continue;
                if (after->is_zero()) r.fail(field + ".after", "must be longer than zero");
                else if (!out.reminders.empty() && after->longest_millis() <= out.reminders.back().longest_millis())
                    r.fail(field + ".after", "must be later than the reminder before it");
                else out.reminders.push_back(*after);
            }
        }
    }
    out.expires_after = r.duration(body, "expires_after", "expires_after", false);
    if (out.expires_after && out.expires_after->is_zero()) r.fail("expires_after", "must be longer than zero");
    if (out.expires_after && !out.reminders.empty() &&
        out.reminders.back().longest_millis() >= out.expires_after->longest_millis())
        r.fail("reminders", "must all come before expires_after");
    out.resurvey_after = r.duration(body, "resurvey_after", "resurvey_after", false);

    if (const auto* message = r.object(body, "message", "message", false)) {
        out.message.subject = r.texts(*message, "subject", "message.subject");
        out.message.intro = r.texts(*message, "intro", "message.intro");
        out.message.sender_name = r.text(*message, "sender_name", "message.sender_name", false).value_or("");
    }
    return result;
}

json::object campaign_to_json(const campaign_definition& d) {
    auto conditions = [](const std::vector<condition>& list) {
        json::object out;
        for (const auto& c : list)
            out[c.key] = c.values.size() == 1 ? json::value(c.values.front()) : json::value_from(c.values);
        return out;
    };
    json::object trigger{{"type", to_string(d.trigger.type)}};
    switch (d.trigger.type) {
    case trigger_type::event:
        trigger["event"] = d.trigger.event;
        trigger["delay"] = to_string(d.trigger.delay);
        trigger["where"] = conditions(d.trigger.where);
        break;
    case trigger_type::after_event:
        trigger["event"] = d.trigger.event;
        trigger["after"] = to_string(d.trigger.delay);
        break;
    case trigger_type::attribute_date:
        trigger["attribute"] = d.trigger.attribute;
        trigger["offset"] = to_string(d.trigger.delay);
        break;
    case trigger_type::recurring:
        trigger["every"] = to_string(d.trigger.every);
        if (!d.trigger.event.empty())
            trigger["start"] = json::object{{"event", d.trigger.event}, {"after", to_string(d.trigger.delay)}};
        break;
    case trigger_type::manual: break;
    }
    json::object out{{"name", d.name},
                     {"survey_id", d.survey_id},
                     {"channel", d.channel},
                     {"trigger", std::move(trigger)},
                     {"audience", json::object{{"where", conditions(d.audience.where)},
                                               {"sample_percent", d.audience.sample_percent}}},
                     {"cancel_on", json::value_from(d.cancel_on)}};
    if (d.send_window) {
        json::array days;
        for (std::size_t i = 0; i < 7; ++i)
            if (d.send_window->days[i]) days.emplace_back(day_names[i]);
        auto clock = [](int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); };
        out["send_window"] = json::object{{"days", std::move(days)},
                                          {"start", clock(d.send_window->start_minute)},
                                          {"end", clock(d.send_window->end_minute)},
                                          {"timezone", d.send_window->timezone}};
    } else {
        out["send_window"] = nullptr;
    }
    json::array reminders;
    for (const auto& after : d.reminders) reminders.push_back(json::object{{"after", to_string(after)}});
    out["reminders"] = std::move(reminders);
    out["expires_after"] = d.expires_after ? json::value(to_string(*d.expires_after)) : json::value(nullptr);
    out["resurvey_after"] = d.resurvey_after ? json::value(to_string(*d.resurvey_after)) : json::value(nullptr);
    json::object message;
    if (!d.message.subject.empty()) message["subject"] = json::value_from(d.message.subject);
    if (!d.message.intro.empty()) message["intro"] = json::value_from(d.message.intro);
    if (!d.message.sender_name.empty()) message["sender_name"] = d.message.sender_name;
    out["message"] = std::move(message);
    return out;
}

} // namespace touchpoint::engine::lifecycle
