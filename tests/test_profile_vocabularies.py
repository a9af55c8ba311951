"""The code profiles' vocabularies: the wordings each code's drafters use for its features.

Most clauses of the EU GPAI Code, the ICO Age appropriate design code and the eSafety codes that the tool
left "unclear" named a feature in words the profile did not know ("has already been placed on the
market", "placed ... before 2 August 2025", "produces a single Model Report covering several models").
These are data in the profiles' ``[services]`` tables; each test reads one clause shaped like the code's
own and checks the status for concrete services, one of which must not be covered.
"""

from __future__ import annotations

import os

from clause_reading import clause_reading as _reading

# (the profiles can be pointed elsewhere to see these tests fail on the profiles before this change)
GPAI = os.environ.get("VOCAB_TEST_GPAI", "codes/profiles/eu-gpai.toml")
ICO = os.environ.get("VOCAB_TEST_ICO", "codes/examples/ico-aadc.toml")
ESAFETY = os.environ.get("VOCAB_TEST_ESAFETY", "codes/examples/esafety-industry.toml")




# ---------------------------------------------------------------------------- EU GPAI Code of Practice


def test_gpai_a_model_already_placed_on_the_market():
    covered = _reading(GPAI, "This Measure applies to Signatories whose general-purpose AI model with systemic risk "
                             "has already been placed on the market.")
    assert covered(features=["systemic-risk", "on-market"]) is True
    assert covered(features=["systemic-risk"]) is False
    assert covered(features=["on-market"]) is False


def test_gpai_models_placed_on_the_market_before_2_august_2025():
    covered = _reading(GPAI, "Signatories that placed a general-purpose AI model on the market before 2 August 2025 "
                             "will take the necessary steps to comply with this Chapter by 2 August 2027.")
    assert covered(kind="gpai-provider", features=["pre-august-2025"]) is True
    assert covered(kind="gpai-provider", features=["on-market"]) is False


def test_gpai_one_model_report_for_several_models():
    covered = _reading(GPAI, "Where a Signatory produces a single Model Report covering several models, it will "
                             "identify which information relates to which model.")
    assert covered(features=["multi-model-report"]) is True
    assert covered(features=["systemic-risk"]) is False


def test_gpai_web_crawling_for_training_data():
    covered = _reading(GPAI, "Signatories that use web-crawlers, or have web-crawlers used on their behalf, to scrape "
                             "or otherwise compile data for the purpose of training their general-purpose AI models "
                             "will employ web-crawlers that follow the Robot Exclusion Protocol.")
    assert covered(features=["web-crawler"]) is True
    assert covered(features=["downstream-distribution"]) is False


def test_gpai_a_model_made_available_to_downstream_providers():
    covered = _reading(GPAI, "Where a Signatory makes its model available to downstream providers, it will give them "
                             "the information in the Model Documentation Form intended for them.")
    assert covered(features=["downstream-distribution"]) is True
    assert covered(features=["api-access"]) is False


def test_gpai_chains_of_thought_available_to_third_parties():
    covered = _reading(GPAI, "Signatories providing general-purpose AI models with systemic risk whose chains-of-thought "
                             "are made available to third parties will monitor them for signs of deceptive behaviour.")
    assert covered(features=["systemic-risk", "public-chain-of-thought"]) is True
    assert covered(features=["systemic-risk"]) is False


def test_gpai_a_model_offered_through_an_application_programming_interface():
    covered = _reading(GPAI, "Signatories that offer their model through an application programming interface will "
                             "publish the contact details through which downstream providers can request information.")
    assert covered(features=["api-access"]) is True
    assert covered(features=["open-weights"]) is False


def test_gpai_signatories_named_by_what_they_do_and_crawling_the_web():
    covered = _reading(GPAI, "Signatories producing one Model Report for several models will say which information "
                             "concerns which model.")
    assert covered(features=["multi-model-report"]) is True
    assert covered(features=["systemic-risk"]) is False
    covered = _reading(GPAI, "Signatories that crawl the web for training data will read and follow robots.txt.")
    assert covered(features=["web-crawler"]) is True
    assert covered() is False
    covered = _reading(GPAI, "Signatories whose models are offered through an API will watch for misuse of the API.")
    assert covered(features=["api-access"]) is True
    assert covered() is False


def test_gpai_when_a_duty_falls_due_says_nothing_of_whom():
    for opening in ("Within ten working days of a change to their Framework, or any update to it,",
                    "On a reasoned request from the AI Office,",
                    "For every general-purpose AI model it places on the Union market,"):
        covered = _reading(GPAI, f"{opening} Signatories will share the relevant documents.")
        # was "not understood", unclear for every Signatory
        assert covered(features=["sme"]) is True and covered() is True, opening


# ---------------------------------------------------------------------------- ICO Age appropriate design code


def test_ico_a_childs_location_visible_to_other_users():
    covered = _reading(ICO, "This standard applies if your service allows a child's location to be made visible to "
                            "other users.")
    assert covered(features=["location-sharing"]) is True
    assert covered(features=["geolocation"]) is False


def test_ico_privacy_or_data_settings_users_can_change():
    covered = _reading(ICO, "This standard applies if your service has any privacy or data settings that users can change.")
    assert covered(features=["user-settings"]) is True
    assert covered(features=["parental-controls"]) is False


def test_ico_a_connected_device_used_by_several_people_of_different_ages():
    covered = _reading(ICO, "This standard applies if you provide a connected toy or device that is likely to be used "
                            "by several people of different ages.")
    assert covered(features=["connected-toy", "shared-device"]) is True
    assert covered(features=["connected-toy"]) is False


def test_ico_parental_controls_that_limit_screen_time():
    covered = _reading(ICO, "This standard applies if you provide parental controls that let parents limit screen time.")
    assert covered(features=["parental-controls", "screen-time-limits"]) is True
    assert covered(features=["parental-controls"]) is False


def test_ico_children_in_several_age_ranges():
    covered = _reading(ICO, "This standard applies if your service is aimed at children under 13, or at children in "
                            "several age ranges.")
    assert covered(features=["under-13-audience"]) is True
    assert covered(features=["mixed-age-ranges"]) is True
    assert covered(features=["mixed-audience"]) is False


def test_ico_sharing_within_the_group_is_sharing_childrens_data():
    covered = _reading(ICO, "If you share children's personal data, assess the risks of that sharing before it begins.")
    # the ICO profile's data sharing includes sharing within the corporate group (``includes``): was not covered
    assert covered(features=["intra-group-sharing"]) is True
    assert covered(features=["data-sharing"]) is True
    assert covered() is False


def test_ico_terms_policies_or_community_standards_about_user_behaviour():
    covered = _reading(ICO, "This standard applies if you publish terms, policies or community standards about user "
                            "behaviour or content.")
    assert covered(features=["community-standards"]) is True
    assert covered(features=["user-reporting"]) is False


def test_ico_profiling_in_order_to_serve_behaviourally_targeted_advertising():
    covered = _reading(ICO, "This standard applies if you profile children in order to serve them behaviourally "
                            "targeted advertising.")
    assert covered(features=["profiling", "targeted-advertising"]) is True
    assert covered(features=["profiling"]) is False


def test_ico_a_parent_monitoring_activity_or_tracking_location():
    covered = _reading(ICO, "This standard applies if your service lets a parent or carer monitor their child's online "
                            "activity or track their child's location.")
    assert covered(features=["parental-monitoring"]) is True
    assert covered(features=["parental-location-tracking"]) is True
    assert covered(features=["parental-controls"]) is False


def test_ico_games_where_players_buy_items_with_real_money():
    covered = _reading(ICO, "This section is for providers of online games in which players can buy items or extras "
                            "with real money.")
    assert covered(features=["online-game", "in-app-purchases"]) is True
    assert covered(features=["online-game"]) is False


# ---------------------------------------------------------------------------- eSafety industry codes and standards


def test_esafety_an_app_store_that_only_distributes_its_own_apps():
    covered = _reading(ESAFETY, "A provider of an app distribution service must check the age rating of each app it makes "
                                "available, unless the service distributes only apps that the provider has developed itself.")
    assert covered(kind="app-distribution") is True
    assert covered(kind="app-distribution", features=["first-party-only"]) is False
    assert covered(kind="hosting") is False


def test_esafety_a_search_engine_that_searches_a_single_website():
    covered = _reading(ESAFETY, "This measure applies to providers of internet search engine services other than a "
                                "search engine service that only searches content within a single website or app.")
    assert covered(kind="search-engine") is True
    assert covered(kind="search-engine", features=["site-search-only"]) is False


def test_esafety_apps_classified_or_rated_r18():
    covered = _reading(ESAFETY, "A provider of an app distribution service that makes available apps classified or "
                                "rated R18+ must take reasonable steps to confirm the age of the end-user.")
    assert covered(kind="app-distribution", features=["allows-r18-apps"]) is True
    assert covered(kind="app-distribution") is False


def test_esafety_a_host_of_high_impact_services():
    covered = _reading(ESAFETY, "A provider of a hosting service that hosts high impact services must notify eSafety "
                                "when it becomes aware of class 1A material on such a service.")
    assert covered(kind="hosting", features=["hosts-high-impact-dis"]) is True
    assert covered(kind="hosting", features=["high-impact"]) is False


def test_esafety_controls_that_prevent_generating_sexually_explicit_material():
    covered = _reading(ESAFETY, "This section applies to a provider of a high impact generative AI designated internet "
                                "service, except where the service uses controls that are effective in preventing the "
                                "generation of sexually explicit material.")
    assert covered(kind="designated-internet", features=["genai-high-impact"]) is True
    assert covered(kind="designated-internet", features=["genai-high-impact", "blocks-explicit-generation"]) is False

