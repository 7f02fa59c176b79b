"""One worker process per variant, answering one JSON line per job.

Django's settings are per process, so each variant runs in its own worker
(bench/server.py, bench/inbox.py): the worker prints its check first, then
one timing per job it reads on stdin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import TracebackType
from typing import Any


class Workers:
    """``with Workers(script, warm_up, {name: env}) as workers: workers.ask(name, job)``."""

    def __init__(self, script: str, warm_up: int, envs: dict[str, dict[str, str]]):
        self.processes = {
            name: subprocess.Popen(
                [sys.executable, script, "--worker", str(warm_up)],
                env=os.environ | {"PYTHONHASHSEED": "0"} | env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for name, env in envs.items()
        }

    def ask(self, name: str, job: Any = None) -> Any:
        """The worker's next answer: its check, or (with ``job``) a timing."""
        process = self.processes[name]
        assert process.stdin
        assert process.stdout
        if job is not None:
            process.stdin.write(json.dumps(job) + "\n")
            process.stdin.flush()
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {name} worker died")
        return json.loads(line)

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for process in self.processes.values():
            assert process.stdin
            process.stdin.close()  # the worker's stdin loop ends
            process.wait(timeout=60)
