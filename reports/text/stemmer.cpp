#include "reports/text/stemmer.hpp"

#include <libstemmer.h>

#include <memory>

namespace touchpoint::reports::text {
namespace {

struct stemmer_deleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using stemmer_ptr = std::unique_ptr<sb_stemmer, stemmer_deleter>;

// A Snowball stemmer keeps state between calls: one per thread and language.
sb_stemmer* stemmer_for(std::string_view language) {
    thread_local stemmer_ptr english(sb_stemmer_new("english", "UTF_8"));
    thread_local stemmer_ptr french(sb_stemmer_new("french", "UTF_8"));
    thread_local stemmer_ptr dutch(sb_stemmer_new("dutch", "UTF_8"));
    if (language == "en") return english.get();
    if (language == "fr") return french.get();
    if (language == "nl") return dutch.get();
    return nullptr;
}

} // namespace

std::string stem(std::string_view word, std::string_view language) {
    sb_stemmer* stemmer = stemmer_for(language);
    if (!stemmer || word.empty()) return std::string(word);
    const sb_symbol* stemmed =
        sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!stemmed) return std::string(word);
    return std::string(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

} // namespace touchpoint::reports::text
