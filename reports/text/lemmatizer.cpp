#include "reports/text/lemmatizer.hpp"

#include <hunspell/hunspell.hxx>

#include <array>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#ifndef TOUCHPOINT_HUNSPELL_DIR
#define TOUCHPOINT_HUNSPELL_DIR "/usr/share/hunspell"
#endif

namespace touchpoint::reports::text {
namespace {

// No dictionary word is longer; longer tokens (pasted ids, URLs) are not looked up.
constexpr std::size_t longest_word = 64;

struct dictionary_files {
    std::filesystem::path aff, dic;
};

// The dictionary names Debian's packages install, in order of preference.
struct language_dictionaries {
    std::string_view language;
    std::array<const char*, 2> names;
};
constexpr language_dictionaries dictionary_names[] = {
    {"en", {"en_US", "en_GB"}}, {"fr", {"fr_FR", "fr"}}, {"nl", {"nl_NL", "nl"}}};

std::optional<dictionary_files> files_for(std::string_view language) {
    const std::filesystem::path directory = TOUCHPOINT_HUNSPELL_DIR;
    for (const auto& entry : dictionary_names) {
        if (entry.language != language) continue;
        for (const char* name : entry.names) {
            dictionary_files files{directory / (std::string(name) + ".aff"), directory / (std::string(name) + ".dic")};
            std::error_code unreadable; // a directory we may not read counts as no dictionary
            if (std::filesystem::exists(files.aff, unreadable) && std::filesystem::exists(files.dic, unreadable)) return files;
        }
    }
    return std::nullopt;
}

class dictionary {
public:
    explicit dictionary(std::string_view language) {
        if (auto files = files_for(language)) hunspell_ = std::make_unique<Hunspell>(files->aff.c_str(), files->dic.c_str());
    }

    std::vector<std::string> lemmas(std::string_view word) {
        if (!hunspell_ || word.empty() || word.size() > longest_word) return {};
        const std::string key(word);
        std::vector<std::string> found;
        {
            // Hunspell keeps working state in the object: one caller at a time.
            std::lock_guard lock(mutex_);
            found = hunspell_->stem(key);
        }
        std::erase(found, key);
        return found;
    }

private:
    std::unique_ptr<Hunspell> hunspell_;
    std::mutex mutex_;
};

// Loaded on first use: a process that never sees Dutch never reads the Dutch dictionary.
dictionary* dictionary_for(std::string_view language) {
    if (language == "en") {
        static dictionary english("en");
        return &english;
    }
    if (language == "fr") {
        static dictionary french("fr");
        return &french;
    }
    if (language == "nl") {
        static dictionary dutch("nl");
        return &dutch;
    }
    return nullptr;
}

} // namespace

std::vector<std::string> lemmas(std::string_view word, std::string_view language) {
    auto* dictionary = dictionary_for(language);
    return dictionary ? dictionary->lemmas(word) : std::vector<std::string>{};
}

bool has_dictionary(std::string_view language) { return files_for(language).has_value(); }

std::string_view dictionary_directory() { return TOUCHPOINT_HUNSPELL_DIR; }

} // namespace touchpoint::reports::text
