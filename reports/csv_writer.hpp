// CSV (RFC 4180) with spreadsheet formula injection neutralised: a cell that
// starts with =, +, -, @, tab or carriage return gets a leading apostrophe; a
// plain negative number ("-12.5") stays a number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports {

// Appends one cell, quoted when it holds a comma, quote or line break.
void append_csv_cell(std::string& out, std::string_view cell);

// Appends the cells separated by commas and a CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// A number as the shortest text that reads back as the same double ("7", "66.67").
std::string csv_number(double value);

} // namespace touchpoint::reports
