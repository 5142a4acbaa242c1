// Safetensors files (the Hugging Face weight format): a torch-free header parser that can be fuzzed,
// a read-only mmap reader and an atomic writer. Only F32, BF16 and F16 tensors are accepted.
//
// Layout: 8-byte little-endian header length N, N bytes of JSON {"name": {"dtype", "shape",
// "data_offsets": [begin, end]}, "__metadata__": {str: str}}, then the data section; offsets are
// relative to the start of the data section.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace gcpo::model::hf {

// A damaged or foreign file: the message names the file and, where one is at fault, the tensor.
struct SafetensorsError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

enum class StDtype { F32, BF16, F16 };
const char* dtypeName(StDtype d);  // "F32", "BF16", "F16"
size_t dtypeSize(StDtype d);       // bytes per element
bool dtypeFromName(const std::string& name, StDtype* out);

struct StTensorInfo {
    std::string name;
    StDtype dtype = StDtype::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;  // byte range in the data section
    int64_t numel() const;
};

struct StHeader {
    std::vector<StTensorInfo> tensors;                        // in file order of their offsets
    std::map<std::string, std::string> metadata;              // "__metadata__"
    uint64_t dataOffset = 0;                                  // 8 + N: where the data section starts in the file
    const StTensorInfo* find(const std::string& name) const;  // nullptr if absent
};

// Parses the header of a whole file image (`size` bytes starting at `data`). Checks: the length
// prefix fits, the JSON is an object of well-formed entries, every dtype is supported, every shape
// is non-negative and its byte count matches data_offsets, offsets lie inside the data section and
// no two tensors overlap. Throws SafetensorsError "<fileName>: <tensor>: <problem>".
StHeader parseSafetensorsHeader(const uint8_t* data, size_t size, const std::string& fileName);

// A read-only memory map of one file with its parsed header. Not copyable; movable.
class SafetensorsFile {
public:
    explicit SafetensorsFile(const std::string& path);  // throws SafetensorsError (missing file included)
    ~SafetensorsFile();
    SafetensorsFile(SafetensorsFile&& o) noexcept;
    SafetensorsFile& operator=(SafetensorsFile&& o) = delete;
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return m_path; }
    const StHeader& header() const { return m_header; }
    const uint8_t* bytes(const StTensorInfo& t) const { return m_data + m_header.dataOffset + t.begin; }

private:
    std::string m_path;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    StHeader m_header;
};

struct StWriteTensor {
    std::string name;
    StDtype dtype = StDtype::F32;
    std::vector<int64_t> shape;
    const void* data = nullptr;  // numel * dtypeSize bytes, little-endian
};

// Writes `path` atomically (a temporary sibling, then rename). Tensors are laid out in the given
// order, the header padded with spaces to a multiple of 8 bytes. Throws std::runtime_error on I/O
// failure and std::invalid_argument on a duplicate name.
void writeSafetensors(const std::string& path, const std::vector<StWriteTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace gcpo::model::hf
