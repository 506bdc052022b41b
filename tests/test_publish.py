"""Publishing: `dictum publish` to a folder and to a git branch, run as a process; builds that
are atomic (a killed build leaves the previous site) and reproducible (byte-identical)."""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.writer import recover

from .conftest import REPO, run_dictum

BASE = "https://example.org/archive/"
EDITED = "Edited title for the publish test"


def tree_hashes(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)
    }


def git(*args: str, cwd: Path | None = None) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return completed.stdout


@pytest.fixture
def no_git_identity(tmp_path, monkeypatch):
    """A machine where git knows no user: no global or system configuration."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    for name in ("NAME", "EMAIL"):
        for role in ("AUTHOR", "COMMITTER"):
            monkeypatch.delenv(f"GIT_{role}_{name}", raising=False)
    monkeypatch.delenv("EMAIL", raising=False)


def showing_old(folder: Path, title: str) -> list[str]:
    return [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.parts and p.suffix in (".html", ".xml")
        and title in p.read_text(encoding="utf-8")
    ]  # fmt: skip


def _retitle(page: Path, title: str) -> None:
    text = page.read_text(encoding="utf-8")
    text, count = re.subn(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    assert count == 1
    page.write_text(text, encoding="utf-8")


# -- git ------------------------------------------------------------------------------------


def test_publish_to_bare_repository_then_one_edit_is_one_commit(
    sample_archive, tmp_path, no_git_identity
):
    with (sample_archive / "dictum.toml").open("a", encoding="utf-8") as toml:
        toml.write('cname = "archive.example.org"\n')
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))

    first = run_dictum("publish", "--git", str(remote), "--base-url", BASE, cwd=sample_archive,
                       check=True)  # fmt: skip
    assert "published to" in first.stdout

    clone = tmp_path / "clone"
    git("clone", "-q", "--branch", "gh-pages", str(remote), str(clone))
    assert (clone / ".nojekyll").read_bytes() == b""
    assert (clone / "CNAME").read_text() == "archive.example.org\n"
    assert (clone / "index.html").is_file()
    assert not (clone / ".dictum").exists() and not (clone / ".dictum-publish").exists()
    site = sample_archive / "site"
    published = tree_hashes(clone, skip=(".git/", ".nojekyll", "CNAME"))
    assert published == tree_hashes(site, skip=(".dictum/",))
    assert git("log", "--format=%an <%ae>", "gh-pages", cwd=remote).strip() == (
        "Dictum <dictum@localhost>"
    )

    # One edit: the statement's title.
    slug = "meeting-with-sberbank-ceo-german-gref"
    page = sample_archive / "content" / "statements" / f"{slug}.md"
    old_title = re.search(r"^title: (.*)$", page.read_text(encoding="utf-8"), re.M).group(1)
    assert old_title == "Meeting with Sberbank CEO German Gref"
    _retitle(page, EDITED)
    run_dictum("publish", "--git", str(remote), "--base-url", BASE, cwd=sample_archive,
               check=True)  # fmt: skip
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "2"
    changed = set(git("diff", "--name-only", "gh-pages~1", "gh-pages", cwd=remote).split())

    git("pull", "-q", "origin", "gh-pages", cwd=clone)
    pages = {name for name in changed if not name.startswith("pagefind/")}
    showing = {
        p.relative_to(clone).as_posix()
        for p in clone.rglob("*")
        if p.is_file() and ".git" not in p.parts and p.suffix in (".html", ".xml")
        and EDITED in p.read_text(encoding="utf-8")
    }  # fmt: skip
    # Exactly the pages that show the title changed: the statement, its neighbours'
    # previous/next links, its speaker, year and month listings, the feeds.
    assert f"statements/{slug}/index.html" in pages
    assert pages == showing
    assert showing_old(clone, old_title) == []  # no page kept the old title
    assert "feed.xml" in pages and "dates/2021/10/index.html" in pages
    statement_pages = {p for p in pages if p.startswith("statements/")}
    assert len(statement_pages) == 3  # the statement and its two neighbours in time
    for unrelated in ("index.html", "404.html", "speakers/index.html", "sitemap.xml",
                      "robots.txt", "static/dictum.css", "search/index.html"):  # fmt: skip
        assert unrelated not in changed
    # The search index: the shard holding the statement, nothing of its other files.
    search = {name for name in changed if name.startswith("pagefind/")}
    assert {name.split("/")[1] for name in search} == {"0"}
    assert any(name.startswith("pagefind/0/fragment/") for name in search)
    assert "pagefind/0/pagefind-ui.js" not in search
    assert not [name for name in search if "/filter/" in name]  # speakers, years: unchanged

    # Nothing changed: nothing is committed.
    again = run_dictum("publish", "--git", str(remote), "--base-url", BASE, cwd=sample_archive,
                       check=True)  # fmt: skip
    assert "already up to date" in again.stdout
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "2"


def test_publish_to_git_keeps_the_branch_history(sample_archive, tmp_path, no_git_identity):
    """An existing gh-pages made elsewhere: the site is committed on top of it."""
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "Someone", "GIT_AUTHOR_EMAIL": "s@example.org",
           "GIT_COMMITTER_NAME": "Someone", "GIT_COMMITTER_EMAIL": "s@example.org"}
    for command in (["init", "-q"], ["checkout", "-q", "-b", "gh-pages"]):
        subprocess.run(["git", *command], cwd=work, check=True, env=env)
    (work / "old.html").write_text("old")
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "old"], cwd=work, check=True, env=env)
    subprocess.run(["git", "push", "-q", str(remote), "gh-pages"], cwd=work, check=True, env=env)

    run_dictum("publish", "--git", str(remote), cwd=sample_archive, check=True)
    log = git("log", "--format=%s", "gh-pages", cwd=remote).splitlines()
    assert log == ["Publish Dictum sample archive", "old"]
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "old.html" not in files and "index.html" in files and "CNAME" not in files


# -- a folder -------------------------------------------------------------------------------


def test_publish_to_folder_is_an_exact_copy_and_deletes_gone_files(sample_archive, tmp_path):
    target = tmp_path / "www" / "archive"  # does not exist yet
    run_dictum("publish", "--to", str(target), "--base-url", BASE, cwd=sample_archive,
               check=True)  # fmt: skip
    site = sample_archive / "site"
    assert tree_hashes(target, skip=(".dictum-publish",)) == tree_hashes(site, skip=(".dictum/",))
    assert (target / ".dictum-publish").is_file()
    assert not (target / ".dictum").exists()

    # A statement removed, a stray file left in the folder: both gone after the next publish.
    statements = sample_archive / "content" / "statements"
    (statements / "military-industrial-commission-meeting.md").unlink()
    (target / "stray").mkdir()
    (target / "stray" / "page.html").write_text("old")
    untouched = target / "static" / "dictum.css"
    stamp = (untouched.stat().st_ino, untouched.stat().st_mtime_ns)
    # --no-import: the inbox still holds the document the page was made from.
    completed = run_dictum("publish", "--to", str(target), "--base-url", BASE, "--no-import",
                           cwd=sample_archive, check=True)  # fmt: skip
    assert tree_hashes(target, skip=(".dictum-publish",)) == tree_hashes(site, skip=(".dictum/",))
    assert not (target / "statements" / "military-industrial-commission-meeting").exists()
    assert not (target / "stray").exists()
    assert (untouched.stat().st_ino, untouched.stat().st_mtime_ns) == stamp  # not copied again
    copied = int(re.search(r"(\d+) files added or changed", completed.stdout).group(1))
    assert 0 < copied < len(tree_hashes(site)) // 2


def test_publish_refuses_a_folder_it_did_not_make(sample_archive, tmp_path):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.txt").write_text("years of work")
    completed = run_dictum("publish", "--to", str(target), cwd=sample_archive)
    assert completed.returncode == 2
    assert "not empty" in completed.stderr and ".dictum-publish" in completed.stderr
    assert sorted(p.name for p in target.iterdir()) == ["thesis.txt"]
    assert not (sample_archive / "site").exists()  # refused before building anything

    empty = tmp_path / "empty"
    empty.mkdir()
    run_dictum("publish", "--to", str(empty), cwd=sample_archive, check=True)
    assert (empty / "index.html").is_file()


def test_publish_refuses_dev_scripts_and_broken_links_unless_forced(sample_archive, tmp_path):
    theme = sample_archive / "themes" / "dev" / "templates"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text(
        '{% extends "default/base.html" %}\n'
        '{% block scripts %}<script src="{{ site.base_path }}__dictum/livereload.js"></script>'
        "{% endblock %}\n"
    )
    with (sample_archive / "dictum.toml").open("a", encoding="utf-8") as toml:
        toml.write('theme = "dev"\n')
    target = tmp_path / "out"
    completed = run_dictum("publish", "--to", str(target), cwd=sample_archive)
    assert completed.returncode == 1
    assert "not published" in completed.stderr
    assert re.search(r"site/index\.html:\d+: error: development-only script", completed.stderr)
    assert "broken link to /__dictum/livereload.js" in completed.stderr
    assert not target.exists()

    forced = run_dictum("publish", "--to", str(target), "--force", cwd=sample_archive)
    assert forced.returncode == 0, forced.stderr
    assert "published despite" in forced.stderr
    assert (target / "index.html").is_file()


# -- atomic and reproducible builds -----------------------------------------------------------

WORDS = (
    "minister president ministry talks sanctions energy grain security council border trade "
    "agreement summit delegation corridor budget election reform pipeline treaty embassy "
    "parliament decree ceasefire refugees investment exports tariff nuclear drills"
).split()
SPEAKERS = [f"Speaker Number{n}" for n in range(20)]


def _generated_archive(root: Path, pages: int) -> None:
    statements = root / "content" / "statements"
    statements.mkdir(parents=True)
    rng = random.Random(7)
    for n in range(pages):
        body = " ".join(rng.choice(WORDS) for _ in range(300)) + f" unique{n}"
        speaker = SPEAKERS[n % len(SPEAKERS)]
        (statements / f"statement-{n:05d}.md").write_text(
            f"---\ntitle: Statement {n} on {rng.choice(WORDS)}\n"
            f"date: {2000 + n % 20}-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
            f"source: Wire{n % 3}\nspeakers:\n  - name: {speaker}\n    role: Minister\n"
            f"---\n\n{body}\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("stage", ["render", "search"])
def test_killed_build_leaves_the_previous_site_and_the_next_build_succeeds(tmp_path, stage):
    root = tmp_path / "big"
    _generated_archive(root, 2000)
    run_dictum("build", cwd=root, check=True)
    site, staging = root / "site", root / ".site.building"
    previous = tree_hashes(site)

    # A new title re-renders every page and re-indexes every shard.
    (root / "dictum.toml").write_text('title = "Renamed archive"\n')
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"], cwd=root, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def midway() -> bool:
        if stage == "search":  # Pagefind is indexing a shard
            return any(staging.glob(".search-source-*"))
        index = staging / "statements" / "statement-00500" / "index.html"
        # Some statement pages rendered anew (unlinked from the live site), not all.
        return index.is_file() and index.stat().st_nlink == 1

    deadline = time.monotonic() + 120
    while not midway():
        assert process.poll() is None, "the build finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its Pagefind processes
    assert process.wait() == -signal.SIGKILL

    assert staging.is_dir()  # killed midway: its half-built site is still there
    assert tree_hashes(site) == previous

    completed = run_dictum("build", cwd=root, check=True)
    assert "built" in completed.stdout
    assert not staging.exists()
    assert "Renamed archive" in (site / "index.html").read_text(encoding="utf-8")
    assert "Renamed archive" in (site / "statements" / "statement-01999" / "index.html").read_text(
        encoding="utf-8"
    )


def test_swap_cut_off_between_its_renames_is_undone(tmp_path):
    site = tmp_path / "site"
    (site / "statements").mkdir(parents=True)
    (site / "index.html").write_text("home")
    before = tree_hashes(site)
    # The first rename of the swap happened, the second did not.
    os.rename(site, tmp_path / ".site.previous")
    (tmp_path / ".site.building").mkdir()
    recover(site)
    assert tree_hashes(site) == before
    assert not (tmp_path / ".site.previous").exists()


def test_two_clean_builds_are_byte_identical(tmp_path):
    trees = []
    for name in ("one", "two"):  # two copies at different paths
        root = tmp_path / name / "archive"
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "dictum.toml", root / "dictum.toml")
        run_dictum("build", "--base-url", BASE, cwd=root, check=True)
        trees.append(tree_hashes(root / "site"))
    # Build, delete the site, build again.
    shutil.rmtree(root / "site")
    run_dictum("build", "--base-url", BASE, cwd=root, check=True)
    trees.append(tree_hashes(root / "site"))

    assert trees[0] == trees[1] == trees[2]
    filters = [name for name in trees[0] if name.startswith("pagefind/0/filter/")]
    assert len(filters) == 3  # speaker, year, source: the files Pagefind writes unordered
    assert "sitemap.xml" in trees[0] and ".dictum/manifest.json" in trees[0]
