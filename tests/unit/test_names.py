"""The reference's naming rules (sections 4.1 and 4.2 parameter tables) in swrtui.names.

Organization: 1-64 characters, lowercase letters, digits, '.', '_', '-'; starts with a
letter and ends with a letter or digit; separators never touch, except that up to two
underscores may follow each other. Repository: 1-128 characters, additionally '/', starts
with a letter or digit; '/' travels as '$' on the wire.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swrtui import names

# --- organizations -----------------------------------------------------------------------

VALID_ORGS = ["a", "a1", "demo", "a.b", "a-b", "a_b", "a__b", "a1.b2-c3_d4__e5", "a" * 64]
INVALID_ORGS = {
    "": "empty",
    "a" * 65: "longer than 64",
    "1abc": "starts with a digit",
    "_abc": "starts with '_'",
    "-abc": "starts with '-'",
    ".abc": "starts with '.'",
    "abc-": "ends with '-'",
    "abc.": "ends with '.'",
    "abc_": "ends with '_'",
    "Abc": "uppercase",
    "aBc": "uppercase inside",
    "a/b": "'/' only in repositories",
    "a$b": "'$' only in repositories",
    "a b": "space",
    "a:b": "colon",
    "é": "non-ASCII letter",
    "a..b": "two periods",
    "a--b": "two hyphens",
    "a.-b": "period then hyphen",
    "a-_b": "hyphen then underscore",
    "a_.b": "underscore then period",
    "a___b": "three underscores",
    "a\n": "trailing newline",
}


@pytest.mark.parametrize("name", VALID_ORGS)
def test_valid_organizations(name: str) -> None:
    assert names.is_valid_organization(name)
    assert names.check_organization(name) == name


@pytest.mark.parametrize("name", sorted(INVALID_ORGS), ids=lambda n: INVALID_ORGS[n])
def test_invalid_organizations(name: str) -> None:
    assert not names.is_valid_organization(name)
    with pytest.raises(names.InvalidNameError) as caught:
        names.check_organization(name)
    assert caught.value.kind == "organization"
    assert caught.value.name == name
    assert caught.value.rule == names.ORGANIZATION_RULE
    assert "1-64 characters" in str(caught.value)
    assert "starts with a letter" in str(caught.value)


# --- repositories --------------------------------------------------------------------------

VALID_REPOS = ["a", "1", "1app", "app", "a.b", "a-b", "a_b", "a__b", "a/b", "a/b/c", "a" * 128]
INVALID_REPOS = {
    "": "empty",
    "a" * 129: "longer than 128",
    "a/" + "b" * 127: "longer than 128 with a slash",
    "/a": "starts with '/'",
    "a/": "ends with '/'",
    "$a": "starts with escaped '/'",
    "a$": "ends with escaped '/'",
    "_a": "starts with '_'",
    "a-": "ends with '-'",
    "a//b": "two slashes",
    "a$$b": "two escaped slashes",
    "a/.b": "slash then period",
    "a-/b": "hyphen then slash",
    "a_/b": "underscore then slash",
    "a..b": "two periods",
    "a--b": "two hyphens",
    "a___b": "three underscores",
    "App": "uppercase",
    "a:b": "colon",
    "a@b": "at sign",
    "a b": "space",
    "a%2Fb": "percent-encoded slash",
}


@pytest.mark.parametrize("name", VALID_REPOS)
def test_valid_repositories(name: str) -> None:
    assert names.is_valid_repository(name)
    assert names.check_repository(name) == name


@pytest.mark.parametrize("name", sorted(INVALID_REPOS), ids=lambda n: INVALID_REPOS[n])
def test_invalid_repositories(name: str) -> None:
    assert not names.is_valid_repository(name)
    with pytest.raises(names.InvalidNameError) as caught:
        names.check_repository(name)
    assert caught.value.kind == "repository"
    assert caught.value.rule == names.REPOSITORY_RULE
    assert "1-128 characters" in str(caught.value)
    assert "'/'" in str(caught.value)


def test_repository_dollar_is_the_wire_form_of_slash() -> None:
    assert names.escape_repository("team/app/web") == "team$app$web"
    assert names.unescape_repository("team$app$web") == "team/app/web"
    assert names.is_valid_repository("team$app")
    assert names.check_repository("team$app") == "team/app"


def test_organization_length_limit_is_exact() -> None:
    assert names.is_valid_organization("a" + "b" * 63)
    assert not names.is_valid_organization("a" + "b" * 64)


# --- tags (Docker's tag grammar; the reference gives no rule) ------------------------------


@pytest.mark.parametrize("tag", ["latest", "v1.0", "1", "_x", "A-b_C.d", "a" * 128])
def test_valid_tags(tag: str) -> None:
    assert names.check_tag(tag) == tag


@pytest.mark.parametrize("tag", ["", ".x", "-x", "a" * 129, "a b", "a:b", "a/b", "a@b"])
def test_invalid_tags(tag: str) -> None:
    assert not names.is_valid_tag(tag)
    with pytest.raises(names.InvalidNameError, match="may not start with"):
        names.check_tag(tag)


# --- properties ------------------------------------------------------------------------------

_run = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
_org_separator = st.sampled_from([".", "-", "_", "__"])
_repo_separator = st.sampled_from([".", "-", "_", "__", "/"])


def _joined(
    first: st.SearchStrategy[str], separator: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    pieces = st.lists(st.tuples(separator, _run), max_size=8)
    return st.builds(lambda head, rest: head + "".join(s + r for s, r in rest), first, pieces)


valid_orgs = _joined(
    st.builds(str.__add__, st.sampled_from("abcdefghijklmnopqrstuvwxyz"), _run | st.just("")),
    _org_separator,
).filter(lambda n: len(n) <= names.ORGANIZATION_MAX)
valid_repos = _joined(_run, _repo_separator).filter(lambda n: len(n) <= names.REPOSITORY_MAX)
# Characters no name may contain ('/' and '$' are repository-only and tested separately).
forbidden = st.sampled_from(list("ABZ :@#%+*?!\"'\\,;=&~é名\t\n\x00"))


@given(valid_orgs)
def test_property_generated_organizations_are_accepted(name: str) -> None:
    assert names.check_organization(name) == name


@given(valid_repos)
def test_property_generated_repositories_are_accepted(name: str) -> None:
    assert names.check_repository(name) == name


@given(valid_orgs, forbidden, st.integers(min_value=0))
def test_property_forbidden_character_breaks_an_organization(
    name: str, bad: str, where: int
) -> None:
    at = where % (len(name) + 1)
    mutated = name[:at] + bad + name[at:]
    assert not names.is_valid_organization(mutated)
    with pytest.raises(names.InvalidNameError, match="invalid organization name"):
        names.check_organization(mutated)


@given(valid_repos, forbidden, st.integers(min_value=0))
def test_property_forbidden_character_breaks_a_repository(name: str, bad: str, where: int) -> None:
    at = where % (len(name) + 1)
    mutated = name[:at] + bad + name[at:]
    assert not names.is_valid_repository(mutated)
    with pytest.raises(names.InvalidNameError, match="invalid repository name"):
        names.check_repository(mutated)


@given(valid_orgs, st.sampled_from(["/", "$"]), st.integers(min_value=0))
def test_property_slash_is_not_allowed_in_organizations(name: str, bad: str, where: int) -> None:
    at = where % (len(name) + 1)
    assert not names.is_valid_organization(name[:at] + bad + name[at:])


@given(valid_orgs, _org_separator, _org_separator)
def test_property_touching_separators_are_rejected(name: str, first: str, second: str) -> None:
    doubled = f"{name}{first}{second}x"
    # "_" followed by "_" is the one permitted pair; anything longer or mixed is not.
    assert names.is_valid_organization(doubled) == (first + second == "__" and len(doubled) <= 64)
    assert not names.is_valid_repository(f"{name}/{first}x")


@given(valid_repos)
def test_property_escape_round_trip(name: str) -> None:
    wire = names.escape_repository(name)
    assert "/" not in wire
    assert names.unescape_repository(wire) == name
    assert names.is_valid_repository(wire)
    assert names.check_repository(wire) == name
    assert wire.count("$") == name.count("/")
