#include "engine/config.hpp"

#include "engine/security/crypto.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace touchpoint::engine {

std::string load_or_create_secret(const config& settings) {
    if (!settings.secret.empty()) {
        if (settings.secret.size() < 32) throw std::invalid_argument("--secret must be at least 32 characters");
        return settings.secret;
    }
    const auto path = std::filesystem::path(settings.data_dir) / "secret";
    if (std::ifstream in{path}) {
        std::string secret;
        std::getline(in, secret);
        if (secret.size() < 32) throw std::runtime_error(path.string() + " holds a secret shorter than 32 characters");
        return secret;
    }
    std::filesystem::create_directories(settings.data_dir);
    const auto secret = security::base64url_encode(security::random_bytes(32));
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out{temporary, std::ios::trunc};
        if (!out) throw std::runtime_error("cannot write " + temporary);
        ::chmod(temporary.c_str(), 0600);
        out << secret << '\n';
    }
    std::filesystem::rename(temporary, path);
    return secret;
}

} // namespace touchpoint::engine
