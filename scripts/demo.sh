#!/usr/bin/env bash
# Builds GCPO Workbench (installing missing Debian packages) and starts the built-in demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
# Until the workbench lands: the headless demo, crediting a built-in rollout group.
exec "$build/app/gcpo-train" credit "$root/resources/demo/credit_group.json"
