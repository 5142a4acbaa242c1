// Helpers shared by gcpo-train subcommands.
#include "train/cli_util.h"

#include <algorithm>
#include <fstream>
#include <vector>
#include <iostream>
#include <iterator>
#include <sstream>

#include "train/commands.h"

namespace gcpo::cli {

namespace {
std::vector<std::pair<int, CommandAdder>>& registry() {
    static std::vector<std::pair<int, CommandAdder>> r;
    return r;
}
}  // namespace

int registerCommand(int order, CommandAdder adder) {
    registry().emplace_back(order, std::move(adder));
    return order;
}

void addRegisteredCommands(CLI::App& app) {
    auto r = registry();
    std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, adder] : r) adder(app);
}

std::string readFileOrStdin(const std::string& path) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ExitError(kExitBadInput, path + ": cannot open file");
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

}  // namespace gcpo::cli
