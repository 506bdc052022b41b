"""Planning: which pages a build renders and which search shards it indexes.

Every page has a fingerprint of what it shows (`render.fingerprint`). A page whose
fingerprint equals the live manifest's is not rendered again; a shard whose members' digest
equals the manifest's is not indexed again. `plan_site` fingerprints every page of the
archive. `plan_page_edits` is the short way for the commonest edit while curating: a
statement whose own page changed (body, quotes, source, tags) while nothing that listings
show of it did. Then only its page and its search shard can differ, and they are planned
from the previous build's plans without loading the rest of the archive.

A statement page's plan (fingerprint, search shard, the page's line in its shard's digest)
is a function of the page file's bytes, the link keys of the statement and its neighbours,
the build's salt (version, theme, settings) and the shard count. Plans are reused while all
of these are equal: `dictum serve` keeps them in memory, a one-off build reads them from
`.site.cache/plans.json` (JSON, like the parse cache beside it; safe to delete any time).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import __version__, files, render, search, urls
from .archive import Archive
from .config import Config
from .content import PageError, PageStat, ParseCache, load_statement, shown_path
from .frontmatter import FrontMatterError
from .models import Speaker, SpeakerRef, Statement
from .writer import Manifest


class PlannedStatement(NamedTuple):  # a tuple: tens of thousands are read per build
    digest: str  # of the page file: the statement's fields and body
    links: tuple[str, str, str]  # link keys of the statement and its two neighbours
    output: str
    fingerprint: str
    shard: int
    member: str  # the page's line in its search shard's digest
    neighbours: tuple[str | None, str | None]  # slugs of the previous and next statement
    speakers: list[list]  # as resolved: [slug, name, kind, index in statement.speakers]


@dataclass
class SitePlan:
    """What a build must do: pages to render, files to remove, search shards to index."""

    todo: list[render.PageJob]
    stale: list[str]
    changed_shards: dict[int, list[str]]
    shard_total: int
    site: dict
    statements: int
    quick: bool = False  # planned from the page edits alone (`plan_page_edits`)


class Plans:
    """Planned statement pages by slug, for one salt and shard count."""

    VERSION = 2
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
            for slug, (d, a, b, c, o, f, s, m, p, n, sp) in data["plans"].items():
                # What is used as a number or a list must be one; a damaged file is ignored.
                if type(s) is not int or not all(
                    type(x) is list and len(x) == 4 and type(x[3]) is int for x in sp
                ):
                    raise ValueError(slug)
                self.by_slug[slug] = PlannedStatement(d, (a, b, c), o, f, s, m, (p, n), sp)
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
        """This build's plans, in archive order (`save` writes them)."""
        self.by_slug, self.made_with = plans, condition

    def save(self) -> None:
        """Write the plans unless the file differs from them only by a few pages whose own
        text changed (same link keys, same order). Those the next process plans again from
        their page files, and `plan_page_edits` takes such a stale plan for an edit of the
        page's text. Anything else stale would send it to the whole plan."""
        plans, condition = self.by_slug, self.made_with
        saved = self._saved
        if self.path is None or (saved is plans and self._saved_with == condition):
            return
        if saved and self._saved_with == condition and list(saved) == list(plans):
            changed = 0
            for slug, plan in plans.items():
                old = saved[slug]
                if old is plan or old == plan:  # most are the very same object
                    continue
                if old.links != plan.links:
                    break
                changed += 1
            else:
                if changed <= self.RESAVE_AFTER:
                    return
        rows = {
            slug: [p.digest, *p.links, p.output, p.fingerprint, p.shard, p.member,
                   *p.neighbours, p.speakers]
            for slug, p in plans.items()
        }  # fmt: skip
        files.write_atomic(
            self.path,
            json.dumps({"version": self.VERSION, "with": condition, "plans": rows},
                       separators=(",", ":")),
        )  # fmt: skip
        self._saved, self._saved_with = plans, condition


def salt(config: Config, theme_hash: str) -> str:
    """What every page's fingerprint includes: generator version, theme, page settings."""
    settings = json.dumps(config.page_settings(), sort_keys=True, default=str)
    return f"{__version__}\0{theme_hash}\0{settings}"


def plan_site(
    archive: Archive,
    config: Config,
    plans: Plans,
    previous: Manifest | None,
    theme_hash: str,
    manifest: Manifest,
) -> SitePlan:
    """Fingerprint every page into `manifest`; against `previous` (None: a full build),
    keep those whose fingerprint changed."""
    shard_total = search.shard_count(len(archive.statements))
    views = render.Views(archive, config)
    bundles = [search.bundle_path(n) for n in range(shard_total)]
    page_salt = salt(config, theme_hash)
    old_files = previous.files if previous is not None else {}
    shard_members: dict[int, list[str]] = {n: [] for n in range(shard_total)}
    todo: list[render.PageJob] = []
    keys = render.InputKeys(archive)
    condition = Plans.condition(page_salt, shard_total)
    known = plans.usable(condition)
    planned: dict[str, PlannedStatement] = {}
    for statement, before, after in archive.in_order():
        links = keys.links(statement, before, after)
        plan = known.get(statement.slug)
        job = None
        if plan is None or plan.digest != statement.digest or plan.links != links:
            job = render.statement_page(views, keys, statement, before, after)
            plan = _planned(job, page_salt, statement, links, shard_total, before, after,
                            _resolved(archive, statement))  # fmt: skip
        planned[statement.slug] = plan
        manifest.files[plan.output] = plan.fingerprint
        shard_members[plan.shard].append(plan.member)
        if old_files.get(plan.output) != plan.fingerprint:
            todo.append(job or render.statement_page(views, keys, statement, before, after))
    plans.keep(condition, planned)
    for job in render.listing_pages(archive, config, views, keys, bundles):
        fingerprint = render.fingerprint(job, page_salt)
        manifest.files[job.output] = fingerprint
        if old_files.get(job.output) != fingerprint:
            todo.append(job)
    changed_shards = _shards(shard_members, manifest, previous)
    stale = sorted(set(old_files) - set(manifest.files))
    return SitePlan(todo, stale, changed_shards, shard_total, views.site(),
                    len(archive.statements))  # fmt: skip


def _planned(
    job: render.PageJob,
    page_salt: str,
    statement: Statement,
    links: tuple[str, str, str],
    shard_total: int,
    before: Statement | None,
    after: Statement | None,
    speakers: list[list],
) -> PlannedStatement:
    member = hashlib.blake2b(f"{page_salt}\0{job.search_inputs}".encode(), digest_size=16)
    return PlannedStatement(
        statement.digest, links, job.output, render.fingerprint(job, page_salt),
        search.shard_of(statement.slug, shard_total), f"{job.output}\0{member.hexdigest()}",
        (before.slug if before else None, after.slug if after else None), speakers,
    )  # fmt: skip


def _resolved(archive: Archive, statement: Statement) -> list[list]:
    refs = statement.speakers
    return [
        [speaker.slug, speaker.name, speaker.kind, _index(refs, ref)]
        for speaker, ref in archive.speakers_of.get(statement.slug, [])
    ]


def _index(refs: tuple, ref: object) -> int:
    return next(n for n, r in enumerate(refs) if r is ref)


def _shards(
    members: dict[int, list[str]], manifest: Manifest, previous: Manifest | None
) -> dict[int, list[str]]:
    """Each shard's digest into `manifest`; the shards whose digest changed, with pages."""
    changed: dict[int, list[str]] = {}
    for shard, lines in members.items():
        digest = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
        manifest.shards[str(shard)] = digest
        if previous is None or previous.shards.get(str(shard)) != digest:
            changed[shard] = [line.split("\0")[0] for line in lines]
    return changed


# -- the short way: pages whose own text changed ------------------------------------------

MAX_PAGE_EDITS = 64  # beyond this many changed pages, planning the whole site costs as much


def plan_page_edits(
    config: Config,
    cache: ParseCache,
    plans: Plans,
    scanned: list[PageStat],
    previous: Manifest,
    theme_hash: str,
    manifest: Manifest,
) -> SitePlan | None:
    """The plan of a build in which only statement pages' own text changed, from the plans
    of the live site; None when anything else may have changed (then `plan_site`).

    It holds when the live manifest was built with this theme, settings and speaker
    registry, from statement pages planned exactly as `plans` has them (one page per plan,
    each with the plan's fingerprint), and each changed page file still gives its
    statement the same slug, title, date, place, summary and speakers: what listings,
    feeds and the neighbouring pages show of it. Listing pages depend on nothing else.
    """
    page_salt = salt(config, theme_hash)
    known = plans.by_slug
    shard_total = search.shard_count(len(known))
    if (
        not known
        or len(scanned) != len(known)
        or plans.made_with != Plans.condition(page_salt, shard_total)
        or previous.assets != theme_hash
        or not previous.registry
        or previous.registry != manifest.registry
    ):
        return None
    cache.start()
    where: dict[str, tuple[str, list]] = {}  # slug -> (page file, cache entry), if untouched
    edited: list[tuple[str, os.stat_result]] = []
    for name, stat in scanned:
        entry = cache.fresh(shown_path(name, config.root), stat)
        plan = None if entry is None else known.get(entry[5])
        if entry is None or plan is None or plan.digest != entry[3]:
            edited.append((name, stat))  # changed, new to the cache, or planned from other bytes
        elif entry[5] in where:
            return None
        else:
            where[entry[5]] = (name, entry)
    if len(edited) > MAX_PAGE_EDITS:
        return None
    statements: dict[str, Statement] = {}
    for name, stat in edited:
        try:
            new = load_statement(Path(name), config.root, cache, stat)
        except (PageError, FrontMatterError):
            return None  # reported by the whole plan
        plan = known.get(new.slug)
        if plan is None or new.slug in where or new.slug in statements:
            return None
        # Its link key as planned, from the speakers as resolved then: equal only if what
        # listings show of it is unchanged, its speakers as named included.
        speakers = _speakers_of(plan, new)
        if speakers is None or render.link_key(new, speakers) != plan.links[0]:
            return None
        statements[new.slug] = new
    if len(where) + len(statements) != len(known):
        return None

    # Every statement page of the live site is planned as `known` has it, and no other.
    files = previous.files
    outputs = sum(1 for output in files if output.startswith(urls.STATEMENTS))
    if outputs != len(known) or any(
        files.get(plan.output) != plan.fingerprint
        for slug, plan in known.items()
        if slug not in statements
    ):
        return None

    def statement(slug: str) -> Statement:
        if slug not in statements:
            name, entry = where[slug]
            statements[slug] = cache.statement(shown_path(name, config.root), entry, name)
        return statements[slug]

    edits = list(statements)
    involved = {slug for s in edits for slug in (s, *known[s].neighbours) if slug is not None}
    speakers_of = {slug: _speakers_of(known[slug], statement(slug)) or [] for slug in involved}
    views = render.Views(
        Archive(statements=[statement(s) for s in involved], speakers={},
                speakers_of=speakers_of, years={}, undated=[]),
        config,
    )  # fmt: skip
    keys = render.InputKeys.of_links({slug: known[slug].links[0] for slug in involved})
    planned = dict(known)
    todo = []
    manifest.files.update(files)
    for slug in edits:
        old = known[slug]
        before, after = (statement(s) if s else None for s in old.neighbours)
        job = render.statement_page(views, keys, statements[slug], before, after)
        plan = _planned(job, page_salt, statements[slug], old.links, shard_total, before, after,
                        old.speakers)  # fmt: skip
        planned[slug] = plan
        manifest.files[plan.output] = plan.fingerprint
        if files.get(plan.output) != plan.fingerprint:
            todo.append(job)
    plans.keep(plans.made_with, planned)
    members: dict[int, list[str]] = {n: [] for n in range(shard_total)}
    for plan in planned.values():
        members[plan.shard].append(plan.member)
    changed_shards = _shards(members, manifest, previous)
    return SitePlan(todo, [], changed_shards, shard_total, views.site(), len(known), quick=True)


def _speakers_of(
    plan: PlannedStatement, statement: Statement
) -> list[tuple[Speaker, SpeakerRef]] | None:
    """The statement's speakers as resolved when `plan` was made (None: it names fewer)."""
    refs = statement.speakers
    if any(index >= len(refs) for *_, index in plan.speakers):
        return None
    return [
        (Speaker(slug=slug, name=name, kind=kind), refs[index])  # type: ignore[arg-type]
        for slug, name, kind, index in plan.speakers
    ]
