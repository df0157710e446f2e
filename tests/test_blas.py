"""numpy's BLAS on one thread for propscope's own products (propscope.blas)."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from propscope.blas import one_thread


def _blas_threads() -> int:
    found = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    assert found, "numpy reports no BLAS library"
    return max(found)


def test_one_thread_limits_blas_and_gives_the_setting_back() -> None:
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        with one_thread():
            assert _blas_threads() == 1
            product = np.ones((64, 64)) @ np.ones((64, 64))
        assert _blas_threads() == before
    assert product[0, 0] == 64


def test_one_thread_gives_the_setting_back_when_the_product_fails() -> None:
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        with pytest.raises(ValueError), one_thread():
            np.ones((3, 4)) @ np.ones((3, 4))
        assert _blas_threads() == before
