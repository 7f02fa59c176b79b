# Sourced by scripts/demo.sh, scripts/test.sh and bench/run.sh: idempotent
# machine set-up (helpers in scripts/_lib.sh).
# - makes pyenv's CPython 3.11-3.13 all reachable as python3.X;
# - creates .tools/ (a virtualenv with uv and nox) when missing, and brings it
#   to TOOLS when it holds other versions.
set -euo pipefail

# The exact uv that wrote uv.lock (pyproject.toml's [tool.uv] required-version
# is the oldest that reads it) and nox: a run next month works as today's did.
TOOLS="uv==0.13.9 nox==2026.10.20"

if command -v pyenv >/dev/null 2>&1; then
  # pyenv shims only run the selected versions: select every 3.11-3.13.
  PYENV_VERSION="$(pyenv versions --bare | grep -E '^3\.1[123](\.[0-9]+)?$' | sort -rV | tr '\n' ':' | sed 's/:$//')"
  if [ -n "$PYENV_VERSION" ]; then export PYENV_VERSION; fi
fi

source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

if [ ! -x .tools/bin/nox ] || [ "$(cat .tools/pinned 2>/dev/null)" != "$TOOLS" ]; then
  echo "==> Installing $TOOLS in .tools"
  [ -x .tools/bin/python ] || python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --upgrade pip
  # shellcheck disable=SC2086 # TOOLS is a list of requirements
  .tools/bin/python -m pip install --quiet $TOOLS
  echo "$TOOLS" > .tools/pinned
fi
export PATH="$PWD/.tools/bin:$PATH"
export UV_PYTHON_DOWNLOADS=never
