// Fuzz target: one `gcpo-train verify` input line ({family, task, completion}) -> one verdict line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tasks/line_verifier.h"
#include "util/json_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static gcpo::tasks::LineVerifier verifier{gcpo::tasks::RewardConfig{}};
    const std::string line(reinterpret_cast<const char*>(data), size);
    bool bad = false;
    const nlohmann::json verdict = verifier.verify(line, 1, &bad);  // must never throw
    const std::string out = gcpo::util::dumpSafe(verdict);
    if (!gcpo::util::isValidUtf8(out)) __builtin_trap();
    return 0;
}
