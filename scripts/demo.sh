#!/usr/bin/env bash
# Builds GCPO Workbench (installing missing Debian packages) and opens the workbench on the
# built-in demo: a demo database is created and the GCPO-vs-GRPO experiment starts at once
# (SFT warm-up, then GRPO and GCPO from the same checkpoint). Without a display it runs the same
# experiment headless with gcpo-train and prints its progress.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = "offscreen" ]; then
  exec "$build/widgets/gcpo-workbench" --demo "$@"
fi
echo "demo: no display found; running the built-in experiment headless (gcpo-train demo)" >&2
db="${GCPO_DEMO_DB:-$root/gcpo-demo.sqlite}"
exec "$build/app/gcpo-train" demo --db "$db" "$@"
