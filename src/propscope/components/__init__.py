"""Built-in components. Importing this package registers them."""

from propscope.components import actors as actors
from propscope.components import attribution as attribution
from propscope.components import claims as claims
from propscope.components import double_standards as double_standards
from propscope.components import figures as figures
from propscope.components import headline as headline
from propscope.components import techniques as techniques

__all__ = [
    "actors",
    "attribution",
    "claims",
    "double_standards",
    "figures",
    "headline",
    "techniques",
]
