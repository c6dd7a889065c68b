#!/usr/bin/env bash
# Debian packages the tests use for real: a browser, an independent RDF parser and a triple store.
# Non-interactive and idempotent; needs root (CI and developer machines run as root).
set -euo pipefail
packages=(chromium raptor2-utils virtuoso-opensource)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
