"""Weight: gzip -9 bytes of the JS and CSS a page downloads, toastkit beside its peers.

toastkit's minified files (what ``{% toasts %}`` serves) are measured as they
are in the checkout; the peers' come from the npm registry in the same run
(``npm pack`` into a temporary directory; nothing is installed). Sizes are
those of ``gzip -9 FILE``, as scripts/size-budget.mjs measures.

    bench/.venv/bin/python bench/weight.py   # prints JSON
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[1] / "static" / "toastkit"

#: package@version: (JS file, CSS file, note), paths inside the npm tarball.
PEERS = {
    "notyf@3.10.0": ("notyf.min.js", "notyf.min.css", "minified"),
    "izitoast@1.4.0": (
        "dist/js/iziToast.min.js",
        "dist/css/iziToast.min.css",
        "minified",
    ),
    "toastify-js@1.12.0": ("src/toastify.js", "src/toastify.css", "no minified build"),
    "sonner@2.0.8": ("dist/index.mjs", "dist/styles.css", "React not counted"),
}


def row(name: str, js: Path, css: Path, note: str) -> dict[str, Any]:
    sizes = {
        kind: len(
            subprocess.run(
                ["gzip", "-9", "-c", path], capture_output=True, check=True
            ).stdout
        )
        for kind, path in (("js", js), ("css", css))
    }
    return {"name": name, **sizes, "total": sum(sizes.values()), "note": note}


def measure() -> dict[str, Any]:
    js, css = STATIC / "toastkit.min.js", STATIC / "toastkit.min.css"
    if js.exists() and css.exists():
        rows = [row("toastkit (this checkout)", js, css, "minified")]
    else:  # no minified build: measure the readable files, and say so
        readable = (STATIC / "toastkit.js", STATIC / "toastkit.css")
        rows = [
            row("toastkit (this checkout)", *readable, "**readable: no .min files**")
        ]
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-") as tmp:
        command = ["npm", "pack", "--silent", "--pack-destination", tmp, *PEERS]
        subprocess.run(command, check=True, cwd=tmp, stdout=subprocess.DEVNULL)
        for spec, (js_file, css_file, note) in PEERS.items():
            package = Path(tmp) / spec.replace("@", "-")
            with tarfile.open(f"{package}.tgz") as tar:
                tar.extractall(package, filter="data")
            files = package / "package"
            rows.append(row(spec, files / js_file, files / css_file, note))
    return {"rows": rows}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
