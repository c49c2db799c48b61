"""``inspect``: what a tag or digest really is: platforms, layers, config, sibling tags.

``inspect ORG/REPO:TAG`` or ``inspect ORG/REPO@sha256:…`` (``REPO:TAG`` and ``TAG`` inside a
context, as for ``tags``). The registry is read by :mod:`swrtui.services.images`; env values
stay hidden unless ``--env`` asks for them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from swrtui.commands.args import TEXT, ArgError, Kind, Where, repository, tag_ref
from swrtui.commands.format import NONE, human_bytes, short_digest, when
from swrtui.commands.registry import arg, command, opt
from swrtui.commands.render import aligned
from swrtui.commands.result import Result, record
from swrtui.commands.session import Session
from swrtui.services.errors import BadArgument
from swrtui.services.images import ImageRef, Inspection, PlatformImage, images_for, parse_reference


def image_ref(text: str, where: Where) -> ImageRef:
    """``org/repo:tag``, ``org/repo@sha256:…`` or a short form inside the context."""
    head, at, digest = text.partition("@")
    if not at:
        ref = tag_ref(text, where)
        return ImageRef(ref.org, ref.repo, tag=ref.tag)
    repo = repository(head, where)
    try:
        return parse_reference(f"{repo}@{digest}")
    except BadArgument as exc:
        raise ArgError(str(exc)) from None


IMAGEREF = Kind("REPO:TAG|REPO@DIGEST", image_ref, "tagref")


@command(
    "inspect",
    "Show what an image is: platforms, layers, config and the tags on its digest",
    arg("ref", IMAGEREF, "org/repo:tag or org/repo@sha256:…"),
    opt("--platform", TEXT, "os/arch[/variant] for layers and config (default linux/amd64)"),
    opt("--env", help="show the values of environment variables (hidden by default)"),
)
async def inspect(session: Session, ref: ImageRef, platform: str | None, env: bool) -> Result:
    found = await images_for(session.client).inspect(ref)
    document = found.to_json(reveal_env=env, platform=platform)
    shown = record(_fields(found, found.image(platform), env), title=str(ref))
    return replace(shown, document=document).incomplete(found.tags_missing, None)


def _fields(found: Inspection, image: PlatformImage, env: bool) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = [
        ("reference", str(found.ref)),
        ("digest", found.digest),
        ("media type", found.media_type),
    ]
    platforms = [
        [str(each.platform), short_digest(each.digest), human_bytes(each.size), each.error]
        for each in found.platforms
    ]
    fields += [("platform", line) for line in aligned(platforms, [False, False, True, False])]
    fields.append(("layers of", str(image.platform)))
    layers = [[short_digest(layer.digest), human_bytes(layer.size)] for layer in image.layers]
    lines = aligned(layers, [False, True])
    fields += [(f"  layer {n}", line) for n, line in enumerate(lines, 1)]
    config = image.config
    if config is not None:
        fields += [
            ("created", when(config.created)),
            ("entrypoint", " ".join(config.entrypoint) or NONE),
            ("cmd", " ".join(config.cmd) or NONE),
        ]
        fields += [("env", f"{k}={v}" if env else f"{k}=(hidden: --env)") for k, v in config.env]
        fields += [("label", f"{k}={v}") for k, v in config.labels.items()]
        fields += [("history", f"{when(h.created)}  {h.created_by}") for h in config.history]
    fields.append(("other tags", ", ".join(found.other_tags) or NONE))
    return fields
