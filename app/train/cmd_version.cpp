// gcpo-train version: the program, LibTorch, database schema and device versions (text or JSON),
// so that the workbench, which does not link LibTorch, can show them in its About dialog.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app_env.h"
#include "common/blas_kernel.h"
#include "store/run_store.h"
#include "train/commands.h"
#include "util/torch_runtime.h"

namespace gcpo::cli {

namespace {

void addVersionCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("version", "Print the versions of gcpo-train, LibTorch and the run database schema");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json,
                  "One JSON object: gcpo, libtorch, schema, cuda, blas, blas_kernels, threads, core_kernel_threads, resources");
    cmd->callback([json] {
        nlohmann::json v = {
            {"gcpo", "0.1.0"},
            {"libtorch", torchVersionString()},
            {"schema", store::kSchemaVersion},
            {"cuda", cudaAvailable()},
            {"blas", loadedBlasLibrary()},
            {"blas_kernels", app::blasDescription()},
            {"threads", torchThreads()},
            {"core_kernel_threads", coreKernelThreads()},
            {"resources", app::resourcesDir()},
        };
        if (*json) {
            std::cout << v.dump() << "\n";
            return;
        }
        std::cout << "gcpo-train " << v["gcpo"].get<std::string>() << "\n"
                  << "LibTorch " << v["libtorch"].get<std::string>() << (cudaAvailable() ? " (CUDA available)" : " (CPU)") << "\n"
                  << "run database schema " << store::kSchemaVersion << "\n"
                  << "BLAS " << v["blas"].get<std::string>() << "\n"
                  << "BLAS kernels " << v["blas_kernels"].get<std::string>() << "\n"
                  << "threads " << v["threads"].get<int>() << " intra-op, " << v["core_kernel_threads"].get<int>()
                  << " for the model's own CPU kernels\n"
                  << "resources " << v["resources"].get<std::string>() << "\n";
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(90, addVersionCommand);

}  // namespace gcpo::cli
