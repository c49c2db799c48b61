"""Allow ``python -m swrtui``."""

from swrtui.cli import main

raise SystemExit(main())
