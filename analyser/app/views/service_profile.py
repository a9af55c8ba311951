"""The Service profile view: describe a service (or start from an archetype), see every
measure's status and reason for it, explain one measure, and ask "what if" the service changed."""

from __future__ import annotations

import dataclasses
import functools
import json

import streamlit as st

from analyser.models import MeasureStatus, ServiceProfile
from analyser.statuses import STATUS_WORDS, reason_words, status_label

from ..common import Ctx, explain_status, measure_label, status_legend
from ..grids import CONDITION_PX, REASON_PX, STATUS_PX, TITLE_PX, grid_or_list, wrapped
from ..services import archetype_titles, archetypes, kind_choices, statuses, validate, vocabulary, whatif
from ..user_counts import format_users, parse_users

LEVELS = ("high", "medium", "low")


def _profile_from_state() -> ServiceProfile:
    ss = st.session_state
    risks: dict[str, str] = {}
    for level in reversed(LEVELS):  # highest level wins when a harm is listed twice
        for harm in ss.get(f"sp_risk_{level}", []):
            risks[harm] = level
    kind = ss.get("sp_kind", "u2u")
    return ServiceProfile(name=ss.get("sp_name") or "My service", kind=kind,
                          search_type=ss.get("sp_search_type") if kind == "search" else None,
                          users=int(ss.get("sp_users", 0) or 0), risks=risks,
                          features=list(ss.get("sp_features", [])))


def _profile_fields() -> list[str]:
    return ["sp_name", "sp_kind", "sp_search_type", "sp_users", USERS_TEXT, *(f"sp_risk_{lv}" for lv in LEVELS),
            "sp_features"]


# The user count: ``sp_users`` holds the number the profile uses; the officer types into a text
# field (USERS_TEXT) that shows it with thousands separators (a number input can show only bare
# digits) and accepts "15m" or "700k" too (user_counts.py). A text that is not a number stays
# on screen with a sentence saying why, and no status is shown until it is one.
USERS_TEXT = "sp_users_text"
USERS_ERROR = "_sp_users_error"


def _users_typed() -> None:
    """Text field callback: read the count; on success show it with separators."""
    ss = st.session_state
    try:
        users = parse_users(ss.get(USERS_TEXT, ""))
    except ValueError as err:
        ss[USERS_ERROR] = str(err)
        return
    ss["sp_users"], ss[USERS_TEXT], ss[USERS_ERROR] = users, format_users(users), None


def _show_users_count() -> None:
    """Write ``sp_users`` into the text field when it changed elsewhere (an archetype, the
    default), unless the field holds the officer's text that is not a number yet."""
    ss = st.session_state
    if ss.get(USERS_ERROR):
        return
    try:
        shown = parse_users(ss.get(USERS_TEXT, ""))
    except ValueError:
        shown = None
    if shown != int(ss.get("sp_users") or 0):
        ss[USERS_TEXT] = format_users(int(ss.get("sp_users") or 0))


def _fill_from_archetype() -> None:
    key = st.session_state.get("sp_start")
    prof = archetypes(st.session_state.get("_family", "ofcom-osa")).get(key)
    if not prof:
        return
    ss = st.session_state
    before = {k: ss.get(k) for k in _profile_fields()}
    ss["sp_name"] = archetype_titles().get(key, prof.name)
    ss["sp_kind"] = prof.kind
    ss["sp_search_type"] = prof.search_type or "general"
    ss["sp_users"], ss[USERS_TEXT], ss[USERS_ERROR] = int(prof.users), format_users(prof.users), None
    harms, features = vocabulary(ss.get("_services", "{}"))
    for level in LEVELS:
        ss[f"sp_risk_{level}"] = [h for h, lv in prof.risks.items() if lv == level and h in harms]
    ss["sp_features"] = [f for f in prof.features if f in features]
    ss["_sp_fill"] = {"before": before, "values": {k: ss.get(k) for k in _profile_fields()}, "drawn": False}
    ss.pop("sp_lookup", None)  # "Explain one measure" follows the new service (its first qualified measure)


def _keep_archetype_fill() -> None:
    """Redo an archetype's fill that the browser undid before it ever showed it.

    Why: Streamlit sends every widget's browser-side value with each interaction. If the officer
    touches another widget before the page filled in by an archetype has arrived (a slow machine,
    a quick hand), the old values come back and silently replace the archetype's, while the picker
    still names the archetype. Old values back in two or more of the fields it changed, and no
    other value in them, can only be that race (one interaction changes one widget), so the fill is
    applied again; anything else is the officer's edit and is kept, and the guard ends.
    """
    ss = st.session_state
    fill = ss.get("_sp_fill")
    if not fill:
        return
    before, values = fill["before"], fill["values"]
    changed = [k for k in values if values[k] != before.get(k)]
    reverted = [k for k in changed if ss.get(k) == before.get(k)]
    edited = [k for k in changed if ss.get(k) not in (before.get(k), values[k])]
    if fill["drawn"] and len(reverted) >= 2 and not edited:
        for k in reverted:
            ss[k] = values[k]
    elif fill["drawn"]:
        ss["_sp_fill"] = None
    else:
        fill["drawn"] = True


def _profile_form(ctx: Ctx) -> None:
    """The form that describes the service (its values live in ``sp_*`` session keys)."""
    from analyser.conditions import LARGE_THRESHOLD  # on demand: the first page (Overview) does without it

    code = ctx.code
    harms, features = vocabulary(st.session_state["_services"])
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.text_input("Service name", key="sp_name", placeholder="My service")
        kinds = kind_choices(code)
        if st.session_state.get("sp_kind") not in kinds:
            st.session_state["sp_kind"] = next(iter(kinds))
        c2.radio("Kind", list(kinds), key="sp_kind", horizontal=True, format_func=lambda k: kinds[k])
        if st.session_state.get("sp_kind") == "search":
            c3.radio("Search type", ["general", "vertical"], key="sp_search_type", horizontal=True)
        _show_users_count()
        st.text_input("Monthly active UK users", key=USERS_TEXT, on_change=_users_typed,
                      placeholder="e.g. 15,000,000 or 15m",
                      help="With or without commas; 15m, 1.5 million and 700k work too. "
                           f"Large = more than {format_users(LARGE_THRESHOLD)}.")
        if st.session_state.get(USERS_ERROR):
            st.error(st.session_state[USERS_ERROR])
        else:
            users = int(st.session_state.get("sp_users") or 0)
            st.caption(f"{format_users(users)} monthly active UK users "
                       f"({'large' if users > LARGE_THRESHOLD else 'not large'}).")
        r1, r2, r3 = st.columns(3)
        for col, level in zip((r1, r2, r3), LEVELS):
            col.multiselect(f"Harms at {level} risk", list(harms), key=f"sp_risk_{level}",
                            format_func=lambda h: harms[h])
        st.caption("Harms not listed are negligible. Multi-risk = medium or high risk for at least two kinds of harm.")
        st.multiselect("Features", list(features), key="sp_features", format_func=lambda f: features[f])


def view_profile(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    st.title("Service profile explorer")
    st.session_state["_family"] = code.info.family
    st.session_state["_services"] = json.dumps(code.info.services, sort_keys=True)
    types = archetypes(code.info.family)
    if not types:
        st.info(f"No built-in service archetypes describe codes of this family ({code.info.family}): "
                "describe the service yourself below.")
    st.session_state.setdefault("sp_users", 100_000)
    _keep_archetype_fill()
    titles = archetype_titles()
    st.selectbox("Start from an archetype", ["(custom)", *types], key="sp_start", on_change=_fill_from_archetype,
                 format_func=lambda k: titles.get(k, k))
    _profile_form(ctx)
    profile, problems = validate(_profile_from_state(), code)
    if st.session_state.get(USERS_ERROR):  # said under the field; no status for a count not understood
        return
    if problems:
        for p in problems:
            st.error(p)
        return
    st.session_state["current_profile"] = dataclasses.asdict(profile)
    result = statuses(code, profile)
    by_status: dict[str, list[MeasureStatus]] = {k: [] for k in STATUS_WORDS}
    for m in code.measures:
        s = result.get(m.id)
        if s:
            by_status.setdefault(s.status, []).append(s)
    cols = st.columns(len(by_status))
    for col, (status, items) in zip(cols, by_status.items()):
        col.metric(status_label(status), f"{len(items):,}")
    status_legend()
    tabs = st.tabs([f"{status_label(s)} ({len(v):,})" for s, v in by_status.items()])
    for tab, (status, items) in zip(tabs, by_status.items()):
        with tab:
            if items:
                # A row picked here is the one "Explain one measure" explains (below the tabs).
                st.session_state[f"_sp_rows_{status}"] = [s.measure for s in items]
                rows = [{"measure": s.measure, "title": code.measure(s.measure).title, "status": s.status,
                         "reason": reason_words(s.status, s.reason)} for s in items]
                # On a narrow page a list, each reason whole (grids.grid_or_list); a measure is
                # then explained by the picker under the tabs.
                grid_or_list(f"sp_rows_{status}", rows, ("measure", "title", "status"), lambda: st.dataframe(
                    pd.DataFrame(rows), hide_index=True, width="stretch", key=f"profile_rows_{status}",
                    on_select=functools.partial(_row_picked, status), selection_mode="single-row",
                    **wrapped(rows, {"title": TITLE_PX, "reason": REASON_PX},
                              {"status": st.column_config.TextColumn(width=STATUS_PX)},
                              details="pick its row to read it whole below")))
            else:
                st.caption("None.")

    ids = [m.id for m in code.measures if m.id in result]
    if ids:
        if st.session_state.get("sp_lookup") not in ids:
            st.session_state["sp_lookup"] = (by_status.get("qualified") or [result[ids[0]]])[0].measure
        mid = st.selectbox("Explain one measure for this service", ids, key="sp_lookup",
                           format_func=lambda i: measure_label(code, i))
        explain_status(code, result[mid], profile.name)
    _whatif_panel(ctx, profile)


def _row_picked(status: str) -> None:
    """Dataframe callback: the measure of the row picked in a status tab becomes the one explained."""
    event = st.session_state.get(f"profile_rows_{status}")
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    ids = st.session_state.get(f"_sp_rows_{status}", [])
    if rows and 0 <= rows[0] < len(ids):
        st.session_state["sp_lookup"] = ids[rows[0]]


def _whatif_panel(ctx: Ctx, profile: ServiceProfile) -> None:
    """What changes, measure by measure, if the service changes in one of the offered ways."""
    import pandas as pd  # on demand: the first page (Overview) does without it
    from analyser.service import WHATIF_CHANGES

    code = ctx.code
    st.header("What if …")
    on = st.toggle("Show what changes if the service changes", key="sp_whatif_on")
    if not on:
        return
    change = st.selectbox("Change", list(WHATIF_CHANGES), key="sp_whatif")
    other, problems = validate(dataclasses.replace(WHATIF_CHANGES[change](profile), name=f"{profile.name} {change}"),
                               code)
    if problems:
        st.error("; ".join(problems))
        return
    wi = whatif(code, profile, other)
    diff = [{"measure": c.measure, "title": c.title, "now": c.before.status, change: c.after.status,
             "why": reason_words(c.after.status, c.after.reason),
             "measures that depend on it": ", ".join(c.dependents)}
            for c in wi.changes]
    if diff:
        verb = "measure changes" if len(diff) == 1 else "measures change"
        st.write(f"**{len(diff):,} {verb} status {change}:**")
        grid_or_list("sp_whatif_rows", diff, ("measure", "title"), lambda: st.dataframe(
            pd.DataFrame(diff), hide_index=True, width="stretch",
            **wrapped(diff, {"title": TITLE_PX, "why": REASON_PX, "measures that depend on it": CONDITION_PX})))
    else:
        st.success(f"No measure changes status {change}.")
