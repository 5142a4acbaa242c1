// The communicator on torch.distributed's c10d as LibTorch ships it: a TCPStore served by rank 0
// for the rendezvous, ProcessGroupGloo (CPU) or ProcessGroupNCCL (CUDA, in builds that have it).
#include "dist/c10d_communicator.h"

// ProcessGroupGloo.hpp is empty unless USE_C10D_GLOO is defined (Debian's libtorch_cpu exports it).
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef GCPO_WITH_NCCL  // set by core/dist/sources.cmake when LibTorch has CUDA and nccl.h is found
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <torch/version.h>

#include <chrono>
#include <cstring>

namespace gcpo::dist {

namespace {

#if TORCH_VERSION_MAJOR >= 2
using ProcessGroupBase = c10d::Backend;  // 2.x: the backends derive from Backend
#else
using ProcessGroupBase = c10d::ProcessGroup;
#endif

using Clock = std::chrono::steady_clock;

bool isLoopback(const std::string& addr) { return addr == "localhost" || addr.rfind("127.", 0) == 0 || addr == "::1"; }

class C10dCommunicator final : public Communicator {
public:
    explicit C10dCommunicator(const DistConfig& c) : m_config(c), m_rank(c.rank), m_world(c.worldSize) {
        const auto wait = std::chrono::milliseconds(static_cast<int64_t>(c.rendezvousSeconds * 1000.0));
        try {
            c10d::TCPStoreOptions so;
            so.port = static_cast<uint16_t>(c.masterPort);
            so.isServer = c.rank == 0;
            so.numWorkers = c.worldSize;
            so.waitWorkers = false;
            so.timeout = wait;
            auto tcp = c10::make_intrusive<c10d::TCPStore>(c.masterAddr, so);
            m_store = c10::make_intrusive<c10d::PrefixStore>("gcpo", tcp);
        } catch (const std::exception& e) {
            throw CommError("distributed: rank " + std::to_string(c.rank) + " of " + std::to_string(c.worldSize) +
                            " could not reach the rendezvous at " + c.masterAddr + ":" + std::to_string(c.masterPort) +
                            " within " + std::to_string(c.rendezvousSeconds) + " s: " + firstLine(e.what()));
        }
    }

    ~C10dCommunicator() override {
        m_pg.reset();
        m_store.reset();
    }

    void startGroup(Backend requested, const torch::Device& device, double timeoutSeconds) override {
        const Backend backend = resolveBackend(requested, device);
        const double seconds = timeoutSeconds > 0 ? timeoutSeconds : defaultTimeoutSeconds(backend);
        m_backend = backend;
        m_device = backend == Backend::Nccl ? device : torch::Device(torch::kCPU);
        m_timeout = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
        try {
            if (backend == Backend::Gloo) {
                auto opts = c10d::ProcessGroupGloo::Options::create(m_timeout);
                if (!m_config.glooInterface.empty())
                    opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(m_config.glooInterface));
                else if (isLoopback(m_config.masterAddr))
                    opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
                else opts->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
                m_pg = c10::make_intrusive<c10d::ProcessGroupGloo>(m_store, m_rank, m_world, opts);
            } else {
#ifdef GCPO_WITH_NCCL
                auto opts = c10d::ProcessGroupNCCL::Options::create();
                opts->timeout = m_timeout;
                m_pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(m_store, m_rank, m_world, opts);
#else
                throw std::invalid_argument("this build has no NCCL");
#endif
            }
        } catch (const std::invalid_argument&) {
            throw;
        } catch (const std::exception& e) {
            throw CommError("distributed: rank " + std::to_string(m_rank) + " of " + std::to_string(m_world) +
                            " could not start the " + toString(backend) + " process group (timeout " + std::to_string(seconds) +
                            " s): " + firstLine(e.what()) + othersPhases());
        }
        // Every rank's collectives are ready once a first barrier passes.
        barrier();
    }

    int rank() const override { return m_rank; }
    int worldSize() const override { return m_world; }
    std::string backendName() const override { return m_pg ? toString(m_backend) : "none"; }

    void allReduceSum(std::vector<torch::Tensor>& tensors) override {
        run("all-reduce", [&] {
            std::vector<torch::Tensor> staged = stage(tensors);
            // One call per tensor: a call takes one tensor per device, all of one dtype.
            for (auto& t : staged) {
                std::vector<torch::Tensor> one{t};
                m_pg->allreduce(one)->wait(m_timeout);
            }
            unstage(staged, tensors);
        });
    }

    void broadcast(std::vector<torch::Tensor>& tensors, int root) override {
        run("broadcast", [&] {
            std::vector<torch::Tensor> staged = stage(tensors);
            c10d::BroadcastOptions o;
            o.rootRank = root;
            // One call per tensor: Gloo and NCCL take one tensor per device per call.
            for (auto& t : staged) {
                std::vector<torch::Tensor> one{t};
                m_pg->broadcast(one, o)->wait(m_timeout);
            }
            unstage(staged, tensors);
        });
    }

    std::vector<std::string> gatherToRoot(const std::string& bytes) override {
        std::vector<std::string> out;
        run("gather of step records", [&] {
            // Lengths first, then every rank's bytes padded to the longest (all-gather: both backends have it).
            const auto bopts = torch::TensorOptions().device(m_device);
            std::vector<torch::Tensor> len{
                torch::full({1}, static_cast<int64_t>(bytes.size()), bopts.dtype(torch::kLong))};  // (1)
            std::vector<std::vector<torch::Tensor>> lens(1);
            for (int r = 0; r < m_world; ++r) lens[0].push_back(torch::empty({1}, bopts.dtype(torch::kLong)));  // (1)
            m_pg->allgather(lens, len)->wait(m_timeout);
            std::vector<int64_t> sizes;
            int64_t longest = 1;
            for (auto& t : lens[0]) {
                sizes.push_back(t.to(torch::kCPU).item<int64_t>());
                longest = std::max(longest, sizes.back());
            }
            auto mine = torch::zeros({longest}, torch::kByte);  // (L)
            if (!bytes.empty()) std::memcpy(mine.data_ptr<uint8_t>(), bytes.data(), bytes.size());
            std::vector<torch::Tensor> in{mine.to(m_device)};
            std::vector<std::vector<torch::Tensor>> all(1);
            for (int r = 0; r < m_world; ++r) all[0].push_back(torch::empty({longest}, bopts.dtype(torch::kByte)));  // (L)
            m_pg->allgather(all, in)->wait(m_timeout);
            if (m_rank != 0) return;
            for (int r = 0; r < m_world; ++r) {
                const torch::Tensor host = all[0][r].to(torch::kCPU).contiguous();
                out.emplace_back(reinterpret_cast<const char*>(host.data_ptr<uint8_t>()), static_cast<size_t>(sizes[r]));
            }
        });
        return out;
    }

    void barrier() override {
        run("barrier", [&] { m_pg->barrier()->wait(m_timeout); });
    }

    std::string shareFromRoot(const std::string& key, const std::string& value, double waitSeconds) override {
        std::string out = value;
        run("sharing \"" + key + "\" from rank 0", [&] {
            const std::string k = "share/" + key;
            if (m_rank == 0) {
                m_store->set(k, std::vector<uint8_t>(value.begin(), value.end()));
                return;
            }
            m_store->wait({k}, std::chrono::milliseconds(static_cast<int64_t>(waitSeconds * 1000.0)));
            const std::vector<uint8_t> v = m_store->get(k);
            out.assign(v.begin(), v.end());
        });
        return out;
    }

    void notePhase(const std::string& phase) override {
        m_phase = phase;
        try {
            m_store->set("phase/" + std::to_string(m_rank), std::vector<uint8_t>(phase.begin(), phase.end()));
        } catch (const std::exception&) {
            // The next collective reports the broken group; a note is best effort.
        }
    }

private:
    static std::string firstLine(const std::string& s) {
        const auto nl = s.find('\n');
        return nl == std::string::npos ? s : s.substr(0, nl);
    }

    template <typename F>
    void run(const std::string& what, F&& body) {
        if (!m_pg && what.rfind("sharing", 0) != 0)
            throw std::logic_error("distributed: " + what + " before the process group was started");
        const auto t0 = Clock::now();
        try {
            body();
        } catch (const std::exception& e) {
            m_collectiveSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
            throw CommError("distributed: " + what + " failed on rank " + std::to_string(m_rank) + " (" + m_phase +
                            "): " + firstLine(e.what()) + othersPhases());
        }
        m_collectiveSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }

    // "; rank 1 last reported: step 2 sampling" for each other rank whose note the store still has.
    std::string othersPhases() const {
        std::string out;
        for (int r = 0; r < m_world; ++r) {
            if (r == m_rank) continue;
            try {
                const std::string k = "phase/" + std::to_string(r);
                if (!m_store->check({k})) continue;
                const std::vector<uint8_t> v = m_store->get(k);
                out += "; rank " + std::to_string(r) + " last reported: " + std::string(v.begin(), v.end());
            } catch (const std::exception&) {
                out += "; the rendezvous store on rank 0 is unreachable";
                break;
            }
        }
        return out;
    }

    std::vector<torch::Tensor> stage(const std::vector<torch::Tensor>& tensors) const {
        std::vector<torch::Tensor> out;
        for (const auto& t : tensors)
            out.push_back(t.device() == m_device && t.is_contiguous() ? t : t.to(m_device).contiguous());
        return out;
    }
    static void unstage(const std::vector<torch::Tensor>& staged, std::vector<torch::Tensor>& tensors) {
        for (size_t i = 0; i < tensors.size(); ++i)
            if (!staged[i].is_same(tensors[i])) tensors[i].copy_(staged[i]);
    }

    DistConfig m_config;
    int m_rank, m_world;
    Backend m_backend = Backend::Gloo;
    torch::Device m_device{torch::kCPU};
    std::chrono::milliseconds m_timeout{0};
    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<ProcessGroupBase> m_pg;
    std::string m_phase = "starting";
};

}  // namespace

std::unique_ptr<Communicator> makeC10dCommunicator(const DistConfig& config) {
    return std::make_unique<C10dCommunicator>(config);
}

}  // namespace gcpo::dist
