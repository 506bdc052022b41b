"""`dictum build` run as a process: the happy path, bad input, and a broken theme."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import REPO, run_dictum


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_seed_build_creates_page_and_registry_and_touches_nothing_else(seed_archive):
    before = tree_hashes(seed_archive / "content")
    run_dictum("build", cwd=seed_archive, check=True)
    after = tree_hashes(seed_archive / "content")
    assert {k: v for k, v in after.items() if k in before} == before  # nothing rewritten
    added = sorted(set(after) - set(before))
    assert added == [
        "speakers.yaml",
        "statements/russia-calls-on-foreign-partners-to-create-united-front-to-fight.md",
    ]
    site = seed_archive / "site"
    assert (site / "statements" / added[1].split("/")[1][:-3] / "index.html").is_file()
    assert (site / "speakers" / "oleg-syromolotov" / "index.html").is_file()
    assert (site / "dates" / "2016" / "05" / "index.html").is_file()

    # A second build imports nothing and leaves content/ byte for byte as it was.
    run_dictum("build", cwd=seed_archive, check=True)
    assert tree_hashes(seed_archive / "content") == after


def test_bad_page_gets_one_line_and_the_rest_builds(sample_archive):
    statements = sample_archive / "content" / "statements"
    broken = statements / "broken-page.md"
    broken.write_text("---\ntitle: Broken\ndate: 31 May\n---\nText\n", encoding="utf-8")
    completed = run_dictum("build", cwd=sample_archive)
    assert completed.returncode == 1
    lines = [line for line in completed.stderr.splitlines() if "broken-page.md" in line]
    assert lines == [
        "content/statements/broken-page.md:3: error: 'date' must be an ISO date like "
        "2016-05-31, got '31 May' [front-matter]"
    ]
    built = list((sample_archive / "site" / "statements").glob("*/index.html"))
    assert len(built) == len(list(statements.glob("*.md"))) - 1
    assert broken.read_text(encoding="utf-8").startswith("---\ntitle: Broken")


def test_undecodable_document_is_reported_and_kept(seed_archive):
    bad = seed_archive / "content" / "inbox" / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02garbage")
    completed = run_dictum("build", cwd=seed_archive)
    assert completed.returncode == 1
    assert "content/inbox/binary.txt: error: binary file" in completed.stderr
    assert bad.read_bytes() == b"\x00\x01\x02garbage"
    assert (seed_archive / "site" / "speakers" / "oleg-syromolotov" / "index.html").is_file()


def test_broken_template_names_file_and_line_and_keeps_previous_site(seed_archive):
    run_dictum("build", cwd=seed_archive, check=True)
    previous = tree_hashes(seed_archive / "site")
    theme = seed_archive / "themes" / "mine" / "templates"
    theme.mkdir(parents=True)
    (theme / "statement.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ statement.title }\n{% endblock %}\n'
    )
    (seed_archive / "dictum.toml").write_text('theme = "mine"\n')
    completed = run_dictum("build", cwd=seed_archive)
    assert completed.returncode == 1
    assert "themes/mine/templates/statement.html:3: error:" in completed.stderr
    assert tree_hashes(seed_archive / "site") == previous


def test_user_theme_overrides_one_block_of_the_default(seed_archive):
    theme = seed_archive / "themes" / "mine" / "templates"
    theme.mkdir(parents=True)
    (theme / "statement.html").write_text(
        '{% extends "default/statement.html" %}\n'
        '{% block content %}<p class="banner">Archive copy</p>{{ super() }}{% endblock %}\n'
    )
    (seed_archive / "dictum.toml").write_text('theme = "mine"\n')
    run_dictum("build", cwd=seed_archive, check=True)
    page = next((seed_archive / "site" / "statements").glob("*/index.html")).read_text()
    assert '<p class="banner">Archive copy</p>' in page
    assert "Oleg Syromolotov" in page  # the rest of the default template still renders
    speakers = (seed_archive / "site" / "speakers" / "index.html").read_text()
    assert "banner" not in speakers


def test_bad_configuration_exits_2_and_names_the_line(seed_archive):
    (seed_archive / "dictum.toml").write_text('title = "x"\npage_size = "ten"\n')
    completed = run_dictum("build", cwd=seed_archive)
    assert completed.returncode == 2
    assert "dictum.toml:2: error: page_size must be int" in completed.stderr
    assert not (seed_archive / "site").exists()


def test_script_in_raw_text_and_front_matter_is_shown_as_text(seed_archive):
    inbox = seed_archive / "content" / "inbox"
    text = (inbox / "000_469faddfd09abc77.txt").read_text(encoding="utf-8")
    text = text.replace("Russia calls", "<script>window.pwned=1</script> Russia calls", 1)
    (inbox / "000_469faddfd09abc77.txt").write_text(text, encoding="utf-8")
    statements = seed_archive / "content" / "statements"
    statements.mkdir(parents=True)
    (statements / "hand-made.md").write_text(
        '---\ntitle: "<script>window.pwned=2</script>"\ndate: 2016-06-01\n'
        'speakers:\n  - name: "<img src=x onerror=alert(1)>"\n---\n\n<b onclick="x()">hi</b>\n',
        encoding="utf-8",
    )
    run_dictum("build", cwd=seed_archive, check=True)
    for page in (seed_archive / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.pwned" not in html, page
        assert "<img src=x" not in html and "<b onclick" not in html, page
    hand = (seed_archive / "site" / "statements" / "hand-made" / "index.html").read_text()
    assert "&lt;script&gt;window.pwned=2&lt;/script&gt;" in hand


def test_wheel_ships_the_default_theme(tmp_path):
    """A non-editable install must find the bundled theme: it has to be inside the wheel."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("dictum-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("base.html", "statement.html", "search.html", "feed.xml"):
        assert f"generator/bundled_themes/default/templates/{template}" in names
    assert "generator/bundled_themes/default/static/search.js" in names
    shutil.rmtree(tmp_path / "build", ignore_errors=True)


def test_render_workers_are_forked_only_while_memory_allows(tmp_path, monkeypatch):
    """A process holding a large archive renders alone rather than fork workers that would
    each copy most of it; a small one renders beside as many workers as asked, less one."""
    import concurrent.futures

    import jinja2

    from generator import build as build_module
    from generator.render import PageJob
    from generator.writer import Staging

    forked = []

    class Pool:  # stands in for ProcessPoolExecutor: records that workers would be forked
        def __init__(self, *args: object, **kwargs: object) -> None:
            forked.append(kwargs.get("max_workers"))
            raise RuntimeError("forked")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ n }}"}))
    jobs = [PageJob(f"p{n}/", "t.html", {"n": n}) for n in range(3 * build_module.PAGES_PER_WORKER)]
    staging = Staging(tmp_path / "site")
    staging.open()
    # About a 100,000-statement archive: a worker beside this process would break the budget.
    monkeypatch.setattr(build_module, "_memory_mb", lambda: 1000.0)
    assert build_module.render_pages(env, jobs, {}, staging, workers=2) is None
    assert forked == [] and (staging.dir / "p3" / "index.html").read_text() == "3"
    for own, workers in ((700.0, 2), (100.0, 2), (100.0, 3)):
        monkeypatch.setattr(build_module, "_memory_mb", lambda own=own: own)
        try:
            build_module.render_pages(env, jobs, {}, staging, workers=workers)
        except RuntimeError:
            pass
    # This process renders too: one worker less than the processes that render.
    assert forked == [1, 1, 2]
