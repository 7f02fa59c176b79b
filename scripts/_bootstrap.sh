# Sourced by scripts/demo.sh and scripts/test.sh: idempotent machine set-up.
# - makes pyenv's CPython 3.11-3.13 all reachable as python3.X;
# - creates .tools/ (a virtualenv with uv and nox) when missing.
set -euo pipefail

if command -v pyenv >/dev/null 2>&1; then
  # pyenv shims only run the selected versions: select every 3.11-3.13.
  PYENV_VERSION="$(pyenv versions --bare | grep -E '^3\.1[123](\.[0-9]+)?$' | sort -rV | tr '\n' ':' | sed 's/:$//')"
  if [ -n "$PYENV_VERSION" ]; then export PYENV_VERSION; fi
fi

find_python() {  # find_python 3.13 -> path of a working interpreter, or nothing
  local candidate
  for candidate in "python$1" "$HOME/.pyenv/versions/$1"*/bin/"python$1"; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .tools/bin/nox ]; then
  echo "==> Creating .tools (uv, nox)"
  python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --upgrade pip
  .tools/bin/python -m pip install --quiet "uv>=0.5" "nox>=2025.2.9"
fi
export PATH="$PWD/.tools/bin:$PATH"
export UV_PYTHON_DOWNLOADS=never
