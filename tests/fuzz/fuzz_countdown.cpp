// Fuzz target: countdown answer expressions (parse, canonical form, exact evaluation, answer check).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tasks/countdown.h"
#include "tasks/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const gcpo::tasks::ExprPtr e = gcpo::tasks::parseExpression(text, &error)) {
        const std::string canonical = gcpo::tasks::canonicalForm(*e);
        // The canonical form parses back to itself.
        const gcpo::tasks::ExprPtr again = gcpo::tasks::parseExpression(canonical, &error);
        if (!again || gcpo::tasks::canonicalForm(*again) != canonical) __builtin_trap();
    }
    (void)gcpo::tasks::checkCountdownAnswer({3, 7, 25, 50}, 100, false, text);  // never throws
    return 0;
}
