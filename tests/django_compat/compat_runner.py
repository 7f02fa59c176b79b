"""Django's test runner, told which tests are expected to fail (expected_failures.py).

A listed test is run as a ``unittest.expectedFailure``: its failure is not
counted, and its passing is an "unexpected success", which fails the run, so
the list cannot go stale. Any other failure fails the run as usual.
"""

from __future__ import annotations

import unittest
from typing import Any

import django
from django.test.runner import DiscoverRunner
from django.test.utils import iter_test_cases
from expected_failures import EXPECTED_FAILURES

LIST = "tests/django_compat/expected_failures.py"


class CompatRunner(DiscoverRunner):
    def build_suite(
        self, test_labels: list[str] | None = None, **kwargs: Any
    ) -> unittest.TestSuite:
        suite = super().build_suite(test_labels, **kwargs)
        found = set()
        for test in iter_test_cases(suite):
            if test.id() in EXPECTED_FAILURES:
                # What @unittest.expectedFailure sets, on this one test.
                setattr(test, "__unittest_expecting_failure__", True)  # noqa: B010
                found.add(test.id())
        # A listed test of a module run whole must exist (renamed upstream?).
        whole_modules = {label for label in test_labels or [] if "." not in label}
        missing = [
            test_id
            for test_id in EXPECTED_FAILURES
            if test_id.split(".")[0] in whole_modules and test_id not in found
        ]
        if missing:
            raise SystemExit(
                f"Not in Django {django.__version__}'s tests, but listed in {LIST}:\n  "
                + "\n  ".join(missing)
            )
        return suite

    def suite_result(
        self, suite: unittest.TestSuite, result: unittest.TestResult, **kwargs: Any
    ) -> int:
        for test in result.unexpectedSuccesses:
            print(f"Passes now: remove {test.id()} from {LIST}.")
        for test, _ in result.failures + result.errors:
            print(f"New difference (not in {LIST}): {test.id()}")
        count: int = super().suite_result(suite, result, **kwargs)
        return count
