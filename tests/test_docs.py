"""The figures and paths the docs give are the real ones (issue 21).

Each figure is read from the doc that states it and compared with what it
describes: the client's sizes with the committed minified files after
``gzip -9 FILE`` (as ``npm run size``, scripts/size-budget.mjs, measures
them), the budgets with size-budget.mjs, the tests a README names with the
tests. A failure names the file and line to update, and the new value.

The minified files are read from the imported package, so in the packaging
session (a copy of tests/ and docs/, toastkit from the wheel) these are the
files the wheel ships.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import toastkit

ROOT = Path(__file__).resolve().parents[1]
STATIC = Path(toastkit.__file__).parent / "static" / "toastkit"
JS, CSS = STATIC / "toastkit.min.js", STATIC / "toastkit.min.css"

#: How far docs/benchmarks.md's weight of toastkit may drift from today's
#: files before the report must be run again (it is one run's snapshot).
BENCH_DRIFT = 0.05


def gzip_size(path: Path) -> int:
    """Bytes of ``gzip -9 -c FILE``, exactly as scripts/size-budget.mjs counts.

    The gzip program itself: zlib (Python's or Node's) compresses the same
    file a few bytes differently, which would make exact figures flap.
    """
    gzip = shutil.which("gzip")
    assert gzip, "the size checks need the gzip program, as `npm run size` does"
    return len(
        subprocess.run([gzip, "-9", "-c", path], capture_output=True, check=True).stdout
    )


def lines_matching(path: Path, pattern: str) -> list[tuple[int, re.Match[str]]]:
    """``(line number, match)`` for each line of ``path`` matching ``pattern``."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = re.search(pattern, line)
        if match:
            found.append((number, match))
    return found


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_the_readme_rounds_the_clients_real_sizes() -> None:
    readme = ROOT / "README.md"
    found = lines_matching(readme, r"([\d.]+) kB of JS and ([\d.]+) kB of CSS")
    assert len(found) == 1, "README.md should state the client's size once"
    ((line, match),) = found
    for stated, path in zip(match.groups(), (JS, CSS), strict=True):
        real = f"{gzip_size(path) / 1000:.1f}"
        assert stated == real, (
            f"{where(readme, line)} says {stated} kB for {path.name}; it is "
            f"{gzip_size(path):,} B after gzip -9: write {real} kB"
        )


def budgets() -> dict[str, int]:
    """scripts/size-budget.mjs's budgets, by file name."""
    script = (ROOT / "scripts" / "size-budget.mjs").read_text()
    pairs = re.findall(r'\["static/toastkit/([\w.]+)", (\d+)\]', script)
    assert len(pairs) == 2, "scripts/size-budget.mjs's budgets no longer parse"
    return {name: int(budget) for name, budget in pairs}


def test_client_md_gives_the_exact_sizes_and_the_budgets() -> None:
    client = ROOT / "docs" / "client.md"
    rows = lines_matching(
        client, r"^\| `toastkit/(toastkit\.min\.\w+)` \| ([\d,]+) B \| ([\d,]+) B \|$"
    )
    assert [m[1] for _, m in rows] == [JS.name, CSS.name], (
        "docs/client.md's size table no longer lists toastkit.min.js and .min.css"
    )
    for line, match in rows:
        name, size, budget = match[1], number(match[2]), number(match[3])
        real = gzip_size(STATIC / name)
        assert size == real, (
            f"{where(client, line)} says {name} is {size:,} B; it is {real:,} B "
            "after gzip -9 (npm run size): update the table"
        )
        assert budget == budgets()[name], (
            f"{where(client, line)} gives {name} a budget of {budget:,} B; "
            f"scripts/size-budget.mjs says {budgets()[name]:,} B"
        )


def test_client_md_comparisons_with_the_peers_still_hold() -> None:
    # The peers' figures are of pinned releases (bench/weight.py); toastkit's
    # move. Each sentence is looked for verbatim: reword it, reword it here.
    text = " ".join((ROOT / "docs" / "client.md").read_text().split())
    js, css = gzip_size(JS), gzip_size(CSS)
    claims = {
        "toastkit's script is about the size of toastify-js's (3,850 B)": (
            abs(js - 3850) < 128
        ),
        "script and stylesheet together under a third of sonner's (14,515 + 3,295 B)": (
            3 * (js + css) < 14515 + 3295
        ),
        "notyf (2,456 + 1,227 B) is smaller": js + css > 2456 + 1227,
    }
    for claim, holds in claims.items():
        assert claim in text, f"docs/client.md no longer says {claim!r}"
        assert holds, (
            f"docs/client.md says {claim!r}, which toastkit's {js:,} + {css:,} B "
            "no longer bear out"
        )


def test_the_benchmarks_weight_of_toastkit_is_near_todays() -> None:
    report = ROOT / "docs" / "benchmarks.md"
    found = lines_matching(report, r"^\| toastkit\b[^|]* \| (\d+) \| (\d+) \| (\d+) \|")
    assert len(found) == 1, "docs/benchmarks.md has no weight row for toastkit"
    ((line, match),) = found
    for measured, path in zip(match.groups()[:2], (JS, CSS), strict=True):
        real = gzip_size(path)
        assert abs(int(measured) - real) <= BENCH_DRIFT * real, (
            f"{where(report, line)} weighs {path.name} at {measured} B, but it is "
            f"{real:,} B now: run ./bench/run.sh again (it rewrites the report)"
        )


def test_the_template_path_one_liner_finds_the_components() -> None:
    # The README's command, run as a user runs it; in the packaging session
    # the installed wheel's files (not the checkout's).
    readme = (ROOT / "README.md").read_text()
    (command,) = re.findall(
        r'^python -c "(import toastkit, pathlib;[^"]+)"$', readme, re.M
    )
    printed = subprocess.run(
        [sys.executable, "-c", command], capture_output=True, text=True, check=True
    ).stdout.strip()
    templates = Path(printed)
    for name in ("toast", "region", "action", "timing"):
        assert (templates / "cotton" / "toastkit" / f"{name}.html").is_file()
    assert (templates / "toastkit" / "toasts.html").is_file()
    client = (ROOT / "docs" / "client.md").read_text()
    assert command in client, "docs/client.md and the README give different commands"


def test_the_tests_the_tests_readme_names_exist_and_none_is_called_an_xfail_wrongly() -> (
    None
):
    readme = ROOT / "tests" / "README.md"
    text = readme.read_text()
    defined: dict[str, bool] = {}  # test name: marked xfail
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                marks = [ast.unparse(d) for d in node.decorator_list]
                defined[node.name] = any("xfail" in mark for mark in marks)
    named = set(re.findall(r"`(test_\w+)`", text))
    assert named, "tests/README.md names no test: update this check"
    assert named <= defined.keys(), (
        f"tests/README.md names tests that do not exist: {sorted(named - defined.keys())}"
    )
    if "No test is marked `xfail` today." in text:
        marked = sorted(name for name, xfail in defined.items() if xfail)
        assert not marked, f"tests/README.md says no test is marked xfail: {marked} are"
    paragraphs = re.split(r"\n\s*\n", text)
    for paragraph in paragraphs:
        if re.search(r"is (a )?(strict )?xfail", paragraph):
            for name in re.findall(r"`(test_\w+)`", paragraph):
                assert defined[name], (
                    f"tests/README.md calls {name} an xfail; it is not marked one"
                )
