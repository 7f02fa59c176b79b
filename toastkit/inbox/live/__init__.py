"""Live delivery: inbox messages reach the user's open pages over server-sent events.

A stream (``views.live``) learns from a *doorbell* (``doorbell.py``) that its
user may have messages pending, then claims them through the same claim a
request uses (``toastkit.inbox.delivery.claim``) and writes each one as an
event. ``replay.py`` gives back, on reconnect, what a dropped connection may
not have carried. docs/live.md has the design.
"""
