"""The app for `kb serve --workers N`: each worker process builds its own from the environment.

uvicorn starts workers by import string, so the app cannot be passed in; `kb serve`
puts what it was told (``--dev``) into the environment first. Each worker opens its own
driver in the app's lifespan.
"""

from __future__ import annotations

from typing import Any

from kb.api.app import create_app
from kb.settings import load_settings


def app() -> Any:
    return create_app(load_settings())
