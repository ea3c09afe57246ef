"""The hash chain: any change to any entry, any removal, any reordering is caught, and the
first bad entry is named."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from notifyplanner.register.audit import GENESIS, canonical_json, entry_hash, utc_text, verify_chain
from notifyplanner.register.cases import safe_name
from notifyplanner.register.records import AuditEntry

START = datetime(2026, 4, 2, 9, tzinfo=UTC)


def chain(details: list[dict]) -> list[AuditEntry]:
    out, prev = [], GENESIS
    for seq, detail in enumerate(details, start=1):
        at = START + timedelta(minutes=seq)
        digest = entry_hash(7, seq, utc_text(at), "alice", "notice_sent", detail, prev)
        out.append(AuditEntry(7, seq, at, "alice", "notice_sent", detail, prev, digest))
        prev = digest
    return out


details = st.lists(
    st.dictionaries(st.sampled_from(["key", "sent_on", "note"]), st.text(max_size=8)), min_size=2, max_size=8
)


def test_canonical_json_sorts_keys_and_keeps_utc():
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'
    assert utc_text(datetime(2026, 4, 2, 12, tzinfo=UTC)) == "2026-04-02T12:00:00.000000Z"


@given(details, st.data())
def test_an_edited_entry_is_named(items, data):
    entries = chain(items)
    victim = data.draw(st.integers(0, len(entries) - 1))
    entries[victim] = replace(entries[victim], who="mallory")
    result = verify_chain(7, entries)
    assert not result.ok and result.first_bad == victim + 1


@given(details, st.data())
def test_a_removed_entry_is_named(items, data):
    entries = chain(items)
    victim = data.draw(st.integers(0, len(entries) - 2))  # the last one is caught by the count
    del entries[victim]
    result = verify_chain(7, entries)
    assert not result.ok and result.first_bad == victim + 1


@given(details, st.data())
def test_swapped_entries_are_named(items, data):
    entries = chain(items)
    i = data.draw(st.integers(0, len(entries) - 2))
    entries[i], entries[i + 1] = entries[i + 1], entries[i]
    result = verify_chain(7, entries)
    assert not result.ok and result.first_bad == i + 1


@given(details)
def test_an_intact_chain_verifies_and_ends_at_its_head(items):
    entries = chain(items)
    result = verify_chain(7, entries, len(entries), entries[-1].hash)
    assert result.ok and result.head == entries[-1].hash


def test_a_cut_off_tail_is_caught_by_the_recorded_count():
    entries = chain([{"n": "1"}, {"n": "2"}, {"n": "3"}])
    result = verify_chain(7, entries[:2], 3, entries[-1].hash)
    assert not result.ok and result.first_bad == 3


def test_evidence_names_are_written_without_folders_or_hidden_files():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\\\letters\\\\.bashrc") == "bashrc"
    assert safe_name("letter (final).pdf") == "letter _final_.pdf"
    assert safe_name("...") == "file"
