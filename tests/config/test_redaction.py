"""Secret masking, text redaction and the redacting log hook."""

from __future__ import annotations

import logging

import pytest

from swrtui.redaction import (
    MASK,
    RedactingFilter,
    Secret,
    install_redaction,
    mask,
    redact,
    redact_exception,
    register_secret,
)


def test_secret_never_shows_its_value() -> None:
    secret = Secret("s3cr3t-value-abcd")
    shown = [repr(secret), str(secret), f"{secret}", f"{secret:>30}", str([secret])]
    assert all("s3cr3t" not in text for text in shown)
    assert secret.reveal() == "s3cr3t-value-abcd"
    assert secret.masked() == "****abcd"
    assert Secret(secret) == secret and Secret("other-value") != secret


@pytest.mark.parametrize(
    ("value", "expected"),
    [("abcdefghijkl", "****ijkl"), ("short-pass", "****"), ("", "****"), (None, "****")],
)
def test_mask_shows_a_tail_only_for_long_values(value: str | None, expected: str) -> None:
    assert mask(value) == expected


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (
            "{'Authorization': 'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, "
            "Signature=0a1b2c', 'X-Sdk-Date': '20240102T030405Z'}",
            ["SDK-HMAC", "0a1b2c"],
            ["X-Sdk-Date", "20240102T030405Z"],
        ),
        ("X-Auth-Token: MIIEtokenvalue\r\nHost: x", ["MIIEtokenvalue"], ["Host: x"]),
        ("[(b'X-Subject-Token', b'MIIsubject'), (b'Host', b'h')]", ["MIIsubject"], ["b'h'"]),
        ("x-security-token=tmp-token-value", ["tmp-token-value"], ["x-security-token"]),
        ("X-Swr-Dockerlogin: dockerloginvalue", ["dockerloginvalue"], ["X-Swr-Dockerlogin"]),
        ("url?Signature=deadbeef&x=1", ["deadbeef"], ["x=1"]),
        (
            "docker login -u cn-north-4@AK -p 1a2b3c4d5e swr.cn-north-4.myhuaweicloud.com",
            ["1a2b3c4d5e"],
            ["cn-north-4@AK", "swr.cn-north-4.myhuaweicloud.com"],
        ),
        ("docker login --password='p w d' host", ["p w d"], ["host"]),
        ("mkdir -p build/dir", [], ["build/dir"]),
        ("docker login --password-stdin host", [], ["--password-stdin host"]),
    ],
)
def test_redact_masks_credentials_and_keeps_the_rest(
    text: str, hidden: list[str], kept: list[str]
) -> None:
    result = redact(text)
    assert all(h not in result for h in hidden), result
    assert all(k in result for k in kept), result
    assert (MASK in result) == bool(hidden)


def test_registered_and_extra_values_are_masked_anywhere() -> None:
    register_secret("registered-9b8a7c")
    Secret("created-as-secret-1234")
    text = "a registered-9b8a7c b created-as-secret-1234 c passed-extra-5678"
    result = redact(text, extra=["passed-extra-5678"])
    assert result == f"a {MASK} b {MASK} c {MASK}"
    register_secret("ok")  # too short to register: it would shred every log line
    assert redact("ok then") == "ok then"


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("swrtui.test", logging.INFO, __file__, 1, msg, args, exc_info)


def test_filter_redacts_arguments_and_exception_text() -> None:
    headers = {"X-Auth-Token": "token-in-an-argument"}
    try:
        raise RuntimeError("failed with Signature=abcdef0123")
    except RuntimeError as caught:
        record = _record("sending %s", headers, exc=caught)
    assert RedactingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "token-in-an-argument" not in formatted and "abcdef0123" not in formatted
    assert "sending {'X-Auth-Token': '****" in formatted and "RuntimeError" in formatted


def test_installed_hook_redacts_child_loggers(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    install_redaction()  # idempotent
    secret = Secret("hook-secret-value-42")
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("httpcore.http11").debug("send %s", secret.reveal())
        logging.getLogger("httpx").info("Authorization: %s", "Bearer abc123")
    assert "hook-secret-value-42" not in caplog.text and "abc123" not in caplog.text
    assert caplog.text.count(MASK) == 2


def test_redacted_traceback_keeps_the_frames() -> None:
    Secret("traceback-secret-77")
    try:
        raise ValueError("bad value traceback-secret-77")
    except ValueError as exc:
        text = redact_exception(exc)
    assert "Traceback" in text and "test_redacted_traceback_keeps_the_frames" in text
    assert "traceback-secret-77" not in text
