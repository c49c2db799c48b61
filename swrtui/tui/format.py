"""Small, pure text formatters shared by the panes: sizes, times, digests, errors."""

from __future__ import annotations

from datetime import datetime

# The panes' name for the one error-to-text function every front end shares.
from swrtui.errors import describe_error as error_text  # noqa: F401


def when(moment: datetime | None) -> str:
    """A UTC time to the minute, ``-`` when unknown."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


def short_digest(digest: str) -> str:
    """``sha256:0123456789abcdef…`` → ``0123456789ab`` (what docker prints)."""
    return digest.partition(":")[2][:12] if ":" in digest else digest[:12]


def usage_bar(used: int, total: int, width: int = 20) -> str:
    """``used/total`` as a text bar, e.g. ``█████░░░░░ 5/10``."""
    if total <= 0:
        return f"{'░' * width} {used}/-"
    filled = min(width, round(width * used / total))
    return f"{'█' * filled}{'░' * (width - filled)} {used}/{total}"


def bar_chart(points: list[tuple[str, float]], unit: str = "MB", width: int = 40) -> str:
    """One labelled bar per point, scaled to the largest: ``2026-05 ████▌   120.5 MB``."""
    if not points:
        return "(no data)"
    top = max(value for _, value in points) or 1.0
    lines = []
    for label, value in points:
        eighths = round(width * 8 * max(value, 0.0) / top)
        full, part = divmod(eighths, 8)
        bar = "█" * full + (_EIGHTHS[part] if part else "")
        lines.append(f"{label}  {bar:<{width}}  {value:,.1f} {unit}")
    return "\n".join(lines)


_EIGHTHS = " ▏▎▍▌▋▊▉"
