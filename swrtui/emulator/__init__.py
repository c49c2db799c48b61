"""A local emulator of the Huawei Cloud SWR API (ASGI), faithful enough for the official SDK."""

from __future__ import annotations

from swrtui.emulator.app import EmulatorApp, create_app

__all__ = ["EmulatorApp", "create_app"]
