// The theme taxonomy: theme -> keywords per language, matched on stems so
// "invoices", "facturé" and "facturen" all find their theme. Marketers edit it
// as JSON; a default covering the usual survey topics ships with the engine.
#pragma once

#include "reports/text/sentiment.hpp"

#include <boost/json/fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace touchpoint::reports::text {

struct theme {
    std::string id;
    std::string name;
    std::map<std::string, std::vector<std::string>> keywords; // language -> keywords as written
};

class theme_taxonomy {
public:
    // {"themes":[{"id","name","keywords":{"en":[...],...}}]}; errors name the
    // field ("themes[2].id: ..."). Ids are unique, keywords are per analysed language.
    static theme_taxonomy parse(const boost::json::value& document, std::vector<std::string>* errors);
    static const theme_taxonomy& default_taxonomy();

    const std::vector<theme>& themes() const { return themes_; }
    // The position of a theme in themes(), by id.
    std::optional<std::size_t> index_of(std::string_view id) const;
    boost::json::value to_json() const; // the document parse reads
    // Ids of the themes a comment's words mention, in taxonomy order.
    std::vector<std::string> match(const std::vector<analysed_word>& words, std::string_view language) const;

private:
    struct stemmed_keyword {
        std::size_t theme = 0;
        std::vector<std::string> stems;
    };
    std::vector<theme> themes_;
    // Per language, keywords by their first stem: a comment's words are each
    // looked up once instead of every keyword being tried at every word.
    std::map<std::string, std::unordered_map<std::string, std::vector<stemmed_keyword>>, std::less<>> by_language_;
    std::map<std::string, std::size_t, std::less<>> index_;
};

} // namespace touchpoint::reports::text
