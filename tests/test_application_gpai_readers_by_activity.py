"""The GPAI code's readers named by what they do with their models ("Signatories who publish the weights of a model",
"that use web-crawlers ... to gather text and data for training", "that place on the market a model that is offered
through an application programming interface", "that make a model available to providers who integrate it into their
own AI systems"): each had been "not understood", unclear for every Signatory. The wording is this file's own, after
the shapes of the development set dev77; the words are profile data (``codes/profiles/eu-gpai.toml``).
"""

from __future__ import annotations

from clause_reading import clause_reading

GPAI = "codes/profiles/eu-gpai.toml"


def test_gpai_readers_named_by_what_they_do_with_their_models():
    # (each as the only sentence of whom)
    for words, feature in (("Signatories who publish the weights of a model will record the licence.", "open-weights"),
                           ("Signatories that use web-crawlers, or have them used on their behalf, to gather text and data "
                            "for training will not circumvent paywalls.", "web-crawler"),
                           ("Signatories that place on the market a model that is offered through an application programming "
                            "interface will state the usage policies.", "api-access"),
                           ("Signatories that make a model available to providers who integrate it into their own AI "
                            "systems will give those providers the information.", "downstream-distribution")):
        covered = clause_reading(GPAI, words)
        assert covered(kind="gpai-provider", features=[feature]) is True, words
        assert covered(kind="gpai-provider") is False, words
