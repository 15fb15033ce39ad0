// The `touchpoint` command line: serve, migrate, keys create, version.
#pragma once

namespace touchpoint::engine::cli {

int run(int argc, char** argv);

} // namespace touchpoint::engine::cli
