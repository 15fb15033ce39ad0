#!/usr/bin/env bash
# SOCI stays inside engine/store/: no other source or header includes it or names
# its types, and no store header includes it (they forward-declare), so services,
# handlers and pages compile without SOCI's headers.
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
outside=$(grep -rlE '#include <soci/|soci::' engine surveys reports channels --include='*.cpp' --include='*.hpp' |
  grep -v '^engine/store/' || true)
if [ -n "$outside" ]; then
  echo "SOCI used outside engine/store/:"; echo "$outside"; status=1
fi
# nullable.hpp (SOCI's indicators) and statement_cache.hpp (prepared statements) are
# the store sources' own helpers, included only by them.
headers=$(grep -lE '#include <soci/' engine/store/*.hpp | grep -vE '^engine/store/(nullable|statement_cache).hpp$' || true)
if [ -n "$headers" ]; then
  echo "store headers that include SOCI (forward-declare instead):"; echo "$headers"; status=1
fi
[ "$status" = 0 ] && echo "SOCI stays in engine/store/"
exit "$status"
