"""A small Django project served five ways for the benchmarks.

``TOASTKIT_BENCH_VARIANT`` picks the messages machinery (see settings.py);
views, templates and the rest of the middleware are the same in every variant.
"""
