"""``--set NAME=VALUE``: a value typed like the setting's default, or a :class:`SettingError`.

Scrapy keeps a ``--set`` value as the string it was given and converts it only
when a component reads it (``getint``, ``getfloat``...). A bad value then fails
deep inside a running crawl, after the run was recorded. Checking every
override against the type of its default first makes a typo a configuration
error (exit 2) before anything starts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from scrapy.settings import BaseSettings

from newscrawl.errors import SettingError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def typed_overrides(defaults: BaseSettings, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``overrides`` with each string converted to the type of its default in ``defaults``.

    Settings without a default (or with a ``None`` one) are kept as given.
    Raises :class:`SettingError` naming the setting, the value and the type wanted.
    """
    return {name: _typed(name, value, defaults.get(name)) for name, value in overrides.items()}


def _typed(name: str, value: Any, default: Any) -> Any:
    if not isinstance(value, str) or default is None or isinstance(default, str):
        return value
    text = value.strip()
    if isinstance(default, bool):  # before int: bool is an int
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        return _fail(name, value, "true or false")
    if isinstance(default, int | float):
        # Scrapy reads some int defaults as floats (DOWNLOAD_TIMEOUT = 20, read with getfloat):
        # any number fits a numeric setting, kept an int when it is a whole one
        try:
            number = float(text)
        except ValueError:
            return _fail(name, value, "a number")
        return int(number) if number.is_integer() and "." not in text else number
    if isinstance(default, list | tuple):
        if text.startswith("["):
            return _json(name, value, list, "a JSON list")
        return [part.strip() for part in text.split(",") if part.strip()]  # as Settings.getlist reads it
    if isinstance(default, dict | BaseSettings):
        return _json(name, value, dict, "a JSON object")
    return value


def _json(name: str, value: str, kind: type, wanted: str) -> Any:
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    return parsed if isinstance(parsed, kind) else _fail(name, value, wanted)


def _fail(name: str, value: str, wanted: str) -> Any:
    raise SettingError(f"--set {name}={value!r}: {name} must be {wanted}")
