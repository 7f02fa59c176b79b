"""A tiny app for the browser tests of actions: Undo restores a ``Record``."""
