// Fuzzes reports::append_csv_row, the writer of every CSV export. The input is
// rows of cells: 0x1e ends a row, 0x1f ends a cell. Checks: the output is
// RFC 4180 that a strict reader (below) reads back to the same cells, except
// that a cell starting with =, +, -, @, tab or CR comes back with a leading
// apostrophe unless it is a plain negative number; what was in the buffer
// before stays; the output is valid UTF-8 when the cells are.
#include "reports/csv_writer.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reports = touchpoint::reports;

namespace {

using row = std::vector<std::string>;

// RFC 4180, strictly: CRLF after every record, quotes only around a whole field.
std::optional<std::vector<row>> read_csv(std::string_view text) {
    std::vector<row> rows;
    row current;
    std::size_t i = 0;
    while (i < text.size()) {
        std::string field;
        if (text[i] == '"') {
            for (++i;; ++i) {
                if (i == text.size()) return std::nullopt; // unterminated quote
                if (text[i] != '"') {
                    field += text[i];
                    continue;
                }
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                    continue;
                }
                ++i;
                break;
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') return std::nullopt; // a quote inside an unquoted field
                field += text[i++];
            }
        }
        current.push_back(std::move(field));
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (text.substr(i, 2) != "\r\n") return std::nullopt; // a field must end at a comma or CRLF
        i += 2;
        rows.push_back(std::move(current));
        current.clear();
    }
    return rows;
}

// "-12", "-0.5": a spreadsheet reads these as numbers, so they are left alone.
bool is_plain_negative_number(std::string_view cell) {
    if (cell.size() < 2 || cell[0] != '-') return false;
    std::size_t i = 1, digits = 0;
    while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9') ++i, ++digits;
    if (digits == 0) return false;
    if (i == cell.size()) return true;
    if (cell[i] != '.') return false;
    std::size_t fraction = 0;
    for (++i; i < cell.size() && cell[i] >= '0' && cell[i] <= '9'; ++i) ++fraction;
    return fraction > 0 && i == cell.size();
}

std::string as_read_back(const std::string& cell) {
    if (cell.empty() || is_plain_negative_number(cell)) return cell;
    const char first = cell[0];
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') return "'" + cell;
    return cell;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<row> rows(1);
    std::string cell;
    for (char c : input) {
        if (c == '\x1f') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\x1e') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    if (!cell.empty()) rows.back().push_back(std::move(cell));
    if (rows.back().empty()) rows.pop_back();

    const std::string before = "id,score\r\n";
    std::string out = before;
    for (const auto& r : rows) reports::append_csv_row(out, r);
    FUZZ_CHECK(out.starts_with(before));
    if (touchpoint::fuzz::is_valid_utf8(input)) FUZZ_CHECK(touchpoint::fuzz::is_valid_utf8(out));

    const auto read = read_csv(std::string_view(out).substr(before.size()));
    FUZZ_CHECK(read.has_value());
    FUZZ_CHECK(read->size() == rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        // A row of no cells and a row of one empty cell are the same line in CSV.
        if (rows[r].empty()) {
            FUZZ_CHECK((*read)[r] == row{""});
            continue;
        }
        FUZZ_CHECK((*read)[r].size() == rows[r].size());
        for (std::size_t c = 0; c < rows[r].size(); ++c) FUZZ_CHECK((*read)[r][c] == as_read_back(rows[r][c]));
    }
    return 0;
}
