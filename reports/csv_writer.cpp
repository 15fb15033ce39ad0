#include "reports/csv_writer.hpp"

#include <fmt/format.h>

namespace touchpoint::reports {
namespace {

// "-12" or "-0.5": a spreadsheet reads it as a number and runs nothing.
bool is_negative_number(std::string_view cell) {
    if (cell.size() < 2 || cell.front() != '-') return false;
    bool digits = false, point = false;
    for (std::size_t i = 1; i < cell.size(); ++i) {
        const char c = cell[i];
        if (c >= '0' && c <= '9') digits = true;
        else if (c == '.' && !point && digits) point = true;
        else return false;
    }
    return digits && cell.back() != '.';
}

} // namespace

void append_csv_cell(std::string& out, std::string_view cell) {
    const bool formula = !cell.empty() && !is_negative_number(cell) &&
                         (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' || cell.front() == '@' ||
                          cell.front() == '\t' || cell.front() == '\r');
    // One pass over the cell: exports write millions of them.
    bool special = false;
    for (const char c : cell)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            special = true;
            break;
        }
    if (!formula && !special) {
        out.append(cell);
        return;
    }
    out += '"';
    if (formula) out += '\'';
    for (std::size_t start = 0;;) {
        const auto quote = cell.find('"', start);
        if (quote == std::string_view::npos) {
            out.append(cell.substr(start));
            break;
        }
        out.append(cell.substr(start, quote + 1 - start));
        out += '"'; // a quote inside a quoted cell is doubled
        start = quote + 1;
    }
    out += '"';
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        append_csv_cell(out, cells[i]);
    }
    out += "\r\n";
}

std::string csv_number(double value) { return fmt::format("{}", value); }

} // namespace touchpoint::reports
