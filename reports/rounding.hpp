// Report figures are computed at full precision and rounded once, where a
// report is written (JSON, CSV, HTML), so every form shows the same number.
#pragma once

#include <cmath>

namespace touchpoint::reports {

// Shares, scores, means, deltas and z: 2 decimals.
inline double round2(double value) { return std::round(value * 100.0) / 100.0; }

// Sentiment and log-odds, which live in [-1, 1] or close: 3 decimals.
inline double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

// p-values: 4 decimals, so 0.0089 stays distinguishable from 0.05.
inline double round4(double value) { return std::round(value * 10000.0) / 10000.0; }

} // namespace touchpoint::reports
