"""The plan memo: kept plans come back only under the condition they were made with, and a
damaged file costs a re-plan, never a wrong page."""

from __future__ import annotations

import json
from pathlib import Path

from generator.plans import PlannedStatement, Plans


def _plan(digest: str) -> PlannedStatement:
    return PlannedStatement(digest, ("a", "-", "b"), "statements/x/index.html", "f" + digest, 3,
                            "statements/x/index.html\0m", ("w", None),
                            [["lavrov", "Sergei Lavrov", "person", 0]])  # fmt: skip


def test_plans_round_trip_under_their_condition(tmp_path: Path):
    path = tmp_path / "plans.json"
    condition = Plans.condition("salt", 4)
    _saved(path, condition, {"x": _plan("d1")})
    again = Plans(path)
    assert again.usable(condition) == {"x": _plan("d1")}
    assert again.usable(Plans.condition("other salt", 4)) == {}
    assert again.usable(Plans.condition("salt", 5)) == {}


def _saved(path: Path, condition: str, plans: dict) -> Plans:
    kept = Plans(path)
    kept.keep(condition, plans)
    kept.save()
    return kept


def test_plans_of_a_few_text_edits_are_not_written_but_new_links_are(tmp_path: Path):
    path = tmp_path / "plans.json"
    condition = Plans.condition("salt", 4)
    plans = {f"s{n}": _plan(f"d{n}") for n in range(100)}
    kept = _saved(path, condition, plans)
    before = path.read_bytes()
    # A page whose own text changed: the next process plans it again from its page file.
    kept.keep(condition, {**plans, "s1": _plan("new")})
    kept.save()
    assert path.read_bytes() == before
    # New link keys (a new title, a neighbour's) are written at once.
    kept.keep(condition, {**plans, "s1": _plan("new")._replace(links=("n", "-", "b"))})
    kept.save()
    assert Plans(path).usable(condition)["s1"].links == ("n", "-", "b")
    # As are many text edits.
    kept.keep(condition, {f"s{n}": _plan(f"e{n}") for n in range(100)})
    kept.save()
    assert Plans(path).usable(condition)["s1"] == _plan("e1")


def test_a_damaged_plan_file_is_ignored(tmp_path: Path):
    path = tmp_path / "plans.json"
    row = ["d", "a", "b", "c", "o", "f", 3, "m", None, None, [["s", "S", "person", "0"]]]
    bad_index = json.dumps({"version": 2, "with": "c", "plans": {"x": row}})
    for text in ("{", '{"version": 2, "with": "c", "plans": {"x": [1]}}', "[]", '"text"',
                 bad_index):  # fmt: skip
        path.write_text(text)
        assert Plans(path).usable("c") == {}
