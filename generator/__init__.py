"""Dictum: a static site generator for archives of public statements."""

__version__ = "0.1.0"
