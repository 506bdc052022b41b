"""The plan memo: kept plans come back only under the condition they were made with, and a
damaged file costs a re-plan, never a wrong page."""

from __future__ import annotations

from pathlib import Path

from generator.plans import PlannedStatement, Plans


def _plan(digest: str) -> PlannedStatement:
    return PlannedStatement(digest, ("a", "-", "b"), "statements/x/index.html", "f" + digest, 3,
                            "statements/x/index.html\0m")  # fmt: skip


def test_plans_round_trip_under_their_condition(tmp_path: Path):
    path = tmp_path / "plans.json"
    condition = Plans.condition("salt", 4)
    Plans(path).keep(condition, {"x": _plan("d1")})
    again = Plans(path)
    assert again.usable(condition) == {"x": _plan("d1")}
    assert again.usable(Plans.condition("other salt", 4)) == {}
    assert again.usable(Plans.condition("salt", 5)) == {}


def test_a_few_new_plans_do_not_rewrite_the_file(tmp_path: Path):
    path = tmp_path / "plans.json"
    condition = Plans.condition("salt", 4)
    plans = {f"s{n}": _plan(f"d{n}") for n in range(100)}
    Plans(path).keep(condition, plans)
    kept = Plans(path)
    before = path.read_bytes()
    kept.keep(condition, {**plans, "s1": _plan("new")})
    assert path.read_bytes() == before  # the next process plans s1 again: its digest differs
    kept.keep(condition, {f"s{n}": _plan(f"e{n}") for n in range(100)})
    assert Plans(path).usable(condition)["s1"] == _plan("e1")


def test_a_damaged_plan_file_is_ignored(tmp_path: Path):
    path = tmp_path / "plans.json"
    for text in ("{", '{"version": 1, "with": "c", "plans": {"x": [1]}}', "[]", '"text"'):
        path.write_text(text)
        assert Plans(path).usable("c") == {}
