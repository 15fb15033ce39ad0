// Wires storage, services, routes and the HTTP server into one running engine.
#pragma once

#include "engine/config.hpp"

#include <memory>

namespace touchpoint::engine {

class app {
public:
    // Opens the database and applies pending migrations.
    explicit app(const config& settings);
    ~app();

    void start();
    unsigned short port() const;
    void stop();
    void wait();

private:
    struct parts;
    std::unique_ptr<parts> parts_;
};

} // namespace touchpoint::engine
