"""Service profiles: archetypes, TOML files, CLI options, derived facts and clear errors."""

from __future__ import annotations

import pytest

from analyser.errors import ServiceProfileError
from analyser.models import ServiceProfile
from analyser.service import (
    archetype_titles,
    is_large,
    is_low_risk,
    is_multi_risk,
    archetypes_by_name,
    load_archetypes,
    load_service,
    risk_count,
    service_from_options,
    validate_service,
    with_changes,
)

CONTRACT_ARCHETYPES = {
    # key: (kind, search_type, users, large, multi-risk) from docs/architecture.md
    "small-low-risk-forum": ("u2u", None, 50_000, False, False),
    "small-multi-risk-social": ("u2u", None, 400_000, False, True),
    "large-social-network": ("u2u", None, 20_000_000, True, True),
    "large-e2ee-messaging": ("u2u", None, 15_000_000, True, True),
    "file-sharing-service": ("u2u", None, 1_500_000, False, False),
    "general-search-engine": ("search", "general", 30_000_000, True, True),
    "vertical-search-service": ("search", "vertical", 2_000_000, False, False),
}


def test_archetypes_are_the_seven_of_the_contract():
    assert [p.name for p in load_archetypes(family="ofcom-osa")] == list(CONTRACT_ARCHETYPES)  # file order
    arch = archetypes_by_name()
    titles = archetype_titles()
    for key, (kind, stype, users, large, multi) in CONTRACT_ARCHETYPES.items():
        p = arch[key]
        assert p.name == key
        assert (p.kind, p.search_type, p.users) == (kind, stype, users)
        assert is_large(p) is large, key
        assert is_multi_risk(p) is multi, key
        assert p.description and titles[key] and titles[key] != key


def test_archetype_risks_and_features_follow_the_contract():
    arch = archetypes_by_name()
    forum = arch["small-low-risk-forum"]
    assert set(forum.risks.values()) == {"low"} and "terrorism" in forum.risks  # "all low"
    assert is_low_risk(forum) and risk_count(forum) == 0
    social = arch["small-multi-risk-social"]
    assert social.risks == {"grooming": "medium", "harassment": "high", "hate": "medium"}
    assert risk_count(social) == 3
    e2ee = arch["large-e2ee-messaging"]
    assert "e2ee" in e2ee.features and "posting-content" not in e2ee.features
    assert arch["vertical-search-service"].features == []


def test_archetypes_are_copies_so_a_what_if_cannot_change_them():
    arch = archetypes_by_name()
    arch["large-social-network"].features.append("e2ee")
    assert "e2ee" not in archetypes_by_name()["large-social-network"].features


def test_derived_facts_at_the_thresholds():
    at = ServiceProfile("x", users=7_000_000)
    over = ServiceProfile("x", users=7_000_001)
    assert not is_large(at) and is_large(over)
    one = ServiceProfile("x", risks={"fraud": "high", "hate": "low"})
    two = ServiceProfile("x", risks={"fraud": "high", "hate": "medium"})
    assert risk_count(one) == 1 and not is_multi_risk(one)
    assert is_multi_risk(two)
    # counted within a harm group: children's harms do not make a service multi-risk for illegal harms
    kids = ServiceProfile("x", risks={"bullying": "high", "fraud": "medium"})
    assert is_multi_risk(kids) and not is_multi_risk(kids, "illegal") and risk_count(kids, "children") == 1


def test_load_service_from_toml(tmp_path):
    path = tmp_path / "svc.toml"
    path.write_text(
        'name = "Chat app"\nkind = "u2u"\nusers = 8_000_000\nfeatures = ["e2ee", "direct-messaging"]\n'
        '[risks]\ncsam-image = "High"\nfraud = "medium"\n',
        encoding="utf-8",
    )
    p = load_service(path)
    assert p.name == "Chat app" and p.users == 8_000_000
    assert p.risks == {"csam-image": "high", "fraud": "medium"}  # levels normalised to lower case
    assert is_large(p) and is_multi_risk(p)


def test_load_service_default_name_is_file_stem(tmp_path):
    path = tmp_path / "forum.toml"
    path.write_text('kind = "search"\nsearch_type = "vertical"\nusers = 10\n', encoding="utf-8")
    p = load_service(path)
    assert (p.name, p.kind, p.search_type) == ("forum", "search", "vertical")


def test_service_from_options_like_the_cli():
    p = service_from_options(
        kind="u2u", users=8_000_000, risks=["csam-image=high", "fraud=medium"], features=["e2ee", "direct-messaging"]
    )
    assert p.risks == {"csam-image": "high", "fraud": "medium"}
    assert p.features == ["e2ee", "direct-messaging"]
    s = service_from_options(kind="search/general", users=1)
    assert (s.kind, s.search_type) == ("search", "general")


@pytest.mark.parametrize(
    "kwargs,words",
    [
        (dict(users=-5), ["users cannot be negative", "-5"]),
        (dict(risks=["csam=high"]), ["unknown harm 'csam'", "valid harms:", "csam-image", "csam-url"]),
        (dict(risks=["fraud=severe"]), ["unknown risk level 'severe'", "negligible, low, medium, high"]),
        (dict(risks=["fraud"]), ["must be written harm=level"]),
        (dict(features=["encryption"]), ["unknown feature 'encryption'", "valid features:", "e2ee"]),
        (dict(features=["file_sharing", "livestream"]), ["unknown feature 'livestream'", "did you mean 'livestreaming'"]),
        (dict(kind="forum"), ["unknown kind 'forum'", "u2u, search"]),
        (dict(kind="u2u", search_type="general"), ["search_type 'general' is only for search services"]),
        (dict(kind="search"), ["needs a search_type", "general or vertical"]),
        (dict(kind="search", search_type="local"), ["unknown search_type 'local'", "general, vertical"]),
    ],
)
def test_invalid_profiles_fail_with_a_clear_message(kwargs, words):
    with pytest.raises(ServiceProfileError) as err:
        service_from_options(**kwargs)
    message = str(err.value)
    assert "\n" not in message
    for w in words:
        assert w in message, message


def test_invalid_toml_profile_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('users = "many"\n', encoding="utf-8")
    with pytest.raises(ServiceProfileError, match=r"^bad.toml: .*whole number"):
        load_service(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("users = \n", encoding="utf-8")
    with pytest.raises(ServiceProfileError, match=r"^broken.toml: not valid TOML"):
        load_service(broken)
    typo = tmp_path / "typo.toml"
    typo.write_text('users = 5\nfeatuers = ["e2ee"]\n', encoding="utf-8")
    with pytest.raises(ServiceProfileError, match="unknown field.*featuers"):
        load_service(typo)
    with pytest.raises(ServiceProfileError, match="not found"):
        load_service(tmp_path / "missing.toml")


def test_validate_rejects_negative_users_on_a_built_profile():
    with pytest.raises(ServiceProfileError, match="negative"):
        validate_service(ServiceProfile("x", users=-1))
    with pytest.raises(ServiceProfileError, match="whole number"):
        validate_service(ServiceProfile("x", users=True))


def test_with_changes_makes_a_validated_copy():
    base = archetypes_by_name()["large-social-network"]
    changed = with_changes(base, add_features=["e2ee"], name="with E2EE")
    assert "e2ee" in changed.features and "e2ee" not in base.features
    with pytest.raises(ServiceProfileError):
        with_changes(base, add_features=["teleport"])


# ---------------------------------------------------------------------------- codes with their own vocabulary


def _code_vocab(profile: str):
    from analyser.conditions import vocabulary_for
    from analyser.profiles import load_profile

    return vocabulary_for(load_profile(profile).services)


def test_a_code_profile_lets_services_use_its_own_features_and_kinds():
    ico = _code_vocab("codes/examples/ico-aadc.toml")
    p = service_from_options(kind="online-service", features=["parental-controls", "likely-accessed-by-children"], vocab=ico)
    assert p.kind == "online-service" and p.features == ["parental-controls", "likely-accessed-by-children"]
    # the same words are no feature of Ofcom's codes: refused there, with the valid list
    with pytest.raises(ServiceProfileError, match="unknown feature 'parental-controls'"):
        service_from_options(features=["parental-controls"])
    # and a typo is still a typo, with a suggestion from the code's own list
    with pytest.raises(ServiceProfileError, match="did you mean 'parental-controls'"):
        service_from_options(kind="online-service", features=["parental-control"], vocab=ico)


@pytest.mark.parametrize(
    "content,words",
    [
        ("users = inf", "whole number"),
        ("users = nan", "whole number"),
        ("users = 1e30", "more than there are people"),
        ('users = "many"', "whole number"),
        ('name = ["a"]', "name must be text"),
        ("features = 1", "features must be a list"),
        ("features = [1, 2]", "features must be names"),
        ("risks = 3", "risks must be a table"),
        ('kind = ["u2u"]', "unknown kind"),
        ("x = " + "[" * 5000 + "]" * 5000, "not valid TOML"),
    ],
)
def test_bad_service_files_give_one_clear_line(tmp_path, content, words):
    path = tmp_path / "svc.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ServiceProfileError) as err:
        load_service(path)
    assert words in str(err.value) and "svc.toml" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_folder_or_binary_given_as_a_service_file_is_named_as_such(tmp_path):
    with pytest.raises(ServiceProfileError, match="is a folder"):
        load_service(tmp_path)
    binary = tmp_path / "svc.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage\x00")
    with pytest.raises(ServiceProfileError, match="not valid TOML"):
        load_service(binary)
