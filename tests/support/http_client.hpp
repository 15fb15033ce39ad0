// A small blocking HTTP/1.1 client for tests, over a real loopback socket.
#pragma once

#include <map>
#include <string>

namespace touchpoint::testing {

struct http_reply {
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
};

http_reply send_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::string& body = "", const std::map<std::string, std::string>& headers = {});

} // namespace touchpoint::testing
