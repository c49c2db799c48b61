"""The emulator's state: the store's dataclasses, the named seeds, snapshots and the state file.

Nothing here knows about requests or the domain rules of the API: handlers and the backend
import this package, never the other way round.
"""
