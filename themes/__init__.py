"""Dictum's bundled themes, shipped as package data so an installed `dictum` finds them."""
