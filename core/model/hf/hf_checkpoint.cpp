// Hugging Face policy checkpoints of RL runs (see hf_checkpoint.h).
#include "model/hf/hf_checkpoint.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "model/checkpoint_info.h"
#include "model/hf/hf_model.h"

namespace gcpo::model::hf {

namespace fs = std::filesystem;

void saveHfCheckpoint(const std::string& dir, LlamaFamilyImpl& model, const std::string& tokenizerFrom,
                      torch::optim::Optimizer* optimizer, int64_t step) {
    const fs::path target = fs::absolute(fs::path(dir)).lexically_normal();
    fs::create_directories(target.parent_path());
    const fs::path tmp = target.string() + kCheckpointTempMarker + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp);
    try {
        HfSaveOptions o;
        o.dtype = torch::kFloat;  // the master weights, exactly
        o.copyTokenizerFrom = tokenizerFrom;
        saveHfModel((tmp / "model").string(), model, o);
        if (optimizer) {
            torch::serialize::OutputArchive archive;
            optimizer->save(archive);
            archive.save_to((tmp / "optimizer.pt").string());
        }
        {
            torch::serialize::OutputArchive archive;
            at::Generator gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            archive.write("cpu_generator", gen.get_state());
            archive.save_to((tmp / "rng.pt").string());
        }
        std::ofstream manifest(tmp / "manifest.json");
        manifest << nlohmann::json{{"format", kHfCheckpointFormat}, {"version", 1}, {"step", step}}.dump(2) << "\n";
        manifest.close();
        if (!manifest) throw std::runtime_error("checkpoint: cannot write " + (tmp / "manifest.json").string());
        if (fs::exists(target)) fs::remove_all(target);
        fs::rename(tmp, target);
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
}

int64_t loadHfCheckpoint(const std::string& dir, LlamaFamilyImpl& model, torch::optim::Optimizer* optimizer, bool restoreRng) {
    const fs::path root(dir);
    std::ifstream in(root / "manifest.json");
    if (!in) throw std::runtime_error("checkpoint: " + dir + " has no manifest.json");
    nlohmann::json manifest;
    try {
        manifest = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("checkpoint: " + (root / "manifest.json").string() + " is damaged (" + e.what() + ")");
    }
    if (manifest.value("format", std::string()) != kHfCheckpointFormat)
        throw std::runtime_error("checkpoint: " + dir + " is not a Hugging Face policy checkpoint");
    try {  // every tensor is checked before any is copied: a damaged folder leaves the model as it was
        loadHfWeights((root / "model").string(), model);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("checkpoint: ") + e.what());
    }
    try {
        if (optimizer && fs::exists(root / "optimizer.pt")) {
            torch::serialize::InputArchive archive;
            archive.load_from((root / "optimizer.pt").string(), model.device());
            optimizer->load(archive);
        }
        if (restoreRng) {
            torch::serialize::InputArchive archive;
            archive.load_from((root / "rng.pt").string());
            torch::Tensor state;
            archive.read("cpu_generator", state);
            at::Generator gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_state(state);
        }
    } catch (const c10::Error& e) {
        throw std::runtime_error("checkpoint: " + dir + ": optimizer or RNG state damaged");
    }
    return manifest.value("step", int64_t(0));
}

}  // namespace gcpo::model::hf
