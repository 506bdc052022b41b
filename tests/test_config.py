from pathlib import Path

import pytest

from generator.config import OPTIONS, ConfigError, load_config


def write(root: Path, text: str) -> Path:
    (root / "dictum.toml").write_text(text, encoding="utf-8")
    return root


def test_defaults_without_a_file(tmp_path):
    config = load_config(tmp_path)
    assert config.title == OPTIONS["title"].default
    assert config.base_path == "/"
    assert config.absolute_base is None
    assert config.output == tmp_path / "site"


def test_subpath_base_url(tmp_path):
    config = load_config(write(tmp_path, 'base_url = "https://example.org/archive"\n'))
    assert config.base_path == "/archive/"
    assert config.absolute_base == "https://example.org/archive/"


def test_unknown_key_and_bad_type_are_reported_with_lines(tmp_path):
    write(tmp_path, 'title = "A"\npage_sise = 10\nlanguage = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert any("dictum.toml:2" in line and "page_sise" in line for line in lines)
    assert any("dictum.toml:3" in line and "language must be str" in line for line in lines)


def test_syntax_error_names_the_line(tmp_path):
    write(tmp_path, 'title = "A"\nbase_url = \n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize("text", ["page_size = 0\n", "page_size = true\n", 'base_url = "ftp://x/"\n'])
def test_bad_values(tmp_path, text):
    with pytest.raises(ConfigError):
        load_config(write(tmp_path, text))


def test_command_line_override_wins(tmp_path):
    write(tmp_path, 'base_url = "/a/"\n')
    assert load_config(tmp_path, {"base_url": "/b/"}).base_path == "/b/"
