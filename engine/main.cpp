// The touchpoint executable: everything happens in the engine library.
#include "engine/cli/command_line.hpp"

int main(int argc, char** argv) { return touchpoint::engine::cli::run(argc, argv); }
