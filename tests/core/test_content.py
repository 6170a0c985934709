from pathlib import Path

import pytest

from core import content
from core.content import ContentError, ContentModel, parse_file
from core.steps import StepsContent


class Sample(ContentModel):
    title: str
    count: int


def test_every_data_file_is_registered_and_valid():
    names = content.validate_all()
    on_disk = sorted(p.name for p in content.DATA_DIR.glob("*.yaml"))
    assert names == on_disk


def test_broken_file_error_names_file_and_field(tmp_path: Path):
    path = tmp_path / "sample.yaml"
    path.write_text("title: Hello\ncount: many\n")
    with pytest.raises(ContentError) as err:
        parse_file(path, Sample)
    assert "sample.yaml" in str(err.value)
    assert "count" in str(err.value)


def test_unknown_key_is_an_error(tmp_path: Path):
    path = tmp_path / "sample.yaml"
    path.write_text("title: Hello\ncount: 2\ncuont: 3\n")
    with pytest.raises(ContentError, match="cuont"):
        parse_file(path, Sample)


def test_invalid_yaml_and_missing_file(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: [unclosed\n")
    with pytest.raises(ContentError, match="not valid YAML"):
        parse_file(path, Sample)
    with pytest.raises(ContentError, match="missing"):
        parse_file(tmp_path / "nope.yaml", Sample)


def test_load_is_cached_and_typed():
    first = content.load(StepsContent)
    assert first is content.load(StepsContent)
    assert [s.number for s in first.steps if s.group == "hrh"] == list(range(1, 10))


def test_unregistered_model_cannot_be_loaded():
    with pytest.raises(ContentError, match="not registered"):
        content.load(Sample)
