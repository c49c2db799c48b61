"""User configuration: file locations, profiles in ``config.toml`` and keyring credentials.

Imports no other swrtui package except the stdlib-only :mod:`swrtui.redaction`.
"""
