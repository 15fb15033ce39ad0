// What enters and leaves the engine stays readable: text that is not UTF-8 is
// refused at every entry, rows stored before that check are still read,
// languages are matched by BCP 47, exports keep answers to removed questions,
// erased contacts' links stop working, and completion never goes backwards.
// On SQLite and PostgreSQL.
#include "engine/store/database_doctor.hpp"
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

namespace json = boost::json;
using touchpoint::testing::send_request;

namespace {

class input_integrity : public touchpoint::testing::engine_fixture {
protected:
    static constexpr const char* form = "application/x-www-form-urlencoded";

    // A contact with a comment already stored, for the reads below.
    std::string answered_token(const std::string& survey, const std::string& contact) {
        EXPECT_EQ(call("PUT", "/v1/contacts/" + contact, R"({"email":"ana@example.com"})", ingest_).status, 201);
        const auto token = invite(survey, contact);
        auto saved = call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":7,"q_why":"café"}})");
        EXPECT_EQ(saved.status, 200) << saved.body;
        return token;
    }
    std::string field_of(const touchpoint::testing::http_reply& reply) {
        return std::string(json::parse(reply.body).at("error").at("details").at(0).at("field").as_string());
    }
};

TEST_P(input_integrity, a_form_post_that_is_not_utf8_is_refused_beside_its_field_and_stores_nothing) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    auto refused = call("POST", "/s/" + token, "_locale=en&q_score=5&q_why=caf%E9%FF", "", form);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("q_why"), std::string::npos) << "the page names the field";
    EXPECT_NE(refused.body.find("not valid UTF-8"), std::string::npos);
    auto not_a_form = call("POST", "/s/" + token, R"({"q_score":5})", "", "application/json");
    EXPECT_EQ(not_a_form.status, 415);
    EXPECT_NE(not_a_form.body.find("could not be read"), std::string::npos) << not_a_form.body;
    EXPECT_EQ(count("responses"), 0);
    EXPECT_EQ(count("answers"), 0);
    // The listing and the exports still work afterwards.
    EXPECT_EQ(call("GET", "/v1/responses", "", admin_).status, 200);
    EXPECT_EQ(call("GET", "/v1/responses/export?format=ndjson", "", admin_).status, 200);
}

TEST_P(input_integrity, json_bodies_query_and_path_parameters_that_are_not_utf8_are_refused_naming_the_field) {
    const auto survey = create_survey();
    auto contact = call("PUT", "/v1/contacts/cust-1", "{\"email\":\"a@example.com\",\"name\":\"caf\xE9\xFF\"}", ingest_);
    EXPECT_EQ(contact.status, 400);
    EXPECT_EQ(field_of(contact), "body");
    auto nul = call("PUT", "/v1/contacts/cust-1", R"({"email":"a@example.com","attributes":{"plan":"pro\u0000"}})", ingest_);
    EXPECT_EQ(nul.status, 400) << nul.body;
    EXPECT_EQ(field_of(nul), "attributes.plan");
    auto event = call("POST", "/v1/events", R"({"id":"e1","contact":"cust-1","name":"signup","properties":{"k":["\u0000"]}})",
                      ingest_);
    EXPECT_EQ(event.status, 400);
    EXPECT_EQ(field_of(event), "properties.k[0]");
    auto path = call("GET", "/v1/contacts/caf%E9", "", ingest_);
    EXPECT_EQ(path.status, 400);
    EXPECT_EQ(field_of(path), "path");
    auto query = call("GET", "/v1/responses?survey_id=%FF", "", admin_);
    EXPECT_EQ(query.status, 400);
    EXPECT_EQ(field_of(query), "survey_id");
    auto definition = call("PUT", "/v1/surveys/" + survey, "{\"name\":\"Q\xC0\xAF\",\"questions\":[]}", admin_);
    EXPECT_EQ(definition.status, 400);
    EXPECT_EQ(count("contacts"), 0);
    EXPECT_EQ(count("events"), 0);
    EXPECT_EQ(admin_json("GET", "/v1/surveys/" + survey).at("version").as_int64(), 1);
}

TEST_P(input_integrity, a_row_stored_with_bad_bytes_by_an_earlier_version_does_not_break_reads_or_erasure) {
    if (GetParam() == "postgresql") GTEST_SKIP() << "PostgreSQL refuses ill-formed UTF-8 itself, so no such row can exist";
    const auto survey = create_survey();
    answered_token(survey, "cust-1");
    {
        // What earlier versions stored for the form post `q_why=caf%E9%FF`.
        soci::session session(db_->pool());
        const std::string answers = "{\"q_score\":7,\"q_why\":\"caf\xE9\xFF\"}", text = "caf\xE9\xFF";
        session << "UPDATE responses SET answers = :a", soci::use(answers);
        session << "UPDATE answers SET text_value = :t WHERE text_value IS NOT NULL", soci::use(text);
    }
    auto listed = call("GET", "/v1/responses", "", admin_);
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(json::parse(listed.body).at("data").at(0).at("answers").at("q_why").as_string(), "caf\xEF\xBF\xBD\xEF\xBF\xBD");
    for (const std::string format : {"csv", "ndjson"}) {
        auto exported = call("GET", "/v1/responses/export?format=" + format + "&survey_id=" + survey, "", admin_);
        EXPECT_EQ(exported.status, 200);
        EXPECT_NE(exported.body.find("caf\xEF\xBF\xBD"), std::string::npos) << format;
    }
    EXPECT_EQ(call("DELETE", "/v1/contacts/cust-1", "", ingest_).status, 204);
    EXPECT_EQ(count("contacts"), 0) << "the e-mail address is gone";
}

TEST_P(input_integrity, doctor_reports_rows_with_bad_bytes_and_repairs_them_on_request) {
    if (GetParam() == "postgresql") GTEST_SKIP() << "PostgreSQL refuses ill-formed UTF-8 itself, so no such row can exist";
    const auto survey = create_survey();
    answered_token(survey, "cust-1");
    EXPECT_TRUE(touchpoint::engine::store::examine_database(*db_, false).healthy());
    {
        soci::session session(db_->pool());
        const std::string answers = "{\"q_score\":7,\"q_why\":\"caf\xE9\"}", text = "caf\xE9", name = "Ana \xFF";
        session << "UPDATE responses SET answers = :a", soci::use(answers);
        session << "UPDATE answers SET text_value = :t WHERE text_value IS NOT NULL", soci::use(text);
        session << "UPDATE contacts SET name = :n", soci::use(name);
    }
    auto found = touchpoint::engine::store::examine_database(*db_, false);
    ASSERT_EQ(found.findings.size(), 3u);
    EXPECT_EQ(found.findings[0].table, "contacts");
    EXPECT_EQ(found.findings[0].column, "name");
    EXPECT_EQ(found.findings[0].problem, "ill-formed UTF-8 at byte 4");
    EXPECT_TRUE(found.unrepaired());
    EXPECT_EQ(found.findings[1].column, "answers");
    EXPECT_EQ(found.findings[2].column, "text_value");

    auto repaired = touchpoint::engine::store::examine_database(*db_, true);
    EXPECT_FALSE(repaired.unrepaired());
    EXPECT_TRUE(touchpoint::engine::store::examine_database(*db_, false).healthy());
    EXPECT_EQ(json::parse(call("GET", "/v1/contacts/cust-1", "", ingest_).body).at("name").as_string(), "Ana \xEF\xBF\xBD");
}

TEST_P(input_integrity, the_page_speaks_the_closest_offered_variant_of_the_persons_language) {
    auto with_locales = [&](const std::string& locales) {
        auto created = call("POST", "/v1/surveys",
                            R"({"name":"L","kind":"nps","default_locale":"en","locales":)" + locales +
                                R"(,"questions":[{"id":"q_score","type":"nps","required":true,
                                   "text":{"en":"How likely?","fr":"Probabilité ?","fr-CA":"Probabilité (CA) ?"}}]})",
                            admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        return std::string(json::parse(created.body).at("id").as_string());
    };
    auto page_locale = [&](const std::string& survey, const std::string& accept_language) {
        const auto token = invite(survey, "");
        auto page = send_request(port_, "GET", "/s/" + token, "", {{"Accept-Language", accept_language}});
        const auto at = page.body.find("lang=\"");
        return page.body.substr(at + 6, page.body.find('"', at + 6) - at - 6);
    };
    const auto fr_then_ca = with_locales(R"(["en","fr","fr-CA"])");
    const auto ca_then_fr = with_locales(R"(["en","fr-CA","fr"])");
    EXPECT_EQ(page_locale(fr_then_ca, "fr-CA"), "fr-CA");
    EXPECT_EQ(page_locale(ca_then_fr, "fr"), "fr");
    EXPECT_EQ(page_locale(ca_then_fr, "FR-ca,en;q=0.5"), "fr-CA");
    EXPECT_EQ(page_locale(fr_then_ca, "fr-BE"), "fr");
    EXPECT_EQ(page_locale(fr_then_ca, "de, nl;q=0.8"), "en") << "nothing offered: the survey's default";
}

TEST_P(input_integrity, the_csv_export_keeps_answers_to_questions_an_edit_removed) {
    const auto survey = create_survey();
    const auto first = invite(survey, "");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + first + R"(","answers":{"q_score":3,"q_why":"too slow"}})").status,
              200);
    auto definition = admin_json("GET", "/v1/surveys/" + survey);
    auto& questions = definition.as_object()["questions"].as_array();
    questions.erase(questions.begin() + 1); // q_why
    questions.push_back(json::parse(R"({"id":"q_next","type":"text","text":{"en":"Anything else?"}})"));
    auto edited = call("PUT", "/v1/surveys/" + survey, json::serialize(definition), admin_);
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto second = invite(survey, "");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + second + R"(","answers":{"q_score":9,"q_next":"fine"}})").status,
              200);

    auto csv = call("GET", "/v1/responses/export?format=csv&survey_id=" + survey, "", admin_).body;
    const auto header = csv.substr(0, csv.find("\r\n"));
    EXPECT_EQ(header, "id,survey_id,survey_version,contact,invitation_id,channel,locale,complete,created_at,updated_at,"
                      "q_score,q_next,q_why")
        << "the current version's questions, then the removed one";
    EXPECT_NE(csv.find(",3,,too slow\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",9,fine,\r\n"), std::string::npos) << csv;
}

TEST_P(input_integrity, an_erased_contacts_links_answer_410_in_their_language_and_store_nothing) {
    const auto survey = create_survey();
    const auto token = answered_token(survey, "cust-1");
    ASSERT_EQ(call("DELETE", "/v1/contacts/cust-1", "", ingest_).status, 204);
    const auto stored = admin_json("GET", "/v1/responses").at("data").at(0).at("updated_at");

    auto page = send_request(port_, "GET", "/s/" + token, "", {{"Accept-Language", "nl-BE,nl;q=0.9"}});
    EXPECT_EQ(page.status, 410);
    EXPECT_NE(page.body.find("ingetrokken"), std::string::npos) << page.body;
    auto posted = send_request(port_, "POST", "/s/" + token, "q_score=1&q_why=new+text",
                               {{"Content-Type", form}, {"Accept-Language", "fr"}});
    EXPECT_EQ(posted.status, 410);
    EXPECT_NE(posted.body.find("retiré"), std::string::npos);
    auto in_app = call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_why":"still me"}})");
    EXPECT_EQ(in_app.status, 410);
    EXPECT_EQ(json::parse(in_app.body).at("error").at("code").as_string(), "withdrawn");

    auto response = admin_json("GET", "/v1/responses").at("data").at(0);
    EXPECT_EQ(response.at("updated_at"), stored) << "nothing was written";
    EXPECT_FALSE(response.at("answers").as_object().contains("q_why"));
    auto invitation = admin_json("GET", "/v1/invitations?survey_id=" + survey).at("data").at(0);
    EXPECT_EQ(invitation.at("status").as_string(), "cancelled");
    EXPECT_EQ(invitation.at("reason").as_string(), "contact_erased");
}

TEST_P(input_integrity, a_complete_response_stays_complete_when_another_score_link_is_clicked) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    ASSERT_EQ(call("POST", "/s/" + token, "q_score=9&q_why=good", "", form).status, 200);
    EXPECT_TRUE(admin_json("GET", "/v1/responses").at("data").at(0).at("complete").as_bool());
    // The person clicks the 7 in the same e-mail later: the page posts that score alone.
    ASSERT_EQ(call("POST", "/s/" + token, "_mode=score&q_score=7", "", form).status, 204);
    auto response = admin_json("GET", "/v1/responses").at("data").at(0);
    EXPECT_EQ(response.at("answers").at("q_score").as_int64(), 7);
    EXPECT_TRUE(response.at("complete").as_bool());
    // An in-app edit of the comment keeps it complete too; clearing the required score does not.
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_why":"better"}})").status, 200);
    EXPECT_TRUE(admin_json("GET", "/v1/responses").at("data").at(0).at("complete").as_bool());
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":null}})").status, 200);
    EXPECT_FALSE(admin_json("GET", "/v1/responses").at("data").at(0).at("complete").as_bool());
}

TEST_P(input_integrity, an_empty_filter_parameter_is_no_filter_on_every_listing) {
    const auto survey = create_survey();
    const auto token = invite(survey, "");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token":")" + token + R"(","answers":{"q_score":9}})").status, 200);
    EXPECT_EQ(admin_json("GET", "/v1/invitations?survey_id=&contact=&campaign=&status=").at("data").as_array().size(), 1u);
    EXPECT_EQ(admin_json("GET", "/v1/responses?survey_id=").at("data").as_array().size(), 1u);
    auto csv = call("GET", "/v1/responses/export?format=csv&survey_id=", "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",answers\r\n"), std::string::npos) << "every survey: one answers column";
}

INSTANTIATE_TEST_SUITE_P(backends, input_integrity, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
