"""Built-in components. Importing this package registers them."""

from propscope.components import techniques as techniques

__all__ = ["techniques"]
