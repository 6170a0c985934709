from core import demo
from core.store import answers, workspaces


def test_demo_is_created_once_and_reset_on_request(store):
    first, token = demo.open_demo(store)
    assert first.is_demo and first.name == demo.demo_name()
    assert workspaces.workspace_for_token(store, token).id == first.id
    assert "peer-led" in answers.get_text(store, first.id, "workspace", "about")
    again, _ = demo.open_demo(store)
    assert again.id == first.id
    answers.save_text(store, first.id, "workspace", "about", "scribbled on by a visitor")
    reset, _ = demo.open_demo(store, reset=True)
    assert reset.id != first.id
    assert "peer-led" in answers.get_text(store, reset.id, "workspace", "about")


def test_demo_can_be_opened_with_its_published_passphrase(store):
    demo.open_demo(store)
    workspaces.open_workspace(store, demo.demo_name(), demo.DEMO_PASSPHRASE)
