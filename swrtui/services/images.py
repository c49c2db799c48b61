"""Image inspection: what a tag or digest really is, read from the registry.

::

    images = images_for(client)                   # one per API client: logins and tokens cached
    found = await images.inspect(parse_reference("demo/nginx:latest"))
    found.digest, found.media_type                # the manifest (or index) the name points at
    found.platforms                               # os/arch/variant, digest, size, layers, config
    found.image()                                 # linux/amd64 when there, else the first
    found.other_tags                              # tags on the same digest (SWR's listing)
    found.to_json(reveal_env=False)               # env values hidden until asked

The registry client's credentials are the login service's temporary login, fetched once and
reused until shortly before it expires (the credential helper's margin). The registry lives
where that login says; the API's transport is reused, so the in-process demo reaches it too.
"""

from __future__ import annotations

import asyncio
import re
import weakref
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from swrtui import clock, names
from swrtui.client import SwrClient
from swrtui.client.models.tags import Tag
from swrtui.errors import describe_error
from swrtui.redaction import Secret
from swrtui.registry import (
    Descriptor,
    ImageConfig,
    Manifest,
    Platform,
    RegistryClient,
    RegistryError,
)
from swrtui.services.errors import BadArgument
from swrtui.services.listing import Gap, Partial, list_tags
from swrtui.services.login.credential_helper import fresh
from swrtui.services.login.credentials import DockerCredentials, temporary_login

_DIGEST = re.compile(r"^sha256:[a-f0-9]{64}$")
PREFERRED = Platform("linux", "amd64")


@dataclass(frozen=True)
class ImageRef:
    """``org/repo:tag`` or ``org/repo@sha256:…``."""

    org: str
    repo: str
    tag: str | None = None
    digest: str | None = None

    @property
    def repository(self) -> str:
        return f"{self.org}/{self.repo}"

    @property
    def reference(self) -> str:
        return self.digest or self.tag or ""

    def __str__(self) -> str:
        return (
            f"{self.repository}@{self.digest}" if self.digest else f"{self.repository}:{self.tag}"
        )


def parse_reference(text: str) -> ImageRef:
    """Checks every part with the SWR name rules before any request."""
    head, at, digest = text.partition("@")
    tag: str | None = None
    if not at:
        head, colon, tag = text.rpartition(":")
        if not colon or "/" in tag:
            raise BadArgument(f"{text!r}: write org/repo:tag or org/repo@sha256:<64 hex>")
    elif not _DIGEST.match(digest):
        raise BadArgument(f"invalid digest {digest!r}: sha256: and 64 lowercase hex digits")
    org, slash, repo = head.partition("/")
    if not slash:
        raise BadArgument(f"{text!r} needs an organization: org/repo")
    try:
        names.check_organization(org)
        names.check_repository(repo)
        if tag is not None:
            names.check_tag(tag)
    except names.InvalidNameError as exc:
        raise BadArgument(f"invalid {exc.kind} name {exc.name!r}: {exc.rule}") from None
    return ImageRef(org, repo, tag, digest or None)


@dataclass(frozen=True)
class PlatformImage:
    """One image: for an index, one of its platforms; ``error`` when it could not be read."""

    platform: Platform
    digest: str
    media_type: str
    # Config plus layers: what a pull of this platform downloads (and what SWR counts).
    size: int
    layers: tuple[Descriptor, ...] = ()
    config: ImageConfig | None = None
    error: str = ""

    def to_json(self, reveal_env: bool = False) -> dict[str, Any]:
        return {
            "os": self.platform.os,
            "architecture": self.platform.architecture,
            "variant": self.platform.variant or None,
            "digest": self.digest,
            "media_type": self.media_type,
            "size": self.size,
            "layers": [_layer_json(layer) for layer in self.layers],
            "config": _config_json(self.config, reveal_env) if self.config else None,
            "error": self.error or None,
        }


@dataclass(frozen=True)
class Inspection:
    ref: ImageRef
    digest: str
    media_type: str
    platforms: tuple[PlatformImage, ...]
    other_tags: tuple[str, ...] = ()
    # The tag listing could not be read whole: other_tags may lack some.
    tags_missing: tuple[Gap, ...] = field(default=())

    @property
    def is_index(self) -> bool:
        return len(self.platforms) != 1 or self.platforms[0].digest != self.digest

    def image(self, platform: str | None = None) -> PlatformImage:
        """The platform named ``os/arch[/variant]``; default linux/amd64, else the first."""
        wanted = platform or str(PREFERRED)
        for image in self.platforms:
            if str(image.platform) == wanted:
                return image
        if platform is not None:
            shown = ", ".join(str(p.platform) for p in self.platforms)
            raise BadArgument(f"{self.ref} has no platform {platform} (it has {shown})")
        return self.platforms[0]

    def to_json(self, reveal_env: bool = False, platform: str | None = None) -> dict[str, Any]:
        chosen = self.image(platform)
        return {
            "reference": str(self.ref),
            "digest": self.digest,
            "media_type": self.media_type,
            "platforms": [p.to_json(reveal_env) for p in self.platforms],
            "platform": str(chosen.platform),
            "layers": [_layer_json(layer) for layer in chosen.layers],
            "config": _config_json(chosen.config, reveal_env) if chosen.config else None,
            "other_tags": list(self.other_tags),
            "other_tags_complete": not self.tags_missing,
        }


def _layer_json(layer: Descriptor) -> dict[str, Any]:
    return {"digest": layer.digest, "size": layer.size, "media_type": layer.media_type}


def _config_json(config: ImageConfig, reveal_env: bool) -> dict[str, Any]:
    return {
        "digest": config.digest,
        "created": config.created,
        "entrypoint": list(config.entrypoint),
        "cmd": list(config.cmd),
        "env": [{"name": k, "value": v if reveal_env else None} for k, v in config.env],
        "labels": dict(config.labels),
        "history": [
            {"created": h.created, "created_by": h.created_by, "empty_layer": h.empty_layer}
            for h in config.history
        ],
    }


class TemporaryLogins:
    """The registry's credentials: a temporary login, reused until shortly before expiry."""

    def __init__(self, client: SwrClient) -> None:
        self._client = client
        self._login: DockerCredentials | None = None
        self._lock = asyncio.Lock()

    async def current(self) -> DockerCredentials:
        async with self._lock:
            if not fresh(self._login, clock.now()):
                self._login = await temporary_login(self._client)
            assert self._login is not None
            return self._login

    async def __call__(self) -> tuple[str, Secret]:
        login = await self.current()
        return login.username, login.password


def registry_url(client: SwrClient, host: str) -> str:
    """Where the registry ``host`` a login names is reached: over the API endpoint's scheme
    when it is the API's own host (the emulator serves both on one port), else HTTPS."""
    endpoint = urlsplit(client.endpoint)
    scheme = endpoint.scheme if host == endpoint.netloc else "https"
    return f"{scheme}://{host}"


class Images:
    """Inspection over one API client: its temporary login and the registry's tokens are
    kept between calls (see :func:`images_for`)."""

    def __init__(self, client: SwrClient, registry: RegistryClient | None = None) -> None:
        self.client = client
        self.logins = TemporaryLogins(client)
        self._registry = registry

    async def registry(self) -> RegistryClient:
        if self._registry is None:
            login = await self.logins.current()
            url = registry_url(self.client, login.host)
            self._registry = RegistryClient(url, self.logins, transport=self.client.transport)
        return self._registry

    async def inspect(self, ref: ImageRef, *, other_tags: bool = True) -> Inspection:
        """``ref``'s manifest, every platform's manifest and config, and the tags sharing
        its digest; an unreadable platform is shown with its error, not dropped."""
        # The SWR tag listing does not depend on the registry's answers: it runs beside them
        # rather than after, which saves one round trip in sequence.
        listing = (
            asyncio.ensure_future(list_tags(self.client, ref.org, ref.repo)) if other_tags else None
        )
        try:
            found = await self._read(ref)
        except BaseException:
            if listing is not None:
                listing.cancel()
            raise
        return _with_tags(found, await listing) if listing is not None else found

    async def _read(self, ref: ImageRef) -> Inspection:
        registry = await self.registry()
        top = await registry.manifest(ref.repository, ref.reference)
        if top.is_index:
            children = [self._platform(registry, ref, d) for d in top.manifests]
            platforms = tuple(await asyncio.gather(*children))
        else:
            platforms = (await self._image(registry, ref, top, None),)
        return Inspection(ref, top.digest, top.media_type, platforms)

    async def _platform(
        self, registry: RegistryClient, ref: ImageRef, descriptor: Descriptor
    ) -> PlatformImage:
        platform = descriptor.platform or Platform("", "")
        try:
            child = await registry.manifest(ref.repository, descriptor.digest)
            return await self._image(registry, ref, child, platform)
        except RegistryError as exc:
            return PlatformImage(
                platform, descriptor.digest, descriptor.media_type, 0, error=describe_error(exc)
            )

    async def _image(
        self, registry: RegistryClient, ref: ImageRef, manifest: Manifest, platform: Platform | None
    ) -> PlatformImage:
        assert manifest.config is not None
        size = manifest.config.size + sum(layer.size for layer in manifest.layers)
        config: ImageConfig | None = None
        error = ""
        try:
            config = await registry.config(ref.repository, manifest.config)
        except RegistryError as exc:
            error = describe_error(exc)
        shown = platform or (config.platform if config else Platform("", ""))
        return PlatformImage(
            shown, manifest.digest, manifest.media_type, size, manifest.layers, config, error
        )


def _with_tags(found: Inspection, listed: Partial[list[Tag]]) -> Inspection:
    others = sorted(
        t.name for t in listed.value if t.digest == found.digest and t.name != found.ref.tag
    )
    return replace(found, other_tags=tuple(others), tags_missing=listed.gaps)


# One Images per API client, so logins and tokens outlive a single command.
_BY_CLIENT: weakref.WeakKeyDictionary[SwrClient, Images] = weakref.WeakKeyDictionary()


def images_for(client: SwrClient) -> Images:
    images = _BY_CLIENT.get(client)
    if images is None:
        images = _BY_CLIENT[client] = Images(client)
    return images
