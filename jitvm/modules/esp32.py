"""Guest module `esp32` (MicroPython, ESP32 layouts): NVS on a file under the drive, the
internal temperature sensor's raw reading.

``NVS(namespace)`` keeps its keys in ``.nvs/<namespace>.json`` under the run's root folder (the
board's filesystem), so values survive from one run to the next as they survive a reset.
Errors are ESP-IDF's, as MicroPython raises them: ``OSError(-4354, 'ESP_ERR_NVS_NOT_FOUND')``.
"""

from __future__ import annotations

import json
from typing import Any

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _hw

_OSError = GUEST_EXC["OSError"]  # keeps both arguments, as MicroPython's check_esp_err gives

__all__ = ["NVS", "raw_temperature"]

_NOT_FOUND = (-4354, "ESP_ERR_NVS_NOT_FOUND")
_INVALID_LENGTH = (-4364, "ESP_ERR_NVS_INVALID_LENGTH")
_KEY_TOO_LONG = (-4361, "ESP_ERR_NVS_KEY_TOO_LONG")
NAME_MAX = 15  # NVS key and namespace names: at most 15 characters
SIMULATED_RAW_TEMPERATURE = 104  # the ESP32 sensor reads about Fahrenheit: a 40 C chip


def raw_temperature() -> int:
    """The internal sensor's raw reading (simulated: a constant)."""
    return SIMULATED_RAW_TEMPERATURE


def _name(x: Any) -> str:
    if not isinstance(x, str):
        raise TypeError(f"can't convert '{_hw.type_name(x)}' object to str implicitly")
    if len(x) > NAME_MAX:
        raise _OSError(*_KEY_TOO_LONG)
    return x


class NVS:
    """Non-volatile storage of one namespace: i32 values and blobs."""

    def __init__(self, namespace: Any) -> None:
        self._ns = _name(namespace)
        if not self._ns.replace("_", "").replace("-", "").isalnum():
            raise ValueError("invalid namespace")  # never reached on a board; keeps file names safe

    def _file(self):
        root = _hw.singletons().get("drive_root")
        if root is None:
            raise _OSError(*_NOT_FOUND)
        return root / ".nvs" / f"{self._ns}.json"

    def _load(self) -> dict:
        try:
            return json.loads(self._file().read_text())
        except (OSError, ValueError):
            return {}

    def _store(self, data: dict) -> None:
        path = self._file()
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(data, sort_keys=True))

    def _get(self, key: Any, kind: str) -> Any:
        entry = self._load().get(_name(key))
        if entry is None:
            raise _OSError(*_NOT_FOUND)
        if entry[0] != kind:  # IDF looks keys up per type: another type's key is not found
            raise _OSError(*_NOT_FOUND)
        return entry[1]

    def _set(self, key: Any, kind: str, value: Any) -> None:
        data = self._load()
        data[_name(key)] = [kind, value]
        self._store(data)

    def set_i32(self, key: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"can't convert {_hw.type_name(value)} to int")
        self._set(key, "i32", (value + (1 << 31)) % (1 << 32) - (1 << 31))

    def get_i32(self, key: Any) -> int:
        return int(self._get(key, "i32"))

    def set_blob(self, key: Any, value: Any) -> None:
        self._set(key, "blob", bytes(_hw.buffer(value)).hex())

    def get_blob(self, key: Any, buffer: Any) -> int:
        data = bytes.fromhex(self._get(key, "blob"))
        buf = _hw.buffer(buffer, writable=True)
        if len(buf) < len(data):
            raise _OSError(*_INVALID_LENGTH)
        buf[:len(data)] = data
        return len(data)

    def erase_key(self, key: Any) -> None:
        data = self._load()
        if data.pop(_name(key), None) is None:
            raise _OSError(*_NOT_FOUND)
        self._store(data)

    def commit(self) -> None:
        """Writes happen at once (jitvm's store has no write cache): nothing left to do."""
