"""API area triggers: not yet implemented in the emulator."""

from __future__ import annotations

from swrtui.emulator.router import Route

routes: list[Route] = []
