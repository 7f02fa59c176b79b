#!/usr/bin/env bash
# Run the demo with all set-up: ./scripts/demo.sh [port]
# Creates demo_project/.venv with the newest Python available (3.13, 3.12 or 3.11),
# installs toastkit from this checkout, migrates SQLite and serves on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh
PORT="${1:-8000}"
VENV=demo_project/.venv
make_venv "$VENV"
uv pip install --quiet --python "$VENV/bin/python" -e . -r demo_project/requirements.txt
cd demo_project
.venv/bin/python manage.py migrate --noinput
echo "==> Demo on http://127.0.0.1:$PORT/"
exec .venv/bin/python manage.py runserver "127.0.0.1:$PORT"
