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


def test_prose_names_a_step_by_its_place_in_the_journey(tmp_path: Path):
    path = tmp_path / "sample.yaml"
    path.write_text('title: "Bring your services map ({step:services}) to {step:first_five}."\ncount: 1\n')
    # data/steps.yaml: services is the third step of Harm Reduction is Healthcare, first_five the care model's second.
    assert parse_file(path, Sample).title == "Bring your services map (Step 3) to Stage 2."
    path.write_text('title: "See {step:no_such_step}."\ncount: 1\n')
    with pytest.raises(ContentError, match="no step 'no_such_step'"):
        parse_file(path, Sample)


def test_no_data_file_is_left_with_an_unread_step_placeholder():
    content.validate_all()
    for model in content.registered_files().values():
        dumped = content.load(model).model_dump_json()
        assert "{step:" not in dumped, model.__content_file__
    from core.hrh import financing_adventure

    texts = financing_adventure.graph().model_dump_json()
    assert "Step 4: conversation guides" in texts and "your Step 3 service volumes" in texts
