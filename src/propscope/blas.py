"""numpy's matrix products on one thread, where propscope makes them between
onnxruntime's runs.

numpy's OpenBLAS splits a product of any but the smallest size across every core, then
leaves its threads spinning for a while after it returns. The encoder's next run shares
the cores with them: on two cores the technique layer read 29.3 articles/s where it read
34.2 with one BLAS thread, for its span head's products alone (a dozen rows a text;
docs/speed.md, session 45). Every product propscope makes at run time is that small, so
one thread loses nothing there.

    with one_thread():
        logits = x @ w
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import Any

__all__ = ["one_thread"]


@cache
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_thread() -> AbstractContextManager[Any]:
    """A context in which numpy's BLAS runs on the calling thread alone; its own
    setting comes back on leaving. The setting is the process's, so a product another
    thread makes meanwhile runs on one thread too (slower, never wrong)."""
    return _controller().limit(limits=1, user_api="blas")  # type: ignore[no-any-return]
