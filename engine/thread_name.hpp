// Names the calling thread, so `top -H`, `perf` and debuggers tell the network,
// worker, writer and background threads apart.
#pragma once

namespace touchpoint::engine {

// Linux keeps the first 15 bytes of the name.
void name_this_thread(const char* name);

} // namespace touchpoint::engine
