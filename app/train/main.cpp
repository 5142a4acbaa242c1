// gcpo-train: the headless GCPO/GRPO command line, on the same core as the workbench.
#include <iostream>

#include "common/process_setup.h"
#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

int main(int argc, char** argv) {
    gcpo::app::prepareProcess(argv);
    gcpo::app::applyThreadPolicyFromEnvironment();
    CLI::App app{"gcpo-train: GCPO / GRPO training for RL with verifiable rewards (headless)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "gcpo-train 0.1.0");
    gcpo::cli::addRegisteredCommands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return gcpo::cli::kExitBadInput;
    } catch (const gcpo::cli::ExitError& e) {
        std::cerr << "gcpo-train: " << e.what() << "\n";
        return e.code;
    } catch (const gcpo::store::DatabaseRefusedError& e) {  // the same code for every command
        std::cerr << "gcpo-train: " << e.what() << "\n";
        return gcpo::cli::kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "gcpo-train: error: " << e.what() << "\n";
        return gcpo::cli::kExitFailure;
    }
    return gcpo::cli::kExitOk;
}
