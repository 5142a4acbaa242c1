// Policy checkpoints: torch::serialize archives plus JSON, written to a temporary directory and renamed.
#include "model/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include <fcntl.h>

namespace gcpo::model {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void ioFailure(const fs::path& path, const char* what) {
    throw std::runtime_error("checkpoint: cannot " + std::string(what) + " " + path.string() + " (" + std::strerror(errno) + ")");
}

// Writes `bytes` to a new file and flushes it to the device; every failure (disk full, quota, I/O
// error) throws naming the file. Torch archives are serialised to memory first and written here:
// torch's own file writer ends the process (std::terminate) when the disk fills during a write.
void writeFile(const fs::path& path, const std::string& bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) ioFailure(path, "create");
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            const int err = errno;
            ::close(fd);
            errno = err;
            ioFailure(path, "write");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        errno = err;
        ioFailure(path, "flush");
    }
    if (::close(fd) != 0) ioFailure(path, "close");
}

void writeArchive(const fs::path& path, torch::serialize::OutputArchive& archive) {
    std::ostringstream os;
    archive.save_to(os);
    writeFile(path, os.str());
}

void syncDirectory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// First line of a c10::Error (the rest is a C++ backtrace).
std::string firstLine(const char* what) {
    std::string s(what);
    const auto nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

// Puts `from` at `to`, replacing an existing directory: exchanged atomically where the OS allows it.
void moveIntoPlace(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (!fs::exists(to, ec)) {
        fs::rename(from, to);
        return;
    }
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(from, ec);  // now holds the old checkpoint
        return;
    }
#endif
    const fs::path old = to.string() + kCheckpointOldMarker + std::to_string(::getpid());
    fs::rename(to, old);
    fs::rename(from, to);
    fs::remove_all(old, ec);
}

template <typename Fn>
void readArchive(const fs::path& path, const torch::Device& device, const char* what, Fn&& fn) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw std::runtime_error("checkpoint: " + path.string() + " is missing");
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.string(), device);
        fn(archive);
    } catch (const c10::Error& e) {
        throw std::runtime_error("checkpoint: " + path.string() + " is truncated, damaged or not a " + what + " (" +
                                 firstLine(e.what()) + ")");
    }
}

}  // namespace

void saveCheckpoint(const std::string& dir, Transformer& model, const Tokenizer& tokenizer, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info) {
    const fs::path target = fs::absolute(fs::path(dir)).lexically_normal();
    const fs::path parent = target.parent_path();
    static int counter = 0;
    const fs::path tmp = parent / (target.filename().string() + kCheckpointTempMarker + std::to_string(::getpid()) + "-" +
                                   std::to_string(++counter));
    std::error_code ec;
    try {
        fs::create_directories(parent);
        fs::remove_all(tmp, ec);
        fs::create_directories(tmp);
        nlohmann::json files = nlohmann::json::array({"config.json", "model.pt", "rng.pt"});
        {
            torch::serialize::OutputArchive archive;
            model->save(archive);
            writeArchive(tmp / "model.pt", archive);
        }
        if (optimizer) {
            torch::serialize::OutputArchive archive;
            optimizer->save(archive);
            writeArchive(tmp / "optimizer.pt", archive);
            files.push_back("optimizer.pt");
        }
        {
            torch::serialize::OutputArchive archive;
            at::Generator gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            archive.write("cpu_generator", gen.get_state());
            writeArchive(tmp / "rng.pt", archive);
        }
        const nlohmann::json config = {{"model", toJson(model->config())},
                                       {"tokenizer", tokenizer.toJson()},
                                       {"step", info.step},
                                       {"rng", {{"data", info.dataRngState}}},
                                       {"extra", info.extra}};
        writeFile(tmp / "config.json", config.dump(2) + "\n");
        const nlohmann::json manifest = {
            {"format", kCheckpointFormat}, {"version", kCheckpointVersion}, {"step", info.step}, {"files", files}};
        writeFile(tmp / "manifest.json", manifest.dump(2) + "\n");  // last: its presence marks a complete directory
        syncDirectory(tmp);
        moveIntoPlace(tmp, target);
        syncDirectory(parent);
    } catch (const c10::Error& e) {
        fs::remove_all(tmp, ec);
        throw std::runtime_error("checkpoint: cannot write " + target.string() + " (" + firstLine(e.what()) + ")");
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(tmp, ec);
        throw std::runtime_error("checkpoint: cannot write " + target.string() + " (" + e.what() + ")");
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
}

CheckpointInfo loadCheckpoint(const std::string& dir, Transformer& model, const Tokenizer& tokenizer,
                              torch::optim::Optimizer* optimizer, bool restoreRng) {
    CheckpointInfo info = readCheckpointInfo(dir);
    if (info.model != model->config())
        throw std::runtime_error("checkpoint: " + dir + " was saved for a different model (saved vs expected: " +
                                 describeDifference(info.model, model->config()) + ")");
    if (info.tokenizer != tokenizer)
        throw std::runtime_error("checkpoint: " + dir + " was saved with a different tokenizer vocabulary");
    const fs::path root(dir);
    const torch::Device device = model->device();
    readArchive(root / "model.pt", device, "model file", [&](torch::serialize::InputArchive& a) { model->load(a); });
    if (optimizer && info.hasOptimizer)
        readArchive(root / "optimizer.pt", device, "optimizer file",
                    [&](torch::serialize::InputArchive& a) { optimizer->load(a); });
    if (restoreRng)
        readArchive(root / "rng.pt", torch::kCPU, "RNG state file", [&](torch::serialize::InputArchive& a) {
            torch::Tensor state;
            a.read("cpu_generator", state);
            at::Generator gen = at::detail::getDefaultCPUGenerator();  // a handle on the global generator
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_state(state);
        });
    return info;
}

LoadedPolicy loadPolicy(const std::string& dir, const torch::Device& device) {
    LoadedPolicy p;
    p.info = readCheckpointInfo(dir);
    p.tokenizer = p.info.tokenizer;
    p.model = Transformer(p.info.model);
    p.model->to(device);
    loadCheckpoint(dir, p.model, p.tokenizer);
    p.model->eval();
    return p;
}

}  // namespace gcpo::model
