#!/usr/bin/env bash
# The one test command (README, .ci/run): installs everything the tests need, then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
exec python3 -m pytest -q "$@"
