// The labelled survey comments under tests/fixtures/text: one per line,
// "label<TAB>score<TAB>comment", lines starting with '#' are comments.
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace touchpoint::testing {

struct labelled_comment {
    std::string label; // positive, negative, mixed or neutral
    int score = 0;     // the NPS score it came with
    std::string text;
};

// Empty when the file is missing; malformed lines are skipped.
inline std::vector<labelled_comment> read_labelled_comments(const std::string& path) {
    std::vector<labelled_comment> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto first = line.find('\t'), second = line.find('\t', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        out.push_back({line.substr(0, first), std::stoi(line.substr(first + 1, second - first - 1)), line.substr(second + 1)});
    }
    return out;
}

} // namespace touchpoint::testing
