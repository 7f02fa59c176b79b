"""A small Django project served three ways for the benchmarks.

``TOASTKIT_BENCH_VARIANT`` picks the settings: ``none`` (no messages
framework), ``stock`` (Django's MessageMiddleware and FallbackStorage) or
``toastkit`` (ToastMiddleware and ToastStorage). Everything else is equal.
"""
