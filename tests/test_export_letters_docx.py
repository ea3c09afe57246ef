"""Issue 14, drafts: read each Word draft back and check it against its group."""

import io
import json
from datetime import date

import pytest
from docx import Document

from notifyplanner.engine import plan
from notifyplanner.export.letters_docx import bookmarks, letter_docx
from notifyplanner.letter_groups import letter_groups
from notifyplanner.letter_rules import CA_HEADINGS
from notifyplanner.letter_text import FORMAT_ONLY, LetterTemplateError, clean, load_templates
from notifyplanner.model import DataElement, EntityFacts, EntityRole, Incident, LawEnforcementDelay

FOUR = {"CA": 900, "MA": 300, "RI": 600, "NY": 1200}


def _incident(role=EntityRole.BUSINESS, elements=(DataElement.NAME, DataElement.SSN), **kw):
    base = dict(
        name="Payroll vendor ransomware",
        entity_role=role,
        discovered=date(2026, 3, 2),
        determined=date(2026, 3, 2),
        breach_start=date(2026, 2, 20),
        breach_end=date(2026, 2, 22),
        data_elements=frozenset(elements),
        source_of_breach=True,
        residents=FOUR,
    )
    base.update(kw)
    return Incident(**base)


def _drafts(rulebook, incident):
    templates = load_templates()
    out = []
    for number, group in enumerate(letter_groups(plan(incident, rulebook), rulebook=rulebook), 1):
        payload, placeholders = letter_docx(group, incident, templates, number)
        out.append((group, payload, placeholders))
    return out


def _text(payload):
    doc = Document(io.BytesIO(payload))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _letter_text(payload):
    """The letter without its checklist page (which names forbidden elements on purpose)."""
    doc = Document(io.BytesIO(payload))
    out = []
    for p in doc.paragraphs:
        if p.text.startswith("Checklist for letter"):
            break
        out.append(p.text)
    return "\n".join(out)


@pytest.mark.parametrize("role", [EntityRole.BUSINESS, EntityRole.COVERED_ENTITY])
def test_every_required_element_is_in_each_draft_and_no_forbidden_one(rulebook, role):
    elements = (DataElement.NAME, DataElement.SSN, DataElement.MEDICAL)
    for group, payload, _ in _drafts(rulebook, _incident(role, elements)):
        marked = bookmarks(payload)
        for element in group.required_ids:
            if element in FORMAT_ONLY and element not in ("title_notice_of_data_breach", "headings_ca"):
                continue
            assert element in marked, (group.jurisdictions, element)
        assert not set(group.forbidden_ids) & marked, group.jurisdictions


def test_the_california_letter_has_its_title_five_headings_and_ten_point_type(rulebook):
    group, payload, _ = _drafts(rulebook, _incident())[0]
    assert "CA" in group.jurisdictions
    doc = Document(io.BytesIO(payload))
    assert doc.paragraphs[0].text == "Notice of Data Breach"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert all(h in headings for h in CA_HEADINGS)
    sizes = [s.font.size.pt for s in doc.styles if getattr(s, "font", None) is not None and s.font.size]
    sizes += [r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size]
    assert min(sizes) >= 10


def test_the_massachusetts_letter_leaves_out_the_nature_and_the_count_and_the_checklist_says_so(rulebook):
    incident = _incident(total_affected=3000)
    _ma_group, payload, _ = next(d for d in _drafts(rulebook, incident) if d[0].jurisdictions == ("MA",))
    letter = _letter_text(payload)
    assert "3,000" not in letter and "What Happened" not in letter
    assert "WHAT HAPPENED" not in letter  # not even a placeholder for the description
    checklist = _text(payload).split("Checklist for letter")[1]
    assert "Left out" in checklist and "93H, § 3(b)" in checklist
    assert "18 months" in letter


def test_facts_fill_the_letter_and_missing_ones_are_highlighted_placeholders(rulebook):
    _group, payload, placeholders = _drafts(rulebook, _incident())[0]
    text = _letter_text(payload)
    assert "between 2026-02-20 and 2026-02-22" in text  # the breach dates, from the incident
    assert "We discovered the incident on 2026-03-02." in text
    assert "12 months" in text  # California's offer (source of the breach, SSN)
    assert "[WHAT HAPPENED: DESCRIBE THE INCIDENT IN GENERAL TERMS]" in text
    assert "WHAT HAPPENED: DESCRIBE THE INCIDENT IN GENERAL TERMS" in placeholders
    doc = Document(io.BytesIO(payload))
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted and all(t.startswith("[") and t.endswith("]") for t in highlighted)


def test_a_recorded_law_enforcement_delay_is_stated_not_a_placeholder(rulebook):
    incident = _incident(law_enforcement_delay=LawEnforcementDelay("written", date(2026, 3, 5)))
    _group, payload, _placeholders = _drafts(rulebook, incident)[0]
    assert "delayed at the request of law enforcement" in _letter_text(payload)


def test_text_for_a_document_loses_characters_xml_cannot_hold():
    assert clean("Acme\x00 Corp\x1b\u2014 Inc.") == "Acme Corp\u2014 Inc."


def test_a_users_template_folder_without_a_paragraph_is_refused_with_the_field_named(tmp_path):
    data = json.loads((load_templates().folder / "paragraphs.json").read_text(encoding="utf-8"))
    del data["elements"]["police_report_right"]
    (tmp_path / "paragraphs.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LetterTemplateError, match="police_report_right"):
        load_templates(tmp_path)


def test_a_users_template_folder_changes_the_wording(rulebook, tmp_path):
    data = json.loads((load_templates().folder / "paragraphs.json").read_text(encoding="utf-8"))
    data["elements"]["police_report_right"] = "Our own police-report wording."
    (tmp_path / "paragraphs.json").write_text(json.dumps(data), encoding="utf-8")
    incident = _incident()
    group = letter_groups(plan(incident, rulebook), rulebook=rulebook)[1]
    payload, _ = letter_docx(group, incident, load_templates(tmp_path))
    assert "Our own police-report wording." in _letter_text(payload)


def test_bookmarks_never_precede_a_paragraphs_properties(rulebook):
    """w:pPr must be a paragraph's first child; LibreOffice refused drafts where the
    element bookmark came first."""
    from docx.oxml.ns import qn

    for _, payload, _ in _drafts(rulebook, _incident()):
        body = Document(io.BytesIO(payload)).element.body
        for p in body.iter(qn("w:p")):
            children = list(p)
            ppr = [i for i, c in enumerate(children) if c.tag == qn("w:pPr")]
            assert ppr in ([], [0])


def test_the_checklist_page_states_each_members_own_deadline(rulebook):
    for group, payload, _ in _drafts(rulebook, _incident()):
        text = _text(payload)
        assert group.deadlines
        for member in group.deadlines:
            assert f"{member.jurisdiction} ({member.notice}): {member.text}" in text
        assert "Send by" not in _letter_text(payload)  # counsel's page, not the residents' letter


ACME = EntityFacts(
    name="Acme Payroll LLC",
    phone="555-0100",
    toll_free_phone="1-800-555-0199",
    email="privacy@acme.example",
    postal_address="1 Main St, Springfield, IL 62701",
    what_happened="An intruder encrypted the payroll server and copied files.",
    steps_taken="We reset every password and hired a forensic firm.",
)


def test_the_entitys_facts_fill_the_drafts_instead_of_placeholders(rulebook):
    drafts = _drafts(rulebook, _incident(entity=ACME))
    shared, payload, placeholders = drafts[0]
    text = _letter_text(payload)
    assert "Acme Payroll LLC is writing to tell you" in text
    assert ACME.what_happened in text
    for hint in ("NAME OF YOUR ORGANIZATION", "WHAT HAPPENED: DESCRIBE THE INCIDENT IN GENERAL TERMS"):
        assert hint not in placeholders and f"[{hint}]" not in text
    assert "RECIPIENT NAME" in placeholders  # facts the file does not hold stay placeholders
    if "contact_info_entity" in shared.required_ids:
        assert "1 Main St, Springfield, IL 62701, telephone 555-0100" in text


def test_the_steps_taken_fill_the_hipaa_letter(rulebook):
    elements = (DataElement.NAME, DataElement.SSN, DataElement.MEDICAL)
    group, payload, placeholders = _drafts(
        rulebook, _incident(EntityRole.COVERED_ENTITY, elements, entity=ACME)
    )[0]
    assert "steps_taken" in group.required_ids  # 45 CFR 164.404(c)(1)(D)
    assert ACME.steps_taken in _letter_text(payload)
    assert "WHAT YOU HAVE DONE TO INVESTIGATE, CONTAIN AND PREVENT A RECURRENCE" not in placeholders
    if "contact_procedures_hipaa" in group.required_ids:
        text = _letter_text(payload)
        assert "1-800-555-0199" in text and "privacy@acme.example" in text


def test_massachusetts_never_receives_the_description_even_when_the_file_gives_one(rulebook):
    ma = next(d for d in _drafts(rulebook, _incident(entity=ACME)) if d[0].jurisdictions == ("MA",))
    letter = _letter_text(ma[1])
    assert ACME.what_happened not in letter
    assert "Acme Payroll LLC" in letter  # the name is not forbidden


def test_without_entity_facts_the_placeholders_stay(rulebook):
    _group, payload, placeholders = _drafts(rulebook, _incident())[0]
    assert "NAME OF YOUR ORGANIZATION" in placeholders
    assert "[NAME OF YOUR ORGANIZATION]" in _letter_text(payload)
