"""The demo's sandbox: one temporary directory that every file a demo run writes lands in.

The demo must not touch the user's files: a demo login written into the real
``~/.docker/config.json`` replaced a real entry, and demo cleanup journals landed in the real
state folder. Rather than thread a path through every writer (docker config, journals,
history, caches, kubeconfig, and whatever comes next), the sandbox points the variables those
writers resolve their locations from (``HOME``, the XDG dirs, ``DOCKER_CONFIG``,
``SWRTUI_CONFIG``) into its directory for the length of the run, and puts them back after.
Every writer reads them at call time (platformdirs, :func:`Path.home`, the docker config
path), so none can go around it. The directory is removed on exit unless the user keeps it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Variable → the place under the sandbox it points to.
REDIRECTED = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_DATA_HOME": "data",
    "DOCKER_CONFIG": "home/.docker",
    "SWRTUI_CONFIG": "config/swrtui/config.toml",
    "KUBECONFIG": "home/.kube/config",
}


@contextmanager
def demo_dir(keep: bool = False) -> Iterator[Path]:
    """A fresh directory the environment points into; removed after unless ``keep``."""
    root = Path(tempfile.mkdtemp(prefix="swrtui-demo-"))
    saved = {name: os.environ.get(name) for name in REDIRECTED}
    for name, where in REDIRECTED.items():
        os.environ[name] = str(root / where)
    (root / "home").mkdir(mode=0o700)
    try:
        yield root
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if keep:
            print(f"swrtui demo: the demo directory is kept at {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
