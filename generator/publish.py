"""`dictum publish`: build for production, check, and put the site where it is served.

Two targets. A folder (`--to DIR`) becomes an exact copy of the site: changed files are
copied, gone ones deleted, but only in a folder that is empty or that an earlier publish
marked as its own. A git branch (`--git REMOTE`, GitHub Pages' `gh-pages` by default) gets
one commit on top of its history with the site, `.nojekyll` and the configured `CNAME`.
Git runs as a command in a temporary repository: the user's own repository is only ever
asked for a remote's URL. The build's manifest (`site/.dictum/`) is never published.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .check import MANIFEST_DIR, check, site_files
from .config import Config
from .models import Problem

MARKER = ".dictum-publish"  # names a folder as a publish target, safe to delete from
MARKER_TEXT = (
    "This folder is a copy of a site published by `dictum publish --to`.\n"
    "Each publish makes it an exact copy again: files not in the site are deleted.\n"
)
DEFAULT_BRANCH = "gh-pages"
# Without a git identity configured (a fresh machine, CI) commits are made as:
IDENTITY = ("Dictum", "dictum@localhost")


class PublishError(Exception):
    """The target cannot take the site; the message says why and what to do."""


@dataclass
class Deployed:
    target: str
    copied: int = 0  # files added or changed
    deleted: int = 0
    unchanged: int = 0
    commit: str | None = None  # the branch's commit, for a git target

    def summary(self) -> str:
        if not self.copied and not self.deleted:
            return f"{self.target} is already up to date ({self.unchanged} files)"
        return (
            f"published to {self.target}: {self.copied} files added or changed, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
            + (f" (commit {self.commit[:12]})" if self.commit else "")
        )


@dataclass
class PublishReport:
    problems: list[Problem] = field(default_factory=list)
    refused: str | None = None  # why nothing was published
    deployed: Deployed | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# -- a folder -----------------------------------------------------------------------------


class FolderTarget:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def prepare(self, site: Path) -> None:
        """Refuse a folder this command did not make, before anything is built."""
        folder, site = self.folder, site.resolve()
        if folder == site or site in folder.parents or folder in site.parents:
            raise PublishError(f"{folder} overlaps the site folder {site}; publish elsewhere")
        if folder.exists() and not folder.is_dir():
            raise PublishError(f"{folder} is a file, not a folder")
        if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise PublishError(
                f"{folder} is not empty and no earlier publish made it (it has no {MARKER}); "
                "refusing to delete its files: empty it or publish to another folder"
            )

    def deploy(self, site: Path, message: str) -> Deployed:
        self.prepare(site)
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / MARKER
        if not marker.is_file() or marker.read_text(encoding="utf-8") != MARKER_TEXT:
            marker.write_text(MARKER_TEXT, encoding="utf-8")  # first, so a cut-off copy is ours
        wanted = site_files(site)
        result = Deployed(str(folder))
        # Assets before pages: a reader never gets a page whose stylesheet is not there yet.
        for relative in sorted(wanted, key=lambda name: (name.endswith(".html"), name)):
            source, target = site / relative, folder / relative
            if _same_file(source, target):
                result.unchanged += 1
                continue
            _make_parent(target, folder)
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            temporary = target.with_name(f".{target.name}.dictum-tmp")
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)  # a reader sees the old file or the new, never half
            result.copied += 1
        keep = set(wanted) | {MARKER}
        for directory, dirs, files in os.walk(folder, topdown=False):
            base = Path(directory)
            for name in files + [d for d in dirs if (base / d).is_symlink()]:
                if (base / name).relative_to(folder).as_posix() not in keep:
                    (base / name).unlink()
                    result.deleted += 1
            if base != folder and not any(base.iterdir()):
                base.rmdir()
        return result


def _same_file(source: Path, target: Path) -> bool:
    if target.is_symlink() or not target.is_file():
        return False
    if source.stat().st_size != target.stat().st_size:
        return False
    return source.read_bytes() == target.read_bytes()


def _make_parent(path: Path, root: Path) -> None:
    """Create path's folders, removing files (or links) that stand where a folder must be."""
    current = root
    for part in path.relative_to(root).parts[:-1]:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            current.unlink()
        current.mkdir(exist_ok=True)


# -- a git branch ---------------------------------------------------------------------------

# Variables that point git at a repository: inherited from a hook or a shell, they would aim
# these commands at the user's own repository.
_LOCATION_VARIABLES = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX",
)  # fmt: skip
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^[\w.-]+@[\w.-]+:", re.I)


class GitTarget:
    def __init__(self, remote: str, branch: str, *, cname: str | None, root: Path) -> None:
        self.remote, self.branch, self.cname, self.root = remote, branch, cname, root
        self.url: str | None = None

    def prepare(self, site: Path) -> None:
        if shutil.which("git") is None:
            raise PublishError("git is not installed; install it to publish to a branch")
        if not _valid_branch(self.branch):
            raise PublishError(f"{self.branch!r} is not a valid branch name")
        self.url = self._resolve_remote()

    def _resolve_remote(self) -> str:
        """A URL as given; a local path made absolute (git runs elsewhere); or the URL of a
        remote of the archive's own repository, like `origin`."""
        if _URL.match(self.remote):
            return self.remote
        path = Path(self.remote).expanduser()
        if path.exists():
            return str(path.resolve())
        named = subprocess.run(
            ["git", "-C", str(self.root), "remote", "get-url", self.remote],
            capture_output=True, text=True, env=_clean_env(), check=False,
        )  # fmt: skip
        if named.returncode == 0 and named.stdout.strip():
            return named.stdout.strip()
        raise PublishError(
            f"{self.remote!r} is not a git URL, an existing path, or a remote of the "
            f"repository at {self.root}"
        )

    def deploy(self, site: Path, message: str) -> Deployed:
        if self.url is None:
            self.prepare(site)
        url, branch = str(self.url), self.branch
        with tempfile.TemporaryDirectory(prefix="dictum-publish-") as temp:
            git = _Git(Path(temp), work_tree=site.resolve())
            git("init", "-q", "--bare", str(git.git_dir), repository=False)
            heads = git("ls-remote", "--heads", url, f"refs/heads/{branch}",
                        failure=f"cannot read {self.remote}")  # fmt: skip
            parent = None
            if heads.strip():  # the branch exists: commit on top of it, keeping its history
                git("fetch", "-q", "--no-tags", url, f"+refs/heads/{branch}:refs/heads/{branch}",
                    failure=f"cannot fetch {branch} from {self.remote}")  # fmt: skip
                parent = git("rev-parse", f"refs/heads/{branch}^{{commit}}").strip()
                git("read-tree", parent)
            # -f: the user's global ignore rules must not drop files from the site.
            git("add", "-A", "-f", "--", ".", f":(exclude){MANIFEST_DIR}")
            extras = {".nojekyll": ""}  # GitHub Pages: serve the files as they are
            if self.cname:
                extras["CNAME"] = self.cname.strip() + "\n"
            for name, text in extras.items():
                blob = git("hash-object", "-w", "--stdin", input=text).strip()
                git("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}")
            tree = git("write-tree").strip()
            result = Deployed(f"{self.remote} ({branch})")
            if parent and git("rev-parse", f"{parent}^{{tree}}").strip() == tree:
                result.unchanged = len(git("ls-tree", "-r", "--name-only", tree).splitlines())
                result.commit = parent
                return result
            commit = git("commit-tree", "--no-gpg-sign", tree, *(["-p", parent] if parent else []),
                         "-m", message).strip()  # fmt: skip
            git("push", "-q", "--no-verify", url, f"{commit}:refs/heads/{branch}",
                failure=f"cannot push to {self.remote} (if {branch} moved on meanwhile, "
                "publish again)")  # fmt: skip
            names = git("ls-tree", "-r", "--name-only", tree).splitlines()
            statuses = ["A"] * len(names)
            if parent:
                changes = git("diff-tree", "-r", "--no-commit-id", "--name-status", parent, commit)
                statuses = [line[:1] for line in changes.splitlines() if line]
            result.copied = sum(1 for status in statuses if status in ("A", "M", "T"))
            result.deleted = statuses.count("D")
            result.unchanged = len(names) - result.copied
            result.commit = commit
            return result


def _valid_branch(name: str) -> bool:
    completed = subprocess.run(
        ["git", "check-ref-format", f"refs/heads/{name}"], capture_output=True, env=_clean_env(),
        check=False,
    )  # fmt: skip
    return completed.returncode == 0


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _LOCATION_VARIABLES}


class _Git:
    """`git` in a temporary bare repository whose work tree is the built site, read only."""

    def __init__(self, temp: Path, work_tree: Path) -> None:
        self.git_dir = temp / "repository.git"
        empty = temp / "empty"
        empty.write_text("")
        hooks = temp / "no-hooks"
        hooks.mkdir()
        self.env = _clean_env()
        self.env.update(GIT_DIR=str(self.git_dir), GIT_WORK_TREE=str(work_tree),
                        GIT_INDEX_FILE=str(temp / "index"))  # fmt: skip
        # The user's global settings must not change the published bytes or run hooks.
        self.options = [
            "-c", "core.autocrlf=false", "-c", "core.safecrlf=false",
            "-c", f"core.attributesFile={empty}", "-c", f"core.hooksPath={hooks}",
            "-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "init.defaultBranch=main",
        ]  # fmt: skip
        self.cwd = temp
        self._identity_set = False

    def _identity(self) -> None:
        for role in ("AUTHOR", "COMMITTER"):
            for key, default in zip(("NAME", "EMAIL"), IDENTITY, strict=True):
                configured = subprocess.run(
                    ["git", "config", f"user.{key.lower()}"], cwd=self.cwd, env=self.env,
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if not configured.stdout.strip():
                    self.env.setdefault(f"GIT_{role}_{key}", default)
        self._identity_set = True

    def __call__(
        self, *args: str, input: str | None = None, failure: str | None = None,
        repository: bool = True,
    ) -> str:
        if args[0] == "commit-tree" and not self._identity_set:
            self._identity()
        env = self.env if repository else _clean_env()
        completed = subprocess.run(
            ["git", *self.options, *args], cwd=self.cwd, env=env, input=input,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if completed.returncode != 0:
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit {completed.returncode}"
            raise PublishError(f"{failure or 'git ' + args[0] + ' failed'}: {reason}")
        return completed.stdout


# -- the command ----------------------------------------------------------------------------

Target = FolderTarget | GitTarget


def publish(
    config: Config,
    target: Target,
    *,
    force: bool = False,
    import_inbox: bool = True,
    message: str | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> PublishReport:
    """Build, check, and deploy to `target`. Broken links, development-only scripts and
    content errors refuse the publish unless `force`. Raises PublishError, before building,
    when the target cannot be used."""
    from .build import build

    target.prepare(config.output)
    report = PublishReport()
    built = build(config, import_inbox=import_inbox, log=log)
    report.problems += built.problems
    if not built.published or not config.output.is_dir():
        report.refused = "the build failed; nothing was published"
        return report
    checked = check(config, site=config.output)
    report.problems += [p for p in checked.problems if p not in report.problems]
    if report.errors and not force:
        report.refused = (
            f"{len(report.errors)} errors (broken links, development-only scripts or content "
            "problems, listed above); fix them, or publish anyway with --force"
        )
        return report
    text = message or f"Publish {config.title}\n\nBuilt by dictum {__version__}."
    try:
        report.deployed = target.deploy(config.output, text)
    except PublishError as error:
        report.refused = str(error)
    return report
