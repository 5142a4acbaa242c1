// Fuzz target: `gcpo-train credit` input (JSON text -> request -> credit), as the command runs it.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "rl/credit_json.h"
#include "util/json_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    nlohmann::json j;
    try {
        j = gcpo::util::parseJson(text);
    } catch (const nlohmann::json::exception&) {  // not JSON: refused by the CLI before this point
        return 0;
    } catch (const std::invalid_argument&) {
        return 0;
    }
    try {  // every refusal from here on must be std::invalid_argument naming the key
        const gcpo::rl::CreditRequest req = gcpo::rl::parseCreditRequest(j);
        const gcpo::rl::CreditResult res = gcpo::rl::computeCredit(req.rewards, req.embeddings, req.dim, req.config);
        const std::string out = gcpo::rl::toJson(res).dump();         // NaN and infinities would print as null
        if (out.find("null") != std::string::npos) __builtin_trap();  // a finite result was promised
    } catch (const std::invalid_argument&) {}
    return 0;
}
