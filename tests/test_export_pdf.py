"""The printable checklist: read the PDF back with pypdf and check what counsel will hold.

Text extraction of a table is approximate (cells come out in drawing order), so the checks
normalise whitespace and look for each notice's own strings rather than a layout.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from notifyplanner.cli import SAMPLE_INCIDENT, main
from notifyplanner.engine import plan as make_plan
from notifyplanner.export.pdf import plan_to_pdf, text
from notifyplanner.incident_file import read_incident
from notifyplanner.model import Plan, Rulebook, Status
from notifyplanner.report import deadline_text

AS_OF = date(2026, 10, 5)


@pytest.fixture(scope="module")
def sample_plan(rulebook: Rulebook) -> Plan:
    return make_plan(read_incident(SAMPLE_INCIDENT), rulebook)


@pytest.fixture(scope="module")
def sample_pdf(sample_plan: Plan) -> bytes:
    return plan_to_pdf(sample_plan, as_of=AS_OF)


def pages(payload: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(payload))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_is_a_landscape_pdf(sample_pdf: bytes):
    assert sample_pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(sample_pdf))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    assert (
        reader.metadata.title == "Notification checklist: Sample: telehealth pharmacy ransomware (fictional)"
    )


def test_same_plan_same_bytes(sample_plan: Plan, sample_pdf: bytes):
    assert plan_to_pdf(sample_plan, as_of=AS_OF) == sample_pdf


def test_every_page_has_the_footer(sample_plan: Plan, sample_pdf: bytes):
    found = pages(sample_pdf)
    for number, page in enumerate(found, start=1):
        assert sample_plan.incident.name in page
        assert f"As of {AS_OF.isoformat()}" in page
        assert f"Page {number} of {len(found)}" in page


def test_facts_and_controlling_deadline_open_the_first_page(sample_plan: Plan, sample_pdf: bytes):
    first = pages(sample_pdf)[0]
    assert "Notification checklist: Sample: telehealth pharmacy ransomware (fictional)" in first
    assert "Discovered 2026-10-02" in first
    assert "People affected 2,300,000" in first
    assert "Controlling deadline: 2026-10-12 (7 days from 2026-10-05); send by 2026-10-09" in first
    owed = [o for o in sample_plan.obligations if o.status is not Status.NOT_REQUIRED]
    assert f"Notices owed or undetermined ({len(owed)})" in first


def test_each_owed_or_undetermined_notice_has_a_row(sample_plan: Plan, sample_pdf: bytes):
    body = " ".join(pages(sample_pdf))
    owed_part = body.split("Examined and not required")[0]
    owed = [o for o in sample_plan.obligations if o.status is not Status.NOT_REQUIRED]
    headings = re.findall(
        r"# Where Recipient and office Deadline and send-by How to file Sent on Initials", owed_part
    )
    assert headings, "the header repeats on each page of the table"
    for ob in owed:
        assert ob.office in owed_part, ob.key
        assert deadline_text(ob) in owed_part, ob.key
        if ob.practical_send_by and ob.deadline and ob.practical_send_by < ob.deadline:
            assert f"Send by {ob.practical_send_by.isoformat()}" in owed_part
    assert "UNDETERMINED" in owed_part


def test_not_required_notices_come_with_their_reason(sample_plan: Plan, sample_pdf: bytes):
    body = " ".join(pages(sample_pdf))
    not_owed_part = body.split("Examined and not required")[1].split("Citations and computations")[0]
    for ob in sample_plan.by_status(Status.NOT_REQUIRED):
        assert " ".join(ob.reason.split()) in not_owed_part, ob.key


def test_citations_come_last(sample_plan: Plan, sample_pdf: bytes):
    body = " ".join(pages(sample_pdf))
    citations = body.split("Citations and computations")[1]
    for ob in sample_plan.obligations:
        assert ob.citation.cite in citations, ob.key
    assert "not legal advice" in body


USER_MARKUP = '<b>Acme & Co</b> <font size="40">big</font> <br/> & done'


def test_user_text_is_printed_as_typed_never_as_markup(sample_plan: Plan):
    incident = replace(sample_plan.incident, name=USER_MARKUP, notes="Line one\nLine <two> & three")
    found = pages(plan_to_pdf(replace(sample_plan, incident=incident), as_of=AS_OF))
    assert f"Notification checklist: {USER_MARKUP}" in found[0]
    assert "Line one Line <two> & three" in found[0]
    for page in found[1:]:
        assert "<b>Acme & Co</b>" in page, "the footer prints the name as typed"


def test_text_escapes_reportlab_markup():
    assert text("<b>x</b> & y\nz") == "&lt;b&gt;x&lt;/b&gt; &amp; y<br/>z"


def test_control_characters_are_dropped_not_printed_as_boxes(sample_plan: Plan):
    assert text("a\x00b\x07c\td\r\ne") == "abc d<br/>e"
    incident = replace(sample_plan.incident, name="Bad\x00 name\x1b")
    found = pages(plan_to_pdf(replace(sample_plan, incident=incident), as_of=AS_OF))
    assert "Notification checklist: Bad name" in found[0]
    assert "Bad name" in found[-1], "and in the footer"


def test_a_long_name_is_shortened_in_the_footer_but_whole_in_the_title(sample_plan: Plan):
    name = "A very long incident name " * 12
    incident = replace(sample_plan.incident, name=name)
    found = pages(plan_to_pdf(replace(sample_plan, incident=incident), as_of=AS_OF))
    assert " ".join(name.split()) in found[0]
    assert "..." in found[-1]
    assert f"Page {len(found)} of {len(found)}" in found[-1]


def test_as_of_date_counts_days_past(sample_plan: Plan):
    first = pages(plan_to_pdf(sample_plan, as_of=date(2026, 10, 20)))[0]
    assert "Controlling deadline: 2026-10-12 (8 days past, as of 2026-10-20)" in first


# --------------------------------------------------------------------------- command line


def test_cli_writes_the_checklist_as_of_today(tmp_path: Path, capsys):
    out = tmp_path / "checklist.pdf"
    assert main(["plan", str(SAMPLE_INCIDENT), "--today", "2026-10-05", "--pdf", str(out)]) == 0
    found = pages(out.read_bytes())
    assert all("As of 2026-10-05" in page for page in found)
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_names_a_folder_given_as_the_file(tmp_path: Path, capsys):
    assert main(["plan", str(SAMPLE_INCIDENT), "--pdf", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"notifyplanner: {tmp_path}: cannot write the checklist")


def test_a_register_case_checklist_names_its_log_head_on_every_page(sample_plan: Plan):
    head = "ab" * 32
    found = [p.replace(" ", "") for p in pages(plan_to_pdf(sample_plan, as_of=AS_OF, log_head=head))]
    assert len(found) > 1 and all(head in page for page in found)
    assert not any(
        "Registerloghead" in p.replace(" ", "") for p in pages(plan_to_pdf(sample_plan, as_of=AS_OF))
    )


SECTOR_SAMPLE = (
    Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
)


def test_hours_clock_notices_print_their_time_and_offset(rulebook: Rulebook):
    """NYDFS's 72 hours end at 08:00 EST: the checklist prints the instant, not only its day."""
    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    body = " ".join(pages(plan_to_pdf(sector, as_of=date(2026, 10, 30))))
    assert "Controlling deadline: 2026-11-01 11:00 (UTC-05:00)" in body
    owed_part = body.split("Examined and not required")[0]
    for key, shown in [
        ("NYDFS/superintendent", "2026-11-02 08:00 (UTC-05:00)"),
        ("SEC-8K/sec", "2026-12-01 17:30 (UTC-05:00)"),
        ("EU-GDPR/supervisory_authority", "2026-11-01 21:40 (UTC-05:00)"),
    ]:
        assert shown in owed_part, key


def test_the_entity_profile_is_among_the_incident_facts(rulebook: Rulebook):
    """The checklist names the facts the sector notices rest on, and says "not given" for
    a missing one rather than leaving it out."""
    from notifyplanner.model import Incident

    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    first = pages(plan_to_pdf(sector, as_of=date(2026, 10, 30)))[0]
    assert "Entity role Any other business" in first
    assert "Entity profile Public company" in first
    assert "Insurance domicile NY (New York)" in first
    assert "Time zone America/New_York" in first
    assert "discovered at 2026-10-29 22:40 (UTC-04:00)" in first
    assert "8-K materiality date 2026-11-24" in first
    bare = pages(plan_to_pdf(make_plan(Incident(name="bare"), rulebook), as_of=AS_OF))[0]
    assert "Entity profile not given" in bare
    assert "Time zone not given" in bare
    assert "Organisation name not given" in bare


def test_an_office_that_repeats_the_notice_label_is_printed_once(rulebook: Rulebook):
    """Rendered on 2026-12-03: NYDFS's notices printed "New York Superintendent of Financial
    Services: notice of an extortion payment" twice in one cell, label and office alike."""
    sector = make_plan(read_incident(SECTOR_SAMPLE), rulebook)
    owed = " ".join(pages(plan_to_pdf(sector, as_of=date(2026, 10, 30)))).split("Examined and not required")[
        0
    ]
    once = "New York Superintendent of Financial Services: notice of an extortion payment"
    assert owed.count(once) == 2, "the controlling line and its checklist row, not a third time"
    assert "Affected individuals Affected New York residents" in owed, "a different office stays"


def test_a_notice_to_individuals_is_not_called_a_filing(sample_plan: Plan, sample_pdf: bytes):
    """Rendered on 2026-12-03: every letter row's "How to file" said "No filing channel in
    the rules", as if a regulator's portal were missing; a letter is not filed anywhere."""
    from notifyplanner.export.common import filing_text
    from notifyplanner.model import Recipient

    letters = [o for o in sample_plan.obligations if o.recipient is Recipient.INDIVIDUALS and not o.filing]
    regulators = [
        o for o in sample_plan.obligations if o.recipient is not Recipient.INDIVIDUALS and not o.filing
    ]
    assert letters
    assert all(
        filing_text(o) == "Notice to each person; see the citation for the forms allowed." for o in letters
    )
    assert all(filing_text(o) == "No filing channel in the rules; see the citation." for o in regulators)
    owed = " ".join(pages(sample_pdf)).split("Examined and not required")[0]
    assert "Notice to each person; see the citation for the forms allowed." in owed


# --------------------------------------------------------------------------- a register case's record


@pytest.fixture(scope="module")
def hims_pdf(rulebook: Rulebook) -> tuple[Plan, str]:
    from tests.recorded import AS_OF as HIMS_AS_OF
    from tests.recorded import HIMS, hims_records

    result = make_plan(read_incident(HIMS), rulebook)
    payload = plan_to_pdf(result, as_of=HIMS_AS_OF, records=hims_records(result))
    return result, " ".join(pages(payload))


def test_the_sent_on_box_shows_the_recorded_date_method_and_reference(hims_pdf):
    _, body = hims_pdf
    owed = body.split("Examined and not required")[0]
    assert "Sent 2026-04-02 mail USPS 9400" in owed
    assert "Sent 2026-04-02 portal OCR portal #123" in owed
    assert "late, 26 days" in owed and "on time" in owed
    # A notice sent is not counted down as if still owed.
    california = owed[owed.index("Affected individuals") : owed.index("Attorney General")]
    assert "days past" not in california


def test_a_decision_not_to_send_says_so_on_the_checklist(hims_pdf):
    from tests.recorded import SKIP_REASON

    _, body = hims_pdf
    owed = body.split("Examined and not required")[0]
    assert "Decided not to send" in owed
    assert SKIP_REASON.split()[0] in owed


def test_the_checklist_names_the_earliest_deadline_still_open(hims_pdf):
    _, body = hims_pdf
    first = body.split("Notices owed or undetermined")[0]
    assert "Controlling deadline: 2026-03-07" in first
    assert "recorded sent 2026-04-02" in first
    assert "Earliest deadline still open: 2026-03-22 (29 days past, as of 2026-04-20)" in first
    assert "California, Attorney General" in first
    assert "Notices owed or undetermined (10; 3 recorded sent, 1 decided not to send)" in body


def test_a_plain_checklist_has_empty_sent_on_boxes(sample_pdf: bytes):
    body = " ".join(pages(sample_pdf))
    assert "still open" not in body and "Decided not to send" not in body and "recorded sent" not in body
