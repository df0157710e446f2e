"""The web service and its page (`propscope serve`). Needs the `web` extra:
pip install 'propscope[web]'."""

from propscope.web.app import create_app
from propscope.web.settings import WebSettings, default_db_path

__all__ = ["WebSettings", "create_app", "default_db_path"]
