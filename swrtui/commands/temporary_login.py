"""``login``: docker credentials for the registry through :mod:`swrtui.services.login` —
temporary (from the service, hours), long-term (computed from the AK/SK), written into the
docker config or a Kubernetes pull secret.

The password is masked unless ``--show``; the shown command is the safe
``printf … | docker login --password-stdin`` form only with ``--show``, otherwise the
prompting ``docker login -u USER HOST``. ``--ak/--sk`` put a secret on the line, so such
lines never reach the history.
"""

from __future__ import annotations

from dataclasses import replace

from swrtui import clock
from swrtui.commands.args import TEXT
from swrtui.commands.parse import UsageError
from swrtui.commands.registry import REGISTRY, Arg, command, opt
from swrtui.commands.result import Result, error, record
from swrtui.commands.session import Session
from swrtui.redaction import Secret
from swrtui.services import login as service

REGISTRY.group("login", "Docker login credentials", area="temporary_login")

OUTPUT_OPTIONS: tuple[Arg, ...] = (
    opt("--show", help="reveal the password and the ready-to-paste command"),
    opt("--write-docker-config", help="merge the login into ~/.docker/config.json"),
    opt("--kubernetes-secret", TEXT, "also print a dockerconfigjson Secret named NAME"),
)


def _valid_for(creds: service.DockerCredentials) -> str:
    seconds = creds.valid_for(clock.now())
    if seconds is None:
        return "does not expire"
    minutes = max(int(seconds // 60), 0)
    return f"{minutes // 60}h{minutes % 60:02d}m"


def login_result(
    creds: service.DockerCredentials, show: bool, write: bool, secret_name: str | None
) -> Result:
    fields = {
        **creds.to_json(reveal_password=show),
        "kind": creds.kind,
        "valid_for": _valid_for(creds),
        "command": service.login_command(creds, "stdin" if show else "prompt").reveal().strip(),
    }
    notes: list[str] = []
    if write:
        try:
            written = service.write_docker_auth(creds)
        except (service.DockerConfigError, OSError) as exc:
            return error(f"login: docker config not written: {exc}", "DOCKER_CONFIG")
        fields["docker_config"] = str(written.path)
        notes += list(written.notes)
    if secret_name:
        if show:
            try:
                fields["kubernetes_secret"] = service.kubernetes_secret(secret_name, creds)
            except ValueError as exc:
                raise UsageError(f"login: --kubernetes-secret: {exc}") from None
        else:
            notes.append("the Kubernetes Secret holds the password: add --show to print it")
    # JSON is for machines and was asked for: the same unmasked document `swrtui login
    # --json` prints. Only the table masks.
    document = creds.to_json(reveal_password=True)
    result = record(fields, title=f"{creds.kind} docker login")
    return replace(result, notes=tuple(notes), document=document)


@command(
    "login temporary",
    "A temporary docker login from the service (valid for hours)",
    *OUTPUT_OPTIONS,
    aliases=("temp",),
    default=True,
)
async def login_temporary(
    session: Session, show: bool, write_docker_config: bool, kubernetes_secret: str | None
) -> Result:
    creds = await service.temporary_login(session.client)
    return login_result(creds, show, write_docker_config, kubernetes_secret)


@command(
    "login long-term",
    "The long-term docker login computed from the profile's AK/SK (or --ak/--sk)",
    *OUTPUT_OPTIONS,
    opt("--ak", TEXT, "another access key"),
    opt("--sk", TEXT, "its secret key (this line is kept out of the history)"),
    aliases=("long",),
    secret_bearing=True,
)
async def login_long_term(
    session: Session,
    show: bool,
    write_docker_config: bool,
    kubernetes_secret: str | None,
    ak: str | None,
    sk: str | None,
) -> Result:
    connection = session.connection
    access_key = ak or connection.access_key
    secret_key = Secret(sk) if sk else connection.secret_key
    if not access_key or not secret_key:
        raise UsageError(
            "login long-term: this profile has no AK/SK; give --ak and --sk, or use "
            "`login temporary`"
        )
    creds = service.long_term_login(
        session.region, access_key, secret_key, host=session.client.registry
    )
    return login_result(creds, show, write_docker_config, kubernetes_secret)
