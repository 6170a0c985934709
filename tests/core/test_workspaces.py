"""Workspaces: create, open, guessing limits, recovery codes, sessions, rename, delete.

Written as an attacker would try them: unknown names against known ones, guesses in parallel,
a guess every 15 minutes for days, thousands of failures in a row, a stolen session changing the
passphrase. A clock stands in for the hours and days in between.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import event
from sqlmodel import select

from core import demo, security
from core.store import answers, workspaces
from core.store.models import (
    GuessLimit,
    KnownBrowser,
    Record,
    RecoveryCode,
    TextAnswer,
    TextRevision,
    Workspace,
    WorkspaceSession,
)
from core.store.workspaces import WorkspaceError, WorkspaceLocked, WorkspaceProfile
from tests.conftest import PASSPHRASE, make_workspace

WRONG = "wrong passphrase"


class Clock:
    """Stands in for `utcnow` in core.store.workspaces: time moves only when a test says so."""

    def __init__(self):
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch):
    # What is tested here is what is counted and when, not scrypt's cost (tests/core/test_security.py
    # checks the real parameters): hundreds of tries at 2**15 would take minutes on a busy machine.
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(workspaces, "utcnow", c)
    return c


class ScryptCounter:
    def __init__(self, monkeypatch):
        self.calls = 0
        self._lock = threading.Lock()
        real = security.workspace_key

        def counted(*args, **kwargs):
            with self._lock:
                self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(security, "workspace_key", counted)


@pytest.fixture
def scrypt(monkeypatch) -> ScryptCounter:
    return ScryptCounter(monkeypatch)


def wrong_tries(store, name: str, n: int, **caller) -> list[str]:
    """`n` wrong passphrases in a row; the kind of answer each got ("wrong" or "locked")."""
    seen = []
    for _ in range(n):
        try:
            workspaces.open_workspace(store, name, WRONG, **caller)
        except WorkspaceLocked:
            seen.append("locked")
        except WorkspaceError:
            seen.append("wrong")
    return seen


def limit_row(store, kind: str, value: str) -> GuessLimit:
    key = workspaces._hashed(kind, value, workspaces.store_salt(store))
    with store.read() as s:
        return s.get(GuessLimit, key)


# ---------------------------------------------------------------- create and open


def test_passphrase_is_never_stored_in_clear(store):
    ws = make_workspace(store, "Clear Test")
    with store.read() as s:
        row = s.get(Workspace, ws.id)
    assert PASSPHRASE not in row.passphrase_hash
    assert row.passphrase_hash == security.workspace_key(PASSPHRASE, workspaces.store_salt(store), "clear test")


def test_open_with_the_right_passphrase_gives_a_session(store):
    ws = make_workspace(store, "Open Me")
    opened, token = workspaces.open_workspace(store, "  open   ME ", PASSPHRASE)
    assert opened.id == ws.id
    assert workspaces.workspace_for_token(store, token).id == ws.id
    workspaces.close_session(store, token)
    assert workspaces.workspace_for_token(store, token) is None


def test_names_are_not_unique_and_the_passphrase_tells_the_workspaces_apart(store):
    first = make_workspace(store, "Same Name")
    second = workspaces.create_workspace(store, WorkspaceProfile(name="same   NAME"), "another team's phrase")
    assert first.id != second.id
    assert workspaces.open_workspace(store, "Same Name", PASSPHRASE)[0].id == first.id
    assert workspaces.open_workspace(store, "Same Name", "another team's phrase")[0].id == second.id


def test_the_same_name_and_passphrase_twice_is_refused_and_costs_a_try(store):
    make_workspace(store, "Twice")
    before = limit_row(store, "name", "twice")
    with pytest.raises(WorkspaceError, match="exists already: open it"):
        workspaces.create_workspace(store, WorkspaceProfile(name="twice"), PASSPHRASE, client="203.0.113.9")
    # Finding a name and passphrase by creating costs what opening with them would: one counted try.
    assert limit_row(store, "name", "twice").in_window == (before.in_window if before else 0) + 1


def test_creating_says_the_same_whether_or_not_the_name_is_in_use(store):
    make_workspace(store, "Riverside Harm Reduction")
    taken = workspaces.create_workspace(store, WorkspaceProfile(name="Riverside Harm Reduction"), "our own phrase")
    free = workspaces.create_workspace(store, WorkspaceProfile(name="Lakeside Harm Reduction"), "our own phrase")
    assert (taken.name, free.name) == ("Riverside Harm Reduction", "Lakeside Harm Reduction")
    # And a successful creation leaves no trace in the name's counter: the name is not "tried".
    assert limit_row(store, "name", "lakeside harm reduction") is None


def test_the_demos_name_is_kept_for_the_demo(store):
    with pytest.raises(WorkspaceError, match="name of the demo"):
        workspaces.create_workspace(store, WorkspaceProfile(name=demo.demo_name().upper()), "a passphrase")
    ws = make_workspace(store, "Not The Demo")
    with pytest.raises(WorkspaceError, match="name of the demo"):
        workspaces.update_profile(store, ws.id, WorkspaceProfile(name=demo.demo_name()), passphrase=PASSPHRASE)


def test_creating_from_one_client_is_limited(store):
    for n in range(security.CREATE_LIMIT.per_window):
        workspaces.create_workspace(store, WorkspaceProfile(name=f"Org {n}"), PASSPHRASE, client="203.0.113.5")
    with pytest.raises(WorkspaceLocked):
        workspaces.create_workspace(store, WorkspaceProfile(name="One more"), PASSPHRASE, client="203.0.113.5")
    assert workspaces.create_workspace(store, WorkspaceProfile(name="Elsewhere"), PASSPHRASE, client="198.51.100.2")


def test_wrong_name_and_wrong_passphrase_get_the_same_message(store):
    make_workspace(store, "Real Org")
    with pytest.raises(WorkspaceError) as wrong_pass:
        workspaces.open_workspace(store, "Real Org", "not it at all")
    with pytest.raises(WorkspaceError) as wrong_name:
        workspaces.open_workspace(store, "No Such Org", PASSPHRASE)
    assert str(wrong_pass.value) == str(wrong_name.value)


def test_unknown_and_existing_names_cost_the_same_work(store, scrypt):
    """Same time: the same number of scrypt runs and the same database statements, in the same order."""
    make_workspace(store, "Existing Org")
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        before = scrypt.calls
        with pytest.raises(WorkspaceError):
            workspaces.open_workspace(store, "Existing Org", WRONG, client="203.0.113.1", browser="b" * 32)
        existing_runs, existing_sql = scrypt.calls - before, list(statements)
        statements.clear()
        before = scrypt.calls
        with pytest.raises(WorkspaceError):
            workspaces.open_workspace(store, "Unknown Org", WRONG, client="203.0.113.2", browser="c" * 32)
        unknown_runs, unknown_sql = scrypt.calls - before, list(statements)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert existing_runs == unknown_runs == 1
    assert existing_sql == unknown_sql


def test_unknown_and_existing_names_lock_alike(store):
    make_workspace(store, "Known Org")
    assert wrong_tries(store, "Known Org", 8) == wrong_tries(store, "Unknown Org", 8)
    assert wrong_tries(store, "Known Org", 1) == ["locked"]


def test_the_sixth_wrong_try_in_a_row_locks_and_no_check_runs_while_locked(store, scrypt):
    make_workspace(store, "Locky")
    assert wrong_tries(store, "Locky", 6) == ["wrong"] * 6
    runs = scrypt.calls
    with pytest.raises(WorkspaceLocked) as locked:
        workspaces.open_workspace(store, "Locky", PASSPHRASE)  # even the right passphrase waits
    assert locked.value.seconds == 60
    assert scrypt.calls == runs  # refused before the slow check


def test_a_lock_ends_and_the_right_passphrase_forgives_the_tries_in_a_row(store, clock):
    make_workspace(store, "Unlocky")
    assert wrong_tries(store, "Unlocky", 6)[-1] == "wrong"
    clock.advance(seconds=61)
    workspaces.open_workspace(store, "Unlocky", PASSPHRASE)
    row = limit_row(store, "name", "unlocky")
    assert (row.in_a_row, row.in_window, row.locked_until) == (0, 6, None)  # 6 wrong, the right one not counted


def test_thousands_of_failures_never_end_the_lock(store, clock):
    """main: OverflowError at the 48th failure in a row; the lock was never set again."""
    make_workspace(store, "Overflow Org")
    answers_seen = []
    for _ in range(60):
        clock.advance(hours=2)  # past any lock, and past the day's window every 12 tries
        answers_seen += wrong_tries(store, "Overflow Org", 1)
    assert answers_seen == ["wrong"] * 60
    row = limit_row(store, "name", "overflow org")
    assert row.in_a_row == 60 and row.locked_until == clock.now + timedelta(hours=1)
    assert wrong_tries(store, "Overflow Org", 1) == ["locked"]


def test_a_name_gets_at_most_30_tries_a_day_however_they_are_spread(store, clock):
    make_workspace(store, "Patient Target")
    tried = 0
    start = clock.now
    while clock.now < start + timedelta(hours=24):
        if wrong_tries(store, "Patient Target", 1, client=f"198.51.100.{tried % 200}") == ["wrong"]:
            tried += 1
        clock.advance(minutes=15)  # the attack of issue 14: one guess every 15 minutes, from many addresses
    assert tried == 30


def test_the_owner_gets_in_from_a_browser_that_opened_it_before_while_strangers_keep_it_locked(store, clock):
    ws = make_workspace(store, "Besieged")
    owner_browser = security.new_token()
    workspaces.open_workspace(store, "Besieged", PASSPHRASE, client="192.0.2.10", browser=owner_browser)
    for day in range(3):
        for guess in range(96):  # a wrong guess every 15 minutes, day and night
            if guess:
                clock.advance(minutes=15)
            wrong_tries(store, "Besieged", 1, client="203.0.113.66")
        assert wrong_tries(store, "Besieged", 1, client="203.0.113.67") == ["locked"]
        with pytest.raises(WorkspaceLocked):  # a new browser of the owner is locked out with everyone
            workspaces.open_workspace(store, "Besieged", PASSPHRASE, client="192.0.2.10", browser="new" * 11)
        opened, _ = workspaces.open_workspace(store, "Besieged", PASSPHRASE, client="192.0.2.10", browser=owner_browser)
        assert opened.id == ws.id, f"day {day}"
        clock.advance(minutes=15)


def test_a_known_browser_has_its_own_limit(store):
    make_workspace(store, "Own Limit")
    browser = security.new_token()
    workspaces.open_workspace(store, "Own Limit", PASSPHRASE, browser=browser)
    assert wrong_tries(store, "Own Limit", 7, browser=browser) == ["wrong"] * 6 + ["locked"]
    # A wrong passphrase opened none of its own workspaces, so it was a guess at the name as well.
    assert limit_row(store, "name", "own limit").in_window == 6
    # Its lock is its own: the right passphrase from it waits; strangers' allowance is the name's.
    with pytest.raises(WorkspaceLocked):
        workspaces.open_workspace(store, "Own Limit", PASSPHRASE, browser=browser)


def test_a_browser_made_to_know_a_namesake_gets_no_extra_guesses_at_the_victim(store):
    """Names are not unique: an attacker can create and open their own "Victim Org". Their browser's own
    allowance then opens only that one; guesses at the real one still meet the name's lock."""
    victim = make_workspace(store, "Victim Org")
    owner_browser = security.new_token()
    workspaces.open_workspace(store, "Victim Org", PASSPHRASE, browser=owner_browser)
    attacker_browser = security.new_token()
    namesake = workspaces.create_workspace(store, WorkspaceProfile(name="Victim Org"), "the attacker's own")
    workspaces.open_workspace(store, "Victim Org", "the attacker's own", browser=attacker_browser)

    assert wrong_tries(store, "Victim Org", 6, client="203.0.113.50") == ["wrong"] * 6  # the name is now locked
    # From the attacker's browser, a wrong guess and the victim's right passphrase get the same answer.
    assert wrong_tries(store, "Victim Org", 1, browser=attacker_browser) == ["locked"]
    with pytest.raises(WorkspaceLocked):
        workspaces.open_workspace(store, "Victim Org", PASSPHRASE, browser=attacker_browser)
    # Each browser still opens what it opened before: the attacker their namesake, the owner theirs.
    assert workspaces.open_workspace(store, "Victim Org", "the attacker's own", browser=attacker_browser)[0].id == (
        namesake.id
    )
    assert workspaces.open_workspace(store, "Victim Org", PASSPHRASE, browser=owner_browser)[0].id == victim.id


def test_one_client_trying_many_names_is_locked_for_all_of_them(store):
    for n in range(11):
        assert wrong_tries(store, f"Sprayed Org {n}", 1, client="203.0.113.99") == ["wrong"]
    assert wrong_tries(store, "Sprayed Org 12", 1, client="203.0.113.99") == ["locked"]
    assert wrong_tries(store, "Sprayed Org 12", 1, client="198.51.100.99") == ["wrong"]


def _parallel(store, name: str, guesses: list[str]) -> list[str]:
    barrier = threading.Barrier(len(guesses))

    def attempt(guess: str) -> str:
        barrier.wait()
        try:
            workspaces.open_workspace(store, name, guess)
            return "opened"
        except WorkspaceLocked:
            return "locked"
        except WorkspaceError:
            return "wrong"

    with ThreadPoolExecutor(max_workers=len(guesses)) as pool:
        return list(pool.map(attempt, guesses))


def test_parallel_guesses_never_pass_a_recorded_lock(store, scrypt):
    """main: 24 guesses sent at once were all checked, and the right one opened despite a 900 s lock."""
    make_workspace(store, "Parallel Target")
    assert wrong_tries(store, "Parallel Target", 6)[-1] == "wrong"  # a 1-minute lock is now recorded
    runs = scrypt.calls
    results = _parallel(store, "Parallel Target", [WRONG] * 23 + [PASSPHRASE])
    assert results == ["locked"] * 24
    assert scrypt.calls == runs


def test_parallel_guesses_from_scratch_get_the_free_tries_and_no_more(store, scrypt):
    make_workspace(store, "Fresh Target")
    runs = scrypt.calls
    results = _parallel(store, "Fresh Target", [WRONG] * 24)
    # Tries 1-5 are free, the 6th is checked and sets the lock; all 18 others are refused unchecked.
    assert sorted(results) == ["locked"] * 18 + ["wrong"] * 6
    assert scrypt.calls - runs == 6
    assert limit_row(store, "name", "fresh target").in_window == 6


# ---------------------------------------------------------------- recovery codes


def test_recovery_codes_are_stored_hashed_and_each_resets_the_passphrase_once(store):
    ws = make_workspace(store, "Forgetful")
    codes = workspaces.issue_recovery_codes(store, ws.id)
    assert len(codes) == security.RECOVERY_CODES == len(set(codes))
    with store.read() as s:
        stored = [r.code_hash for r in s.exec(select(RecoveryCode).where(RecoveryCode.workspace_id == ws.id))]
    assert sorted(stored) == sorted(security.token_hash(c) for c in codes)
    assert not set(codes) & set(stored)

    opened, token = workspaces.recover_workspace(store, "forgetful", codes[0].lower(), "a brand new phrase")
    assert opened.id == ws.id and workspaces.workspace_for_token(store, token).id == ws.id
    assert workspaces.open_workspace(store, "Forgetful", "a brand new phrase")[0].id == ws.id
    with pytest.raises(WorkspaceError, match="do not match"):
        workspaces.open_workspace(store, "Forgetful", PASSPHRASE)
    with pytest.raises(WorkspaceError, match="used already"):
        workspaces.recover_workspace(store, "Forgetful", codes[0], "yet another phrase")
    assert workspaces.recovery_codes_left(store, ws.id) == security.RECOVERY_CODES - 1


def test_a_recovery_code_works_only_with_its_workspaces_name(store):
    mine = make_workspace(store, "Mine")
    make_workspace(store, "Theirs")
    code = workspaces.issue_recovery_codes(store, mine.id)[0]
    with pytest.raises(WorkspaceError, match="do not match"):
        workspaces.recover_workspace(store, "Theirs", code, "taken over phrase")
    with pytest.raises(WorkspaceError, match="do not match"):
        workspaces.recover_workspace(store, "Mine", "00000-00000-00000-00000", "taken over phrase")
    assert workspaces.recovery_codes_left(store, mine.id) == security.RECOVERY_CODES


def test_recovering_ends_every_session_and_forgets_every_browser(store):
    ws = make_workspace(store, "Compromised")
    code = workspaces.issue_recovery_codes(store, ws.id)[0]
    thief_browser = security.new_token()
    _, thief = workspaces.open_workspace(store, "Compromised", PASSPHRASE, browser=thief_browser)
    workspaces.recover_workspace(store, "Compromised", code, "only the owner knows")
    assert workspaces.workspace_for_token(store, thief) is None
    with store.read() as s:
        assert s.get(KnownBrowser, (security.token_hash(thief_browser), ws.id)) is None


def test_recovery_works_while_the_name_is_locked_by_strangers(store):
    ws = make_workspace(store, "Locked Out")
    code = workspaces.issue_recovery_codes(store, ws.id)[0]
    wrong_tries(store, "Locked Out", 10, client="203.0.113.66")
    assert wrong_tries(store, "Locked Out", 1) == ["locked"]
    opened, _ = workspaces.recover_workspace(store, "Locked Out", code, "back in again", client="192.0.2.1")
    assert opened.id == ws.id


def test_regenerated_codes_replace_the_old_ones_and_need_the_passphrase(store):
    ws = make_workspace(store, "Regen")
    old = workspaces.issue_recovery_codes(store, ws.id)
    with pytest.raises(WorkspaceError, match="not right"):
        workspaces.regenerate_recovery_codes(store, ws.id, WRONG)
    new = workspaces.regenerate_recovery_codes(store, ws.id, PASSPHRASE)
    assert not set(old) & set(new)
    with pytest.raises(WorkspaceError):
        workspaces.recover_workspace(store, "Regen", old[1], "another new phrase")
    workspaces.recover_workspace(store, "Regen", new[1], "another new phrase")


def test_recovery_tries_from_one_client_are_limited(store):
    make_workspace(store, "Guarded")
    for _ in range(security.RECOVERY_LIMIT.free + 1):
        with pytest.raises(WorkspaceError, match="do not match"):
            workspaces.recover_workspace(store, "Guarded", security.new_recovery_code(), "new phrase!", client="x")
    with pytest.raises(WorkspaceLocked):
        workspaces.recover_workspace(store, "Guarded", security.new_recovery_code(), "new phrase!", client="x")


# ---------------------------------------------------------------- sessions


def test_idle_sessions_expire(store, clock):
    ws = make_workspace(store, "Sleepy")
    token = workspaces.start_session(store, ws.id)
    clock.advance(hours=12, minutes=1)
    assert workspaces.workspace_for_token(store, token) is None
    assert workspaces.workspace_for_token(store, "") is None
    assert workspaces.workspace_for_token(store, "x" * 500) is None


def test_a_session_used_every_11_hours_still_ends_after_30_days(store, clock):
    """main: a session used every 11 hours was still valid after 27 days."""
    ws = make_workspace(store, "Busy")
    token = workspaces.start_session(store, ws.id)
    for _ in range(65):  # 65 x 11 h = 29.8 days
        clock.advance(hours=11)
        assert workspaces.workspace_for_token(store, token).id == ws.id
    clock.advance(hours=11)  # 32.7 days
    assert workspaces.workspace_for_token(store, token) is None


def test_changing_the_passphrase_ends_every_other_session(store):
    ws = make_workspace(store, "Rekey")
    _, mine = workspaces.open_workspace(store, "Rekey", PASSPHRASE)
    _, theirs = workspaces.open_workspace(store, "Rekey", PASSPHRASE)
    other_browser = security.new_token()
    workspaces.open_workspace(store, "Rekey", PASSPHRASE, browser=other_browser)
    workspaces.change_passphrase(store, ws.id, PASSPHRASE, "new passphrase", keep_token=mine)
    assert workspaces.workspace_for_token(store, mine).id == ws.id
    assert workspaces.workspace_for_token(store, theirs) is None
    assert workspaces.session_count(store, ws.id) == 1
    with store.read() as s:
        assert s.exec(select(KnownBrowser).where(KnownBrowser.workspace_id == ws.id)).all() == []
    assert workspaces.open_workspace(store, "Rekey", "new passphrase")[0].id == ws.id


def test_changing_the_passphrase_is_attempt_limited(store, scrypt):
    """main: 20 wrong current passphrases, then the right one worked."""
    ws = make_workspace(store, "Stolen Session")
    seen = []
    for _ in range(20):
        try:
            workspaces.change_passphrase(store, ws.id, WRONG, "attacker's phrase", client="203.0.113.4")
        except WorkspaceLocked:
            seen.append("locked")
        except WorkspaceError:
            seen.append("wrong")
    assert seen == ["wrong"] * 6 + ["locked"] * 14
    runs = scrypt.calls
    with pytest.raises(WorkspaceLocked):
        workspaces.change_passphrase(store, ws.id, PASSPHRASE, "attacker's phrase", client="203.0.113.4")
    assert scrypt.calls == runs


def test_sign_out_everywhere_ends_every_session(store):
    ws = make_workspace(store, "Everywhere")
    tokens = [workspaces.open_workspace(store, "Everywhere", PASSPHRASE)[1] for _ in range(3)]
    other = make_workspace(store, "Bystander")
    _, bystander = workspaces.open_workspace(store, "Bystander", PASSPHRASE)
    workspaces.sign_out_everywhere(store, ws.id)
    assert [workspaces.workspace_for_token(store, t) for t in tokens] == [None, None, None]
    assert workspaces.workspace_for_token(store, bystander).id == other.id


# ---------------------------------------------------------------- older hashes, the demo, profile, delete


def test_a_workspace_with_a_hash_from_before_opens_and_gets_a_key(store):
    ws = make_workspace(store, "Old Timer")
    with store.write() as s:  # as the store held it before migration j14_security
        row = s.get(Workspace, ws.id)
        row.passphrase_hash = security.hash_passphrase(PASSPHRASE, n=security.SCRYPT_N)
        s.add(row)
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "Old Timer", WRONG)
    assert workspaces.open_workspace(store, "Old Timer", PASSPHRASE)[0].id == ws.id
    assert workspaces.get_workspace(store, ws.id).passphrase_hash.startswith("wsk1$")
    assert workspaces.open_workspace(store, "Old Timer", PASSPHRASE)[0].id == ws.id


def test_a_hash_with_hostile_cost_parameters_never_opens(store):
    ws = make_workspace(store, "Hostile Hash")
    cost = f"${security.SCRYPT_N}$8$"
    hostile = security.hash_passphrase(PASSPHRASE, n=security.SCRYPT_N).replace(cost + "1$", cost + "2000$")
    with store.write() as s:
        row = s.get(Workspace, ws.id)
        row.passphrase_hash = hostile
        s.add(row)
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "Hostile Hash", PASSPHRASE)


def test_the_demos_name_passphrase_and_sessions_stay_as_they_are(store):
    # The demo's workspace as core.demo.create_demo makes it, without the steps filled in.
    profile = WorkspaceProfile(name=demo.demo_name())
    workspace = workspaces.create_workspace(store, profile, demo.DEMO_PASSPHRASE, is_demo=True)
    with pytest.raises(WorkspaceError, match="open to everyone"):
        workspaces.change_passphrase(store, workspace.id, demo.DEMO_PASSPHRASE, "taken over!")
    with pytest.raises(WorkspaceError, match="open to everyone"):
        workspaces.update_profile(store, workspace.id, WorkspaceProfile(name="Victim Org"), passphrase="x" * 8)
    with pytest.raises(WorkspaceError, match="open to everyone"):
        workspaces.issue_recovery_codes(store, workspace.id)
    with pytest.raises(WorkspaceError, match="open to everyone"):
        workspaces.sign_out_everywhere(store, workspace.id)
    kept = workspaces.update_profile(store, workspace.id, WorkspaceProfile(name=workspace.name, state="Texas"))
    assert (kept.name, kept.state) == (workspace.name, "Texas")


def test_profile_is_validated_against_the_choices():
    with pytest.raises(ValidationError, match="not in the list of states"):
        WorkspaceProfile(name="X", state="Atlantis")
    with pytest.raises(ValidationError, match="organization types"):
        WorkspaceProfile(name="X", org_type="bank")
    with pytest.raises(ValidationError, match="Unknown populations"):
        WorkspaceProfile(name="X", populations=["martians"])
    with pytest.raises(ValidationError, match="Organization name is required"):
        WorkspaceProfile(name="  ")
    assert WorkspaceProfile(name="X", populations=["youth", "youth"]).populations == ["youth"]


def test_short_passphrase_is_refused(store):
    with pytest.raises(ValueError, match="at least 8"):
        workspaces.create_workspace(store, WorkspaceProfile(name="Shorty"), "abc")


def test_renaming_needs_the_passphrase_and_the_new_name_opens_it(store):
    one = make_workspace(store, "First")
    with pytest.raises(WorkspaceError, match="Type the passphrase"):
        workspaces.update_profile(store, one.id, WorkspaceProfile(name="First, renamed"))
    with pytest.raises(WorkspaceError, match="not right"):
        workspaces.update_profile(store, one.id, WorkspaceProfile(name="First, renamed"), passphrase=WRONG)
    renamed = workspaces.update_profile(
        store, one.id, WorkspaceProfile(name="First, renamed", state="Texas"), passphrase=PASSPHRASE
    )
    assert (renamed.name, renamed.state) == ("First, renamed", "Texas")
    assert workspaces.open_workspace(store, "first, RENAMED", PASSPHRASE)[0].id == one.id
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "First", PASSPHRASE)
    # Changing only case or spacing keeps the key: no passphrase needed.
    assert workspaces.update_profile(store, one.id, WorkspaceProfile(name="FIRST,  renamed")).name == "FIRST, renamed"


def test_renaming_onto_a_name_with_the_same_passphrase_is_refused(store):
    make_workspace(store, "Second")
    one = make_workspace(store, "First")
    with pytest.raises(WorkspaceError, match="same passphrase"):
        workspaces.update_profile(store, one.id, WorkspaceProfile(name="second"), passphrase=PASSPHRASE)
    assert workspaces.get_workspace(store, one.id).name == "First"


def test_delete_needs_the_name_and_removes_every_row(store):
    ws = make_workspace(store, "Doomed")
    keep = make_workspace(store, "Kept")
    answers.save_text(store, ws.id, "s", "p", "text")
    answers.add_record(store, ws.id, "partner", {"name": "x"})
    answers.save_text(store, keep.id, "s", "p", "kept text")
    workspaces.start_session(store, ws.id)
    workspaces.issue_recovery_codes(store, ws.id)
    with pytest.raises(WorkspaceError, match="does not match"):
        workspaces.delete_workspace(store, ws.id, "Doom")
    workspaces.delete_workspace(store, ws.id, "doomed")
    with store.read() as s:
        for table in (TextAnswer, TextRevision, Record, WorkspaceSession, RecoveryCode):
            assert s.exec(select(table).where(table.workspace_id == ws.id)).all() == []
    assert answers.get_text(store, keep.id, "s", "p") == "kept text"
