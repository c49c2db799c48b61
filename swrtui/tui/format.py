"""Text only the TUI draws: usage bars and bar charts. Sizes, times and digests
are :mod:`swrtui.commands.format`'s, the same for every front end."""

from __future__ import annotations


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
