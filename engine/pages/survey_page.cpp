#include "engine/pages/survey_page.hpp"

#include "engine/pages/page_strings.hpp"
#include "surveys/answer_validator.hpp"
#include "surveys/score_band.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <kainjow/mustache.hpp>

#include <algorithm>

namespace touchpoint::engine::pages {
namespace mustache = kainjow::mustache;

namespace {

constexpr std::string_view style = R"css(
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1c1e21}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.4rem;margin:0 0 1.25rem}
fieldset{border:0;margin:0 0 1.25rem;padding:1rem;background:#fff;border-radius:.6rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
fieldset[aria-invalid=true]{box-shadow:0 0 0 2px #c62828}legend{font-weight:600;padding:0;margin-bottom:.75rem;float:left;width:100%}
legend+*{clear:both}.req{color:#c62828}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.scale{display:flex;flex-wrap:wrap;gap:.35rem}.scale label{flex:1 0 2.6rem;position:relative}
.scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}
.scale span{display:block;text-align:center;padding:.6rem 0;border:1px solid #c4c8cf;border-radius:.4rem;background:#fff}
.scale input:checked+span{background:#1f5fbf;border-color:#1f5fbf;color:#fff;font-weight:600}
.scale input:focus-visible+span{outline:3px solid #f5a623;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#5f6670;margin-top:.35rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;padding:.35rem 0}.choice input{margin-top:.3rem;width:1.1rem;height:1.1rem}
textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #c4c8cf;border-radius:.4rem}
textarea:focus,button:focus{outline:3px solid #f5a623;outline-offset:2px}
button{font:inherit;font-weight:600;background:#1f5fbf;color:#fff;border:0;border-radius:.4rem;padding:.75rem 1.6rem;cursor:pointer}
.errors{background:#fdecea;border-radius:.6rem;padding:.75rem 1rem;margin-bottom:1rem}.errors h2{font-size:1rem;margin:0 0 .4rem}
.errors a{color:#8e1b1b}.field-error{color:#c62828;margin:.25rem 0 .5rem;font-weight:600}
.notice{background:#e8f0fe;border-radius:.6rem;padding:.75rem 1rem}
)css";

constexpr std::string_view layout = R"html(<!doctype html>
<html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{{title}}</title><style>{{{style}}}</style></head>
<body><main>{{{content}}}</main>{{{script}}}</body></html>
)html";

constexpr std::string_view form_template = R"html(<h1>{{title}}</h1>
{{#has_errors}}<div class="errors" role="alert"><h2>{{errors_title}}</h2><ul>{{#errors}}<li><a href="#{{anchor}}">{{message}}</a></li>{{/errors}}</ul></div>{{/has_errors}}
{{#one_click}}<p class="notice" id="tp-confirm">{{confirm_score}}</p><p class="notice" id="tp-recorded" hidden>{{score_recorded}}</p>{{/one_click}}
<form id="tp-survey" method="post" action="/s/{{token}}">
<input type="hidden" name="_locale" value="{{lang}}">
{{#questions}}<fieldset id="{{anchor}}"{{#error}} aria-invalid="true" aria-describedby="{{anchor}}-error"{{/error}}>
<legend id="{{anchor}}-legend">{{text}}{{#required}} <span class="req" aria-hidden="true">*</span><span class="sr">({{required_label}})</span>{{/required}}</legend>
{{#error}}<p class="field-error" id="{{anchor}}-error">{{error}}</p>{{/error}}
{{#is_scale}}<div class="scale">{{#points}}<label><input type="radio" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}><span>{{value}}</span></label>{{/points}}</div>
{{#has_labels}}<div class="ends" aria-hidden="true"><span>{{min_label}}</span><span>{{max_label}}</span></div>{{/has_labels}}{{/is_scale}}
{{#choices}}<label class="choice"><input type="{{input_type}}" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}><span>{{label}}</span></label>{{/choices}}
{{#is_text}}<textarea name="{{name}}" rows="4" maxlength="10000" aria-labelledby="{{anchor}}-legend">{{value}}</textarea>{{/is_text}}
</fieldset>
{{/questions}}<button type="submit">{{submit}}</button>
</form>)html";

std::string render_layout(const std::string& locale, const std::string& title, const std::string& content,
                          const std::string& script = "") {
    mustache::mustache page{std::string(layout)};
    mustache::data data;
    data.set("lang", locale);
    data.set("title", title);
    data.set("style", std::string(style));
    data.set("content", content);
    data.set("script", script);
    return page.render(data);
}

bool is_checked(const surveys::answer_map& answers, const std::string& id, const std::string& value) {
    auto it = answers.find(id);
    if (it == answers.end()) return false;
    return std::visit([&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v) == value;
        else if constexpr (std::is_same_v<T, bool>) return (v ? "yes" : "no") == value;
        else if constexpr (std::is_same_v<T, std::string>) return v == value;
        else return std::ranges::find(v, value) != v.end();
    }, it->second);
}

mustache::data question_data(const surveys::survey_definition& survey, const surveys::question& q,
                             const survey_page_model& model, const page_strings& words) {
    using surveys::question_type;
    mustache::data data;
    data.set("anchor", "q-" + q.id);
    data.set("name", q.id);
    data.set("text", surveys::question_text(survey, q, model.answers, model.locale));
    data.set("required", q.required ? mustache::data::type::bool_true : mustache::data::type::bool_false);
    data.set("required_label", std::string(words.required));
    for (const auto& error : model.errors)
        if (error.field == "answers." + q.id) data.set("error", error.message);

    auto choice = [&](const std::string& value, const std::string& label, const char* input_type) {
        mustache::data item;
        item.set("name", q.id);
        item.set("value", value);
        item.set("label", label);
        item.set("input_type", input_type);
        item.set("checked", is_checked(model.answers, q.id, value) ? mustache::data::type::bool_true : mustache::data::type::bool_false);
        return item;
    };
    if (surveys::is_scored(q.type)) {
        mustache::list points;
        for (int value = q.min; value <= q.max; ++value) points.push_back(choice(std::to_string(value), std::to_string(value), "radio"));
        data.set("is_scale", mustache::data::type::bool_true);
        data.set("points", points);
        const auto& min_label = surveys::pick_text(q.min_label, model.locale, survey.default_locale);
        const auto& max_label = surveys::pick_text(q.max_label, model.locale, survey.default_locale);
        if (!min_label.empty() || !max_label.empty()) {
            data.set("has_labels", mustache::data::type::bool_true);
            data.set("min_label", min_label);
            data.set("max_label", max_label);
        }
    } else if (q.type == question_type::yes_no) {
        data.set("choices", mustache::list{choice("yes", std::string(words.yes), "radio"), choice("no", std::string(words.no), "radio")});
    } else if (surveys::has_options(q.type)) {
        mustache::list choices;
        const char* input_type = q.type == question_type::multi_choice ? "checkbox" : "radio";
        for (const auto& option : q.options)
            choices.push_back(choice(option.id, surveys::pick_text(option.text, model.locale, survey.default_locale), input_type));
        data.set("choices", choices);
    } else {
        data.set("is_text", mustache::data::type::bool_true);
        auto it = model.answers.find(q.id);
        data.set("value", it != model.answers.end() && std::holds_alternative<std::string>(it->second)
                              ? std::get<std::string>(it->second) : std::string());
    }
    return data;
}

} // namespace

std::string render_survey_page(const survey_page_model& model) {
    const auto& survey = *model.survey;
    const auto& words = strings_for(model.locale);
    mustache::data data;
    data.set("title", survey.name);
    data.set("token", model.token);
    data.set("lang", model.locale);
    data.set("submit", std::string(words.submit));
    data.set("errors_title", std::string(words.errors_title));
    if (!model.errors.empty()) {
        mustache::list errors;
        for (const auto& error : model.errors) {
            mustache::data item;
            const auto* q = survey.find_question(error.field.substr(error.field.find('.') + 1));
            item.set("anchor", q ? "q-" + q->id : std::string("tp-survey"));
            item.set("message", (q ? surveys::question_text(survey, *q, model.answers, model.locale) + ": " : std::string()) + error.message);
            errors.push_back(item);
        }
        data.set("has_errors", mustache::data::type::bool_true);
        data.set("errors", errors);
    }
    if (model.one_click_nonce) {
        data.set("one_click", mustache::data::type::bool_true);
        data.set("confirm_score", std::string(words.confirm_score));
        data.set("score_recorded", std::string(words.score_recorded));
    }
    mustache::list questions;
    for (const auto& q : survey.questions)
        if (surveys::is_shown(survey, q, model.answers) || !q.show_if || !model.answers.contains(q.show_if->question_id))
            questions.push_back(question_data(survey, q, model, words));
    data.set("questions", questions);
    const auto content = mustache::mustache{std::string(form_template)}.render(data);

    std::string script;
    if (model.one_click_nonce) {
        // Runs only in a real browser: records the clicked score at once, then says so.
        script = "<script nonce=\"" + *model.one_click_nonce + "\">(function(){var f=document.getElementById('tp-survey');"
                 "var d=new URLSearchParams();d.append('_mode','score');d.append(" +
                 boost::json::serialize(boost::json::value(model.one_click_question)) + "," +
                 boost::json::serialize(boost::json::value(std::to_string(model.one_click_score))) +
                 ");fetch(f.action,{method:'POST',body:d,credentials:'same-origin'}).then(function(r){if(r.ok){"
                 "document.getElementById('tp-confirm').hidden=true;document.getElementById('tp-recorded').hidden=false;}});"
                 "})();</script>";
    }
    return render_layout(model.locale, survey.name, content, script);
}

std::string render_thank_you_page(const std::string& locale, const std::string& title, const std::string& token) {
    const auto& words = strings_for(locale);
    mustache::data data;
    data.set("title", std::string(words.thank_you_title));
    data.set("body", std::string(words.thank_you_body));
    data.set("again", std::string(words.edit_again));
    data.set("token", token);
    const auto content = mustache::mustache{std::string(
        "<h1>{{title}}</h1><p class=\"notice\" role=\"status\">{{body}}</p><p><a href=\"/s/{{token}}\">{{again}}</a></p>")}.render(data);
    return render_layout(locale, title, content);
}

std::string render_message_page(const std::string& locale, std::string_view kind) {
    const auto& words = strings_for(locale);
    std::string_view title = words.not_found_title, body = words.not_found_body;
    if (kind == "expired") title = words.expired_title, body = words.expired_body;
    if (kind == "closed") title = words.closed_title, body = words.closed_body;
    if (kind == "withdrawn") title = words.withdrawn_title, body = words.withdrawn_body;
    if (kind == "unreadable_form") title = words.unreadable_form_title, body = words.unreadable_form_body;
    if (kind == "failed") title = words.failed_title, body = words.failed_body;
    mustache::data data;
    data.set("title", std::string(title));
    data.set("body", std::string(body));
    const auto content = mustache::mustache{std::string("<h1>{{title}}</h1><p>{{body}}</p>")}.render(data);
    return render_layout(locale, std::string(title), content);
}

std::string content_security_policy(const std::optional<std::string>& nonce) {
    std::string policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    if (nonce) policy += "; script-src 'nonce-" + *nonce + "'; connect-src 'self'";
    return policy;
}

} // namespace touchpoint::engine::pages
