"""Weight: gzip -9 bytes of the JS and CSS a browser downloads, toastkit beside its peers.

toastkit's minified files (what ``{% toasts %}`` serves) are measured as in
the checkout; the peers' files come from the npm registry in the same run
(``npm pack`` into a temporary directory; nothing is installed). Sizes are
``gzip -9 FILE`` (the gzip program, whose header carries the file name), as
scripts/size-budget.mjs measures.

    bench/.venv/bin/python bench/weight.py   # prints JSON
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[1] / "static" / "toastkit"

#: package@version: (JS file, CSS file, note), paths inside the npm tarball.
PEERS = {
    "notyf@3.10.0": ("package/notyf.min.js", "package/notyf.min.css", "minified"),
    "izitoast@1.4.0": (
        "package/dist/js/iziToast.min.js",
        "package/dist/css/iziToast.min.css",
        "minified",
    ),
    "toastify-js@1.12.0": (
        "package/src/toastify.js",
        "package/src/toastify.css",
        "ships no minified build",
    ),
    "sonner@2.0.8": (
        "package/dist/index.mjs",
        "package/dist/styles.css",
        "React component; React not counted",
    ),
}


def gzip_size(data: bytes, name: str) -> int:
    """Bytes of ``gzip -9 NAME`` (Python's gzip, same header, without the program)."""
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        if shutil.which("gzip"):
            command = ["gzip", "-9", "-c", str(path)]
            return len(subprocess.run(command, capture_output=True, check=True).stdout)
    out = io.BytesIO()
    with gzip.GzipFile(name, "wb", 9, out, mtime=0) as file:
        file.write(data)
    return len(out.getvalue())


def row(name: str, files: dict[str, bytes], note: str) -> dict[str, Any]:
    (js_name, js), (css_name, css) = files.items()
    sizes = {"js": gzip_size(js, js_name), "css": gzip_size(css, css_name)}
    return {"name": name, **sizes, "total": sum(sizes.values()), "note": note}


def toastkit_row() -> dict[str, Any]:
    files, missing = {}, []
    for kind in ("js", "css"):
        path = STATIC / f"toastkit.min.{kind}"
        if not path.exists():  # no minified build yet: say so, measure the source
            missing.append(path.name)
            path = STATIC / f"toastkit.{kind}"
        files[path.name] = path.read_bytes()
    note = (
        f"**{', '.join(missing)} missing: readable files**" if missing else "minified"
    )
    return row("toastkit (this checkout)", files, note)


def measure(quick: bool = False) -> dict[str, Any]:
    rows = [toastkit_row()]
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-npm-") as tmp:
        command = ["npm", "pack", "--silent", "--pack-destination", tmp, *PEERS]
        subprocess.run(command, check=True, cwd=tmp, stdout=subprocess.DEVNULL)
        for spec, (js_path, css_path, note) in PEERS.items():
            tarball = Path(tmp) / (spec.replace("@", "-") + ".tgz")
            with tarfile.open(tarball) as tar:
                files = {
                    Path(p).name: tar.extractfile(p).read()  # type: ignore[union-attr]
                    for p in (js_path, css_path)
                }
            rows.append(row(spec, files, note))
    return {"rows": rows}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
