// One rank of test_dist's two-rank checks of the c10d communicator (Gloo on localhost):
//   dist_worker RANK WORLD PORT MODE [TIMEOUT_S]
// MODE ok: every collective checked against closed-form values (exit 0, else 1 with the reason);
// die: rank 1 kills itself with SIGKILL before the second collective; hang: rank 1 sleeps instead.
// Either way the surviving rank must throw CommError, which exits 3 with the message on stderr.
#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "dist/communicator.h"
#include "dist/grad_buckets.h"
#include "dist/record_codec.h"

using namespace gcpo;

namespace {

#define EXPECT(cond)                                                                                             \
    do {                                                                                                         \
        if (!(cond)) {                                                                                           \
            std::cerr << "rank " << comm->rank() << ": check failed at line " << __LINE__ << ": " #cond << "\n"; \
            return 1;                                                                                            \
        }                                                                                                        \
    } while (0)

store::StepRecord shareOf(int rank) {
    store::StepRecord r;
    r.step = 7;
    r.metrics.push_back({"reward", 0.5 + rank});
    for (int g = 0; g < rank + 1; ++g) {
        r.groups.push_back({rank * 10 + g, "prompt " + std::to_string(rank), "fam", "id", 0.25, 0.5, 1, 0.0, false});
        store::RolloutRecord o;
        o.groupIndex = rank * 10 + g;
        o.completion = std::string(100 * (rank + 1), 'x');
        o.embedding = {1.0f * rank, 2.0f, 3.5f};
        r.rollouts.push_back(o);
    }
    return r;
}

int checks(dist::Communicator* comm, const std::string& mode) {
    const int r = comm->rank(), W = comm->worldSize();
    comm->notePhase("first all-reduce");
    {
        std::vector<torch::Tensor> t{torch::full({5}, float(r + 1)), torch::full({2, 3}, int64_t(10 * (r + 1)))};  // (5), (2, 3)
        comm->allReduceSum(t);
        EXPECT(torch::equal(t[0], torch::full({5}, float(W * (W + 1) / 2))));
        EXPECT(torch::equal(t[1], torch::full({2, 3}, int64_t(10 * W * (W + 1) / 2))));
    }
    if (mode == "die" && r == 1) ::kill(::getpid(), SIGKILL);
    if (mode == "hang" && r == 1) {
        comm->notePhase("sleeping on purpose");
        ::sleep(60);
    }
    comm->notePhase("checks after the first all-reduce");
    {
        std::vector<torch::Tensor> t{torch::full({3}, double(r))};  // (3)
        comm->allReduceMean(t);
        EXPECT(torch::allclose(t[0], torch::full({3}, (W - 1) / 2.0)));
    }
    {
        std::vector<torch::Tensor> t{torch::full({4}, double(100 + r)), torch::arange(3) * (r + 1)};  // (4), (3)
        comm->broadcast(t, W - 1);
        EXPECT(torch::equal(t[0], torch::full({4}, double(100 + W - 1))));
        EXPECT(torch::equal(t[1], torch::arange(3) * W));
    }
    {
        const std::string mine = r == 1 ? std::string() : dist::encodeStepRecord(shareOf(r));  // rank 1 sends nothing
        const auto all = comm->gatherToRoot(mine);
        if (r == 0) {
            EXPECT(static_cast<int>(all.size()) == W);
            for (int k = 0; k < W; ++k) {
                if (k == 1) {
                    EXPECT(all[k].empty());
                    continue;
                }
                const store::StepRecord back = dist::decodeStepRecord(all[k]);
                EXPECT(static_cast<int>(back.groups.size()) == k + 1);
                EXPECT(back.rollouts[0].completion.size() == size_t(100 * (k + 1)));
                EXPECT(back.rollouts[0].embedding[0] == 1.0f * k);
            }
        } else {
            EXPECT(all.empty());
        }
    }
    {
        // Gradients of a few parameters, bucketed small so that several buckets and a missing gradient occur.
        torch::manual_seed(1);
        std::vector<torch::Tensor> params{torch::randn({7, 3}).requires_grad_(), torch::randn({5}).requires_grad_(),
                                          torch::randn({4}, torch::kDouble).requires_grad_(), torch::randn({2}).requires_grad_()};
        params[0].mutable_grad() = torch::full({7, 3}, float(r + 1));
        params[1].mutable_grad() = torch::arange(5, torch::kFloat) * (r + 1);
        params[2].mutable_grad() = torch::full({4}, 0.5 * r, torch::kDouble);
        if (r == 0) params[3].mutable_grad() = torch::ones({2});  // rank 1 has none: counts as zeros
        dist::allReduceGradients(*comm, params, /*bucketBytes=*/64);
        const double tri = W * (W + 1) / 2.0;
        EXPECT(torch::equal(params[0].grad(), torch::full({7, 3}, float(tri))));
        EXPECT(torch::allclose(params[1].grad(), torch::arange(5, torch::kFloat) * float(tri)));
        EXPECT(torch::allclose(params[2].grad(), torch::full({4}, 0.5 * (tri - W), torch::kDouble)));
        EXPECT(torch::equal(params[3].grad(), torch::ones({2})));
        EXPECT(dist::compareReplicas(*comm, params).empty());
        if (r == 1) {
            torch::NoGradGuard ng;
            params[1][2].add_(1e-3);
        }
        const std::string differs = dist::compareReplicas(*comm, params);
        EXPECT(differs.find("rank 1 differs") != std::string::npos);
    }
    EXPECT(comm->shareFromRoot("answer", r == 0 ? "forty-two" : "", 10.0) == "forty-two");
    comm->barrier();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::cerr << "usage: dist_worker RANK WORLD PORT MODE [TIMEOUT_S]\n";
        return 2;
    }
    dist::DistConfig c;
    c.rank = std::atoi(argv[1]);
    c.worldSize = std::atoi(argv[2]);
    c.masterPort = std::atoi(argv[3]);
    const double timeout = argc > 5 ? std::atof(argv[5]) : 20.0;
    try {
        auto comm = dist::connect(c);
        comm->startGroup(dist::Backend::Gloo, torch::Device(torch::kCPU), timeout);
        const int rc = checks(comm.get(), argv[4]);
        if (rc == 0) std::cout << "rank " << c.rank << " ok\n";
        return rc;
    } catch (const dist::CommError& e) {
        std::cerr << e.what() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "rank " << c.rank << ": " << e.what() << "\n";
        return 1;
    }
}
