// Fuzz target: a safetensors file image (8-byte length, JSON header, data) through the header parser,
// then every tensor's byte range is read, as the mmap reader would.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/hf/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const gcpo::model::hf::StHeader h = gcpo::model::hf::parseSafetensorsHeader(data, size, "fuzz.safetensors");
        uint64_t sum = 0;
        for (const auto& t : h.tensors) {
            if (h.dataOffset + t.end > size) __builtin_trap();  // the parser promised the range is inside the file
            for (uint64_t i = t.begin; i < t.end; ++i) sum += data[h.dataOffset + i];
        }
        (void)sum;
    } catch (const gcpo::model::hf::SafetensorsError&) {}
    return 0;
}
