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

std::string alignedTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> width;
    for (const auto& row : rows) {
        if (width.size() < row.size()) width.resize(row.size(), 0);
        for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (const auto& row : rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            std::string cell = row[c];
            if (c + 1 < row.size()) cell.resize(width[c] + 2, ' ');
            out += cell;
        }
        out += "\n";
    }
    return out;
}

}  // namespace gcpo::cli
