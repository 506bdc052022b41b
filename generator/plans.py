"""Statement pages as earlier builds planned them, so a rebuild need not fingerprint again
the pages of an archive whose statements did not change.

A statement page's fingerprint and its line in its search shard's digest are functions of
the page file's bytes (its digest), the link keys of the statement and of its neighbours,
the build's salt (version, theme, settings) and the shard count. A plan is reused while all
of these are equal, so a stale or foreign plan file only costs the time to plan again.
`dictum serve` keeps the plans in memory between builds; a one-off build reads them from
`.site.cache/plans.json` (JSON, like the parse cache beside it; safe to delete any time).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlannedStatement:
    digest: str  # of the page file: the statement's fields and body
    links: tuple[str, str, str]  # link keys of the statement and its two neighbours
    output: str
    fingerprint: str
    shard: int
    member: str  # the page's line in its search shard's digest


class Plans:
    """Planned statement pages by slug, for one salt and shard count."""

    VERSION = 1
    RESAVE_AFTER = 32  # changed plans: fewer are planned again by the next process

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.by_slug: dict[str, PlannedStatement] = {}
        self.made_with = ""  # a hash of the salt and shard count the plans were made with
        # What the file holds, and under which condition.
        self._saved: dict[str, PlannedStatement] = {}
        self._saved_with = ""
        if path is not None:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != self.VERSION:
                return
            self.by_slug = {
                slug: PlannedStatement(d, (a, b, c), o, f, int(s), m)
                for slug, (d, a, b, c, o, f, s, m) in data["plans"].items()
            }
            self.made_with = str(data["with"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.by_slug, self.made_with = {}, ""
        self._saved, self._saved_with = self.by_slug, self.made_with

    @staticmethod
    def condition(salt: str, shards: int) -> str:
        return hashlib.blake2b(f"{salt}\0{shards}".encode(), digest_size=16).hexdigest()

    def usable(self, condition: str) -> dict[str, PlannedStatement]:
        """The plans made under this condition (none, if they were made under another)."""
        return self.by_slug if self.made_with == condition else {}

    def keep(self, condition: str, plans: dict[str, PlannedStatement]) -> None:
        """This build's plans; written to the file when enough of them are new."""
        self.by_slug, self.made_with = plans, condition
        if self.path is None:
            return
        saved = self._saved
        if saved and self._saved_with == condition:
            changed = 0
            for slug, plan in plans.items():
                old = saved.get(slug)
                changed += old is not plan and old != plan  # most are the very same object
            removed = len(saved.keys() - plans.keys())
            if changed <= self.RESAVE_AFTER and removed <= self.RESAVE_AFTER:
                return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        rows = {
            slug: [p.digest, *p.links, p.output, p.fingerprint, p.shard, p.member]
            for slug, p in plans.items()
        }
        temp.write_text(
            json.dumps({"version": self.VERSION, "with": condition, "plans": rows},
                       separators=(",", ":")),
            encoding="utf-8",
        )  # fmt: skip
        os.replace(temp, self.path)
        self._saved, self._saved_with = plans, condition
