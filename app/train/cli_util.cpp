// Helpers shared by gcpo-train subcommands.
#include "train/cli_util.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "train/commands.h"

namespace gcpo::cli {

std::string readFileOrStdin(const std::string& path) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ExitError(kExitBadInput, path + ": cannot open file");
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

}  // namespace gcpo::cli
