# Shell helpers, sourced by scripts/_bootstrap.sh, scripts/install-chromium.sh
# and scripts/with-postgres.sh.

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

make_venv() {  # make_venv DIR: a virtualenv with the newest of Python 3.13, 3.12, 3.11
  if [ ! -x "$1/bin/python" ]; then
    local python
    python="$(find_python 3.13 || find_python 3.12 || find_python 3.11)"
    echo "==> Creating $1 with $python"
    uv venv --quiet --python "$python" "$1"
  fi
}

apt_install() {  # apt_install PACKAGE: with apt-get as root; else say how, and fail
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Debian's $1"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "$1 is missing: install it (apt-get install $1)." >&2
    return 1
  fi
}

postgres_bin() {  # postgres_bin ROOT: the newest ROOT/*/bin with an initdb, else
  # the directory of the initdb on PATH (symbolic links resolved), or nothing
  local dir
  for dir in $(printf '%s\n' "$1"/*/bin | sort -rV); do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  command -v initdb >/dev/null && dirname "$(readlink -f "$(command -v initdb)")"
}
