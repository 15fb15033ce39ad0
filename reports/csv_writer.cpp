#include "reports/csv_writer.hpp"

namespace touchpoint::reports {

void append_csv_cell(std::string& out, std::string_view cell) {
    const bool formula = !cell.empty() &&
                         (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' || cell.front() == '@' ||
                          cell.front() == '\t' || cell.front() == '\r');
    const bool quote = formula || cell.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    if (quote) out += '"';
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        append_csv_cell(out, cells[i]);
    }
    out += "\r\n";
}

} // namespace touchpoint::reports
