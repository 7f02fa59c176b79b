# Sourced by scripts/demo.sh, scripts/test.sh and bench/run.sh: idempotent
# machine set-up (helpers in scripts/_lib.sh).
# - makes pyenv's CPython 3.11-3.13 all reachable as python3.X;
# - creates .tools/ (a virtualenv with uv and nox) when missing.
set -euo pipefail

if command -v pyenv >/dev/null 2>&1; then
  # pyenv shims only run the selected versions: select every 3.11-3.13.
  PYENV_VERSION="$(pyenv versions --bare | grep -E '^3\.1[123](\.[0-9]+)?$' | sort -rV | tr '\n' ':' | sed 's/:$//')"
  if [ -n "$PYENV_VERSION" ]; then export PYENV_VERSION; fi
fi

source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

if [ ! -x .tools/bin/nox ]; then
  echo "==> Creating .tools (uv, nox)"
  python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --upgrade pip
  .tools/bin/python -m pip install --quiet "uv>=0.5" "nox>=2025.2.9"
fi
export PATH="$PWD/.tools/bin:$PATH"
export UV_PYTHON_DOWNLOADS=never
