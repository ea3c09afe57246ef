"""A letter group -> a Word draft (bytes), with a checklist page counsel can tick off.

Counsel edit letters in Word, so the draft is a .docx. What the draft must prove, and the
tests read back with python-docx:

* every required element has its paragraph, marked with an invisible bookmark named
  ``np_<element>`` (format elements are applied: title, California's headings, type size);
* no forbidden element has one; a fact that would carry it (Massachusetts: the nature of
  the breach, the count) is left out and the checklist says so, with the citation;
* a fact the incident lacks is a highlighted ``[PLACEHOLDER]``, never made-up text;
* text from the incident goes in as text (runs), never as fields or markup.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from notifyplanner.letter_groups import LetterGroup
from notifyplanner.letter_rules import CA_HEADINGS, ELEMENTS, OTHER_INFO
from notifyplanner.letter_text import FORMAT_ONLY, Templates, ag_placeholder, facts, split_tokens
from notifyplanner.model import Incident

BODY_PT = 11  # the body size unless a member asks for more (California: at least 10)
BOOKMARK_PREFIX = "np_"


def placeholder_text(hint: str) -> str:
    return f"[{hint}]"


class _Writer:
    def __init__(self, group: LetterGroup, incident: Incident, templates: Templates):
        self.group, self.incident, self.templates = group, incident, templates
        self.facts = facts(incident, group, templates)
        self.placeholders: list[str] = []
        self.open_in: dict[str, list[str]] = {}  # element -> placeholders left in its paragraph
        self.doc = Document()
        self._bookmark_id = 0
        min_pt = self._min_pt()
        self.size = max(BODY_PT, min_pt)
        for style in self.doc.styles:
            font = getattr(style, "font", None)
            if font is not None and font.size is not None and font.size.pt < self.size:
                font.size = Pt(self.size)
        self.doc.styles["Normal"].font.size = Pt(self.size)

    def _min_pt(self) -> int:
        use = self.group.element("min_font_pt")
        return use.value if use is not None and isinstance(use.value, int) else 0

    # --------------------------------------------------------------- runs
    def fill(self, paragraph: Paragraph, text: str) -> list[str]:
        left: list[str] = []
        for literal, token in split_tokens(text):
            if token is None:
                paragraph.add_run(literal)
            elif token in self.facts:
                paragraph.add_run(self.facts[token])
            else:
                hint = (
                    ag_placeholder(self.group, self.templates)
                    if token == "ag_contacts"
                    else self.templates.placeholders[token]
                )
                run = paragraph.add_run(placeholder_text(hint))
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.bold = True
                left.append(hint)
                if hint not in self.placeholders:
                    self.placeholders.append(hint)
        return left

    def _bookmark(self, paragraph: Paragraph, name: str) -> None:
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        # After the paragraph's properties: w:pPr must stay the first child, or Word and
        # LibreOffice refuse the file.
        properties = paragraph._p.pPr
        paragraph._p.insert(1 if properties is not None else 0, start)
        paragraph._p.append(end)

    def element_paragraph(self, element: str) -> None:
        paragraph = self.doc.add_paragraph()
        self.open_in[element] = self.fill(paragraph, self.templates.elements[element])
        self._bookmark(paragraph, BOOKMARK_PREFIX + element)

    # --------------------------------------------------------------- letter
    def letter(self) -> None:
        required = self.group.required_ids
        title_key = "title" if "title_notice_of_data_breach" in required else "title_when_not_required"
        title = self.doc.add_heading(level=0)
        self.fill(title, self.templates.texts[title_key])
        if "title_notice_of_data_breach" in required:
            self._bookmark(title, BOOKMARK_PREFIX + "title_notice_of_data_breach")
        for key in ("date_line", "address_block", "salutation", "intro"):
            self.fill(self.doc.add_paragraph(), self.templates.texts[key])
        sections: dict[str, list[str]] = {}
        for element in required:
            if element in FORMAT_ONLY:
                continue
            heading = ELEMENTS[element].heading or OTHER_INFO
            sections.setdefault(heading, []).append(element)
        fixed = "headings_ca" in required
        for heading in (*CA_HEADINGS, OTHER_INFO):
            elements = sections.get(heading, [])
            if not elements and not (fixed and heading in CA_HEADINGS):
                continue
            paragraph = self.doc.add_heading(heading, level=1)
            if fixed and heading == CA_HEADINGS[0]:
                self._bookmark(paragraph, BOOKMARK_PREFIX + "headings_ca")
            for element in elements:
                self.element_paragraph(element)
        for key in ("closing", "signature"):
            self.fill(self.doc.add_paragraph(), self.templates.texts[key])

    # --------------------------------------------------------------- checklist
    def checklist(self, number: int) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.doc.add_heading(f"Checklist for letter {number} (remove before sending)", level=1)
        group = self.group
        self.doc.add_paragraph(f"Serves: {', '.join(group.jurisdictions)}.")
        if group.riding:
            self.doc.add_paragraph(
                "The HIPAA letter stands in for the content of: " + ", ".join(group.riding) + "."
            )
        self.doc.add_paragraph(group.split_reason)
        for line in group.unchecked:
            self.doc.add_paragraph("Check by hand: " + line)
        if group.send_by:
            self.doc.add_paragraph(
                f"Send by {group.send_by.isoformat()} (the earliest deadline of its members)."
            )
        if group.deadlines:
            self.doc.add_paragraph("Each member's own deadline:")
            for member in group.deadlines:
                self.doc.add_paragraph(
                    f"{member.jurisdiction} ({member.notice}): {member.text}", style="List Bullet"
                )
        table = self.doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Element", "In this draft", "Source"), strict=True):
            cell.text = text
        for use in group.required:
            status = "Applied (format)" if use.element in FORMAT_ONLY else "Paragraph included"
            if use.element in ("plain_language", "clear_and_conspicuous"):
                status = "Counsel to confirm the wording and layout meet it"
            if use.value is not None:
                status += f" ({use.value})"
            if self.open_in.get(use.element):
                status += "; fill the placeholder: " + "; ".join(self.open_in[use.element])
            if use.unanswered:
                status += "; owed unless the facts say otherwise: " + "; ".join(use.unanswered)
            conflict = next((c for c in group.conflicts if c.element == use.element), None)
            if conflict is not None:
                status += (
                    "; kept although "
                    + ", ".join(
                        f"{s.jurisdiction} forbids it ({s.citation.cite})" for s in conflict.forbidden_by
                    )
                    + ": counsel must resolve"
                )
            row = table.add_row().cells
            row[0].text = f"{use.label}: {ELEMENTS[use.element].definition}"
            row[1].text = status
            row[2].text = "; ".join(
                f"{s.jurisdiction}: {s.citation.cite} ({s.citation.checked.label})" for s in use.sources
            )
        for left in group.forbidden:
            if left.kept_by:
                continue
            row = table.add_row().cells
            row[0].text = f"{left.label}: {ELEMENTS[left.element].definition}"
            row[1].text = "Left out: forbidden in this letter; the incident's facts for it are not inserted"
            row[2].text = "; ".join(
                f"{s.jurisdiction} forbids: {s.citation.cite} ({s.citation.checked.label})"
                for s in left.forbidden_by
            )
        if self.placeholders:
            self.doc.add_paragraph(
                "Placeholders to fill (highlighted in the letter): " + "; ".join(self.placeholders) + "."
            )
        used = [code for code in self.templates.contacts if any(code in p for p in self._used_contacts())]
        for code in used:
            entry = self.templates.contacts[code]
            self.doc.add_paragraph(
                f"Contact details for {code} were taken from {entry['source']} on {entry['verified']}; "
                "confirm them before mailing."
            )

    def _used_contacts(self) -> list[str]:
        out = []
        if "ftc_contact" in self.facts and self.group.element("ftc_contact") is not None:
            out.append("FTC")
        return out


def letter_docx(
    group: LetterGroup, incident: Incident, templates: Templates, number: int = 1, made_on: date | None = None
) -> tuple[bytes, tuple[str, ...]]:
    """The Word draft for one group, and the placeholders it leaves for the user."""
    writer = _Writer(group, incident, templates)
    writer.letter()
    writer.checklist(number)
    core = writer.doc.core_properties
    core.title = f"Notice letter draft {number}"
    core.author = "notifyplanner"
    if made_on is not None:
        core.comments = f"Drafted {made_on.isoformat()}"
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue(), tuple(writer.placeholders)


def bookmarks(payload: bytes) -> set[str]:
    """The element bookmarks in a draft (``np_<element>`` without the prefix): how the
    tests, and a user's own tooling, can tell which elements a draft carries."""
    doc = Document(io.BytesIO(payload))
    names = {el.get(qn("w:name"), "") for el in doc.element.body.iter(qn("w:bookmarkStart"))}
    return {n[len(BOOKMARK_PREFIX) :] for n in names if n.startswith(BOOKMARK_PREFIX)}
