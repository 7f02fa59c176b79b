"""3. Client weight: gzip -9 bytes of toastkit's JS and CSS beside its peers.

The peers come from the npm registry in the same run (``npm pack`` into a
temporary directory; nothing is installed). Sizes are of the files each
package ships for the browser, after ``gzip -9 FILE`` (the gzip program, its
header carrying the file name), as scripts/size-budget.mjs measures. htmx
itself is listed for scale.

    python bench/weight.py [--quick]
"""

from __future__ import annotations

import argparse
import gzip
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: package@version: (JS file, CSS file, note), paths inside the tarball.
PEERS = {
    "notyf@3.10.0": (
        "package/notyf.min.js",
        "package/notyf.min.css",
        "vanilla, minified",
    ),
    "toastify-js@1.12.0": (
        "package/src/toastify.js",
        "package/src/toastify.css",
        "vanilla, unminified (no min build shipped)",
    ),
    "sonner@2.0.8": (
        "package/dist/index.mjs",
        "package/dist/styles.css",
        "React component; React itself not counted",
    ),
}


def gz(data: bytes, name: str) -> int:
    """``gzip -9 NAME`` size, as scripts/size-budget.mjs measures it (the
    gzip program, whose header carries the file name; Python's gzip module,
    with the same header, when the program is missing)."""
    if not data:
        return 0
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-gz-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        if shutil.which("gzip"):
            return len(
                subprocess.run(
                    ["gzip", "-9", "-c", path], capture_output=True, check=True
                ).stdout
            )
        buffer = io.BytesIO()
        with gzip.GzipFile(
            filename=name, mode="wb", compresslevel=9, fileobj=buffer, mtime=0
        ) as out:
            out.write(data)
        return len(buffer.getvalue())


def row(
    name: str, js: bytes, css: bytes, note: str, files: tuple[str, str]
) -> dict[str, Any]:
    js_gzip, css_gzip = gz(js, files[0]), gz(css, files[1])
    return {
        "name": name,
        "js_raw": len(js),
        "js_gzip": js_gzip,
        "css_raw": len(css),
        "css_gzip": css_gzip,
        "total_gzip": js_gzip + css_gzip,
        "note": note,
    }


def main() -> None:
    from _common import ROOT, write_result

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.parse_args()

    static = ROOT / "static" / "toastkit"
    rows = [
        row(
            "toastkit (this checkout)",
            (static / "toastkit.js").read_bytes(),
            (static / "toastkit.css").read_bytes(),
            "vanilla, unminified as shipped",
            ("toastkit.js", "toastkit.css"),
        )
    ]
    with tempfile.TemporaryDirectory(prefix="toastkit-bench-npm-") as tmp:
        subprocess.run(
            ["npm", "pack", "--silent", "--pack-destination", tmp, *PEERS],
            check=True,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
        )
        for spec, (js_path, css_path, note) in PEERS.items():
            name, version = spec.rsplit("@", 1)
            with tarfile.open(Path(tmp) / f"{name}-{version}.tgz") as tar:
                js = tar.extractfile(js_path).read()  # type: ignore[union-attr]
                css = tar.extractfile(css_path).read()  # type: ignore[union-attr]
            files = (Path(js_path).name, Path(css_path).name)
            rows.append(row(spec, js, css, note, files))

    import django_htmx

    htmx_js = (
        Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.min.js"
    )
    context = row(
        "htmx 2 (for scale, from django-htmx)",
        htmx_js.read_bytes(),
        b"",
        "needed by any htmx site",
        (htmx_js.name, ""),
    )
    for r in [*rows, context]:
        print(
            f"{r['name']:40} js {r['js_gzip']:6} B  css {r['css_gzip']:6} B  (gzip -9)"
        )
    write_result("weight", {"rows": rows, "context": [context]})


if __name__ == "__main__":
    main()
