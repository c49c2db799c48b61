"""swrtui.names against an independent, regex-free re-statement of the reference's rules.

Organization (4.1 parameter tables): 1-64 characters of lowercase letters, digits, '.', '_'
and '-'; starts with a letter, ends with a letter or digit; periods, underscores and
hyphens cannot be next to each other, except that up to two underscores may be.
Repository (4.2): the same with '/' as a further separator, up to 128 characters, may start
with a digit; '$' on the wire stands for '/'. Tag: docker's grammar, 1-128 characters of
letters, digits, '_', '.', '-', not starting with '.' or '-'.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swrtui import names

pytestmark = pytest.mark.fuzz

LOWER_ALNUM = set(string.ascii_lowercase + string.digits)
TAG_CHARS = set(string.ascii_letters + string.digits + "_.-")


def _separator_runs_ok(name: str, separators: set[str]) -> bool:
    """Every run of non-alphanumerics is one separator, or exactly two underscores."""
    run = ""
    for char in name + "a":
        if char in LOWER_ALNUM:
            if run and run not in separators | {"__"}:
                return False
            run = ""
        else:
            run += char
    return True


def reference_organization(name: str) -> bool:
    return (
        1 <= len(name) <= 64
        and all(c in LOWER_ALNUM or c in "._-" for c in name)
        and name[0] in string.ascii_lowercase
        and name[-1] in LOWER_ALNUM
        and _separator_runs_ok(name, {".", "_", "-"})
    )


def reference_repository(name: str) -> bool:
    natural = name.replace("$", "/")
    return (
        1 <= len(natural) <= 128
        and all(c in LOWER_ALNUM or c in "._-/" for c in natural)
        and natural[0] in LOWER_ALNUM
        and natural[-1] in LOWER_ALNUM
        and _separator_runs_ok(natural, {".", "_", "-", "/"})
    )


def reference_tag(name: str) -> bool:
    return 1 <= len(name) <= 128 and set(name) <= TAG_CHARS and name[0] not in ".-"


# Mostly the characters the rules are about, so that valid names come up often; then
# anything at all (uppercase, unicode digits and letters, whitespace, newlines).
_interesting = st.sampled_from([*"abz09._-/$_", "__", "___", "A", "é", "٣", " ", "\n", ":"])
candidates = st.one_of(
    st.lists(_interesting, max_size=40).map("".join),
    st.text(max_size=140),
    st.integers(min_value=60, max_value=135).map(lambda n: "a" * n),
    st.integers(min_value=60, max_value=135).map(lambda n: "a" + "-b" * (n // 2)),
)


@given(candidates)
def test_organization_rule_matches_the_reference(name: str) -> None:
    expected = reference_organization(name)
    assert names.is_valid_organization(name) is expected
    if expected:
        assert names.check_organization(name) == name
    else:
        with pytest.raises(names.InvalidNameError) as caught:
            names.check_organization(name)
        assert caught.value.kind == "organization" and caught.value.name == name


@given(candidates)
def test_repository_rule_matches_the_reference(name: str) -> None:
    expected = reference_repository(name)
    assert names.is_valid_repository(name) is expected
    if expected:
        natural = names.check_repository(name)
        assert natural == name.replace("$", "/")
        # The wire form round-trips and is itself valid.
        assert names.unescape_repository(names.escape_repository(natural)) == natural
        assert names.is_valid_repository(names.escape_repository(natural))
    else:
        with pytest.raises(names.InvalidNameError):
            names.check_repository(name)


@given(st.one_of(candidates, st.text(alphabet=sorted(TAG_CHARS | {"é", " "}), max_size=140)))
def test_tag_rule_matches_the_reference(name: str) -> None:
    expected = reference_tag(name)
    assert names.is_valid_tag(name) is expected
    if not expected:
        with pytest.raises(names.InvalidNameError):
            names.check_tag(name)
