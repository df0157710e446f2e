"""Renderers: terminal and HTML."""
