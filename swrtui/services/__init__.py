"""Services shared by both front ends (TUI and REPL): tag cleanup and docker login.

``cleanup`` plans (pure), previews and executes tag deletions with a journal; ``login``
makes docker credentials (temporary or long-term) and writes them where docker and
Kubernetes read them. Services import the client, never a front end or the emulator.
"""
