"""Words around the statement of whom that neither add services nor take any out: a proviso that lightens the duty
("provided that nothing in this measure requires a provider to decrypt ...", "provided that a provider need not
..."), every size ("of whatever size", "whether large or small", "It is not limited to large services"),
"Subject to subsection (1), ...", and the GPAI code's "for each general-purpose AI model they place on the market".
Each had left the whole clause unclear for every service.
"""

from __future__ import annotations

from clause_reading import clause_reading

ESAFETY = "codes/examples/esafety-industry.toml"
GPAI = "codes/profiles/eu-gpai.toml"


def test_a_proviso_that_lightens_the_duty_is_not_whom():
    covered = clause_reading("icu", "This measure applies to providers of large services, provided that nothing in this "
                                    "measure requires a provider to break the encryption of any message.")
    assert covered(users=8_000_000, features=["e2ee"]) is True
    assert covered(users=10) is False
    covered = clause_reading("pcu", "This measure applies to providers of services with livestreaming, provided that a "
                                    "provider need not watch every livestream as it happens.")
    assert covered(features=["livestreaming"]) is True
    assert covered() is False


def test_every_size_restricts_nothing():
    covered = clause_reading("ics", "This measure applies to providers of vertical search services, of whatever size.")
    assert covered(kind="search/vertical", users=10) is True
    assert covered(kind="search/general", users=10_000_000) is False
    covered = clause_reading("icu", "This measure applies to providers of services at high risk of fraud. It is not "
                                    "limited to large services.")
    assert covered(users=10, risks=["fraud=high"]) is True
    assert covered(users=10_000_000) is False


def test_subject_to_another_subsection_reads_both():
    covered = clause_reading(ESAFETY, "(1) This section does not apply to a relevant electronic service that is an "
                                      "enterprise service. (2) Subject to subsection (1), this section applies to every "
                                      "relevant electronic service.")
    assert covered(kind="relevant-electronic") is True
    assert covered(kind="relevant-electronic", features=["enterprise"]) is False


def test_every_model_a_signatory_places_on_the_market():
    covered = clause_reading(GPAI, "This Measure applies to all Signatories, for every general-purpose AI model they place "
                                   "on the Union market.")
    assert covered(kind="gpai-provider") is True
    covered = clause_reading(GPAI, "This Measure applies to Signatories for each general-purpose AI model, except a model "
                                   "whose weights are publicly available.")
    assert covered(kind="gpai-provider") is True
    assert covered(kind="gpai-provider", features=["open-weights"]) is False


def test_every_one_of_a_list_after_whether_restricts_nothing():
    covered = clause_reading("codes/examples/ico-aadc.toml",
                             "If your service offers in-app purchases, whether of items, credits or subscriptions, make "
                             "every price clear.")
    assert covered(features=["in-app-purchases"]) is True
    assert covered() is False
    covered = clause_reading("icu", "This measure applies to providers of services that have group chat functionality, "
                                    "irrespective of how many users they have.")
    assert covered(features=["user-groups"], users=10) is True
    assert covered(users=10_000_000) is False


def test_a_condition_on_the_reader_ends_where_a_subject_and_its_duty_begin():
    # the condition had run on to "should stay off ...": the whole clause unclear for every service
    covered = clause_reading("codes/examples/ico-aadc.toml",
                             "If you profile children, options that rely on profiling should stay off unless the child "
                             "turns them on.")
    assert covered(features=["profiling"]) is True
    assert covered() is False


def test_a_provider_in_relation_to_each_service_of_a_kind():
    covered = clause_reading("icu", "This measure applies to a provider in relation to each large user-to-user service.")
    assert covered(users=10_000_000) is True
    assert covered(users=10) is False
