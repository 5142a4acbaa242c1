// Safetensors header parser, mmap reader and atomic writer (torch-free; see safetensors.h).
#include "model/hf/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

namespace gcpo::model::hf {

namespace {

// The format caps the header at 100 MB; anything larger is not a safetensors file.
constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

[[noreturn]] void fail(const std::string& file, const std::string& tensor, const std::string& what) {
    throw SafetensorsError(file + ": " + (tensor.empty() ? "" : "tensor '" + tensor + "': ") + what);
}

uint64_t readLe64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

const char* dtypeName(StDtype d) {
    switch (d) {
    case StDtype::F32: return "F32";
    case StDtype::BF16: return "BF16";
    case StDtype::F16: return "F16";
    }
    return "?";
}

size_t dtypeSize(StDtype d) { return d == StDtype::F32 ? 4 : 2; }

bool dtypeFromName(const std::string& name, StDtype* out) {
    if (name == "F32") *out = StDtype::F32;
    else if (name == "BF16") *out = StDtype::BF16;
    else if (name == "F16") *out = StDtype::F16;
    else return false;
    return true;
}

int64_t StTensorInfo::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

const StTensorInfo* StHeader::find(const std::string& name) const {
    for (const auto& t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

StHeader parseSafetensorsHeader(const uint8_t* data, size_t size, const std::string& file) {
    if (size < 8) fail(file, "", "truncated: " + std::to_string(size) + " bytes, not even the 8-byte header length");
    const uint64_t n = readLe64(data);
    if (n > kMaxHeaderBytes)
        fail(file, "", "header length " + std::to_string(n) + " bytes is implausible (not a safetensors file?)");
    if (n > size - 8)
        fail(file, "",
             "truncated: header of " + std::to_string(n) + " bytes but the file has only " + std::to_string(size - 8) +
                 " after the length");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(data + 8, data + 8 + n);
    } catch (const nlohmann::json::exception& e) {
        fail(file, "", std::string("header is not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) fail(file, "", "header is not a JSON object");
    StHeader h;
    h.dataOffset = 8 + n;
    const uint64_t dataSize = size - h.dataOffset;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& name = it.key();
        const auto& v = it.value();
        if (name == "__metadata__") {
            if (!v.is_object()) fail(file, "", "__metadata__ is not an object");
            for (auto m = v.begin(); m != v.end(); ++m) {
                if (!m.value().is_string()) fail(file, "", "__metadata__." + m.key() + " is not a string");
                h.metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        if (!v.is_object()) fail(file, name, "entry is not an object");
        StTensorInfo t;
        t.name = name;
        const auto dt = v.find("dtype");
        if (dt == v.end() || !dt->is_string()) fail(file, name, "missing dtype");
        if (!dtypeFromName(dt->get<std::string>(), &t.dtype))
            fail(file, name, "dtype " + dt->get<std::string>() + " is not supported (F32, BF16, F16)");
        const auto shape = v.find("shape");
        if (shape == v.end() || !shape->is_array()) fail(file, name, "missing shape");
        uint64_t numel = 1;
        for (const auto& d : *shape) {
            if (!d.is_number_unsigned()) fail(file, name, "shape " + shape->dump() + " has a non-integer or negative size");
            const uint64_t dim = d.get<uint64_t>();
            if (dim > 0 && numel > std::numeric_limits<uint64_t>::max() / 16 / dim)
                fail(file, name, "shape " + shape->dump() + " overflows");
            numel *= dim;
            t.shape.push_back(static_cast<int64_t>(dim));
        }
        const auto off = v.find("data_offsets");
        if (off == v.end() || !off->is_array() || off->size() != 2 || !(*off)[0].is_number_unsigned() ||
            !(*off)[1].is_number_unsigned())
            fail(file, name, "data_offsets must be [begin, end] with non-negative integers");
        t.begin = (*off)[0].get<uint64_t>();
        t.end = (*off)[1].get<uint64_t>();
        if (t.end < t.begin)
            fail(file, name, "data_offsets end " + std::to_string(t.end) + " before begin " + std::to_string(t.begin));
        if (t.end > dataSize)
            fail(file, name,
                 "data_offsets end " + std::to_string(t.end) + " beyond the data section (" + std::to_string(dataSize) +
                     " bytes): file truncated?");
        if (t.end - t.begin != numel * dtypeSize(t.dtype))
            fail(file, name,
                 "data_offsets span " + std::to_string(t.end - t.begin) + " bytes, shape " + shape->dump() + " " +
                     dt->get<std::string>() + " needs " + std::to_string(numel * dtypeSize(t.dtype)));
        h.tensors.push_back(std::move(t));
    }
    std::sort(h.tensors.begin(), h.tensors.end(), [](const StTensorInfo& a, const StTensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t reachedEnd = 0;  // furthest end of the non-empty tensors so far
    const StTensorInfo* reachedBy = nullptr;
    for (const auto& t : h.tensors) {
        if (t.end == t.begin) continue;
        if (reachedBy && t.begin < reachedEnd)
            fail(file, t.name,
                 "bytes [" + std::to_string(t.begin) + ", " + std::to_string(t.end) + ") overlap tensor '" + reachedBy->name +
                     "'");
        reachedEnd = t.end;
        reachedBy = &t;
    }
    return h;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : m_path(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(path, "", std::string("cannot open (") + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        fail(path, "", "not a regular file");
    }
    m_size = static_cast<size_t>(st.st_size);
    if (m_size > 0) {
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            fail(path, "", std::string("mmap failed (") + std::strerror(errno) + ")");
        }
        m_data = static_cast<const uint8_t*>(p);
    }
    ::close(fd);
    try {
        static const uint8_t kEmpty[1] = {0};
        m_header = parseSafetensorsHeader(m_data ? m_data : kEmpty, m_size, path);
    } catch (...) {
        if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
        m_data = nullptr;
        throw;
    }
}

SafetensorsFile::~SafetensorsFile() {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

SafetensorsFile::SafetensorsFile(SafetensorsFile&& o) noexcept
    : m_path(std::move(o.m_path)), m_data(o.m_data), m_size(o.m_size), m_header(std::move(o.m_header)) {
    o.m_data = nullptr;
    o.m_size = 0;
}

void writeSafetensors(const std::string& path, const std::vector<StWriteTensor>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::set<std::string> seen;
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        if (!seen.insert(t.name).second) throw std::invalid_argument("writeSafetensors: duplicate tensor '" + t.name + "'");
        uint64_t numel = 1;
        for (int64_t d : t.shape) {
            if (d < 0) throw std::invalid_argument("writeSafetensors: tensor '" + t.name + "' has a negative size");
            numel *= static_cast<uint64_t>(d);
        }
        const uint64_t bytes = numel * dtypeSize(t.dtype);
        header[t.name] = {{"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error(tmp + ": cannot create");
        uint8_t len[8];
        uint64_t n = text.size();
        for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(n >> (8 * i));
        out.write(reinterpret_cast<const char*>(len), 8);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        for (const auto& t : tensors) {
            uint64_t numel = 1;
            for (int64_t d : t.shape) numel *= static_cast<uint64_t>(d);
            out.write(static_cast<const char*>(t.data), static_cast<std::streamsize>(numel * dtypeSize(t.dtype)));
        }
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw std::runtime_error(tmp + ": write failed (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw std::runtime_error(path + ": cannot rename the written file into place");
    }
}

}  // namespace gcpo::model::hf
