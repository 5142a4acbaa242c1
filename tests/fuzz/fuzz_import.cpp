// Fuzz target: `gcpo-train tasks import` (GSM8K or MATH JSONL text, chosen by the first byte).
#include <cstddef>
#include <cstdint>
#include <string>

#include "tasks/dataset_import.h"
#include "util/json_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const auto format = (data[0] & 1) ? gcpo::tasks::DatasetFormat::Math : gcpo::tasks::DatasetFormat::Gsm8k;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const gcpo::tasks::ImportReport report = gcpo::tasks::importJsonlText(text, format);  // must never throw
    (void)gcpo::util::dumpSafe(report.summary());
    return 0;
}
