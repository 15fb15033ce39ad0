// `touchpoint serve` as a child process on a loopback port, for tests that kill
// it with SIGKILL or run several against one database.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace touchpoint::testing {

// A loopback port nobody listens on now.
unsigned short free_port();

class server_process {
public:
    // Starts TOUCHPOINT_BINARY serve on `db` and waits for /healthz; `extra` flags follow the defaults.
    server_process(const std::string& db, const std::filesystem::path& dir, unsigned short port,
                   const std::vector<std::string>& extra = {});
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    unsigned short port() const { return port_; }
    // SIGKILL, then reaps the child.
    void kill();

private:
    unsigned short port_;
    pid_t pid_ = -1;
};

} // namespace touchpoint::testing
