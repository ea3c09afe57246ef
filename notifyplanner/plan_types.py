"""What a plan owes: the obligations, credit-monitoring duties and rule versions used.

Frozen so a plan computed from an incident can never be altered on its way to a table, a
workbook or a lawyer's desk. ``notifyplanner.model`` re-exports these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from notifyplanner.incident_types import Incident
from notifyplanner.rule_types import Citation
from notifyplanner.terms import DataElement, DeadlineKind, Recipient, Status


@dataclass(frozen=True)
class Obligation:
    """One notice owed (or examined and found not owed), with every reason behind it."""

    jurisdiction: str
    jurisdiction_name: str
    obligation_id: str
    recipient: Recipient
    office: str
    status: Status
    reason: str
    deadline: date | None
    deadline_kind: DeadlineKind
    basis: str
    citation: Citation
    effective_from: date
    enacted_by: str
    practical_send_by: date | None = None
    non_business_day: str = ""  # why the deadline is not a business day, if it is not
    conservative: bool = False  # computed from a stand-in date; see basis
    needs: tuple[str, ...] = ()  # facts the user must still supply
    without_unreasonable_delay: bool = False
    content: str = ""
    filing: str = ""
    notes: str = ""
    held_until: date | None = None  # law-enforcement hold
    subject: str = ""  # the state a per-state federal notice concerns (HIPAA media notice)
    # The deadline as an instant (hours clocks, filing cut-offs), with its UTC offset;
    # ``deadline`` is then its date in the incident's time zone.
    deadline_at: datetime | None = None
    # Who "regulator" is, where the general label would mislead ("State regulator" for
    # the FDIC or an EU supervisory authority): sector and foreign rules name the office.
    recipient_label: str = ""
    title: str = ""  # what tells it apart from another notice to the same recipient here

    @property
    def key(self) -> str:
        """The stable address of this notice: ``JURISDICTION/OBLIGATION[/SUBJECT]``.

        ``CA/individuals``, ``HIPAA/media/TX``. Recorded notices (the register) are keyed
        by it, never by a row position, so a notice survives a re-plan; the subject is part
        of it because HIPAA's media notice is owed once per state.
        """
        if not self.subject:
            return f"{self.jurisdiction}/{self.obligation_id}"
        # The engine names a per-state copy ``media_tx`` (unique within the plan); the key
        # names the rule and the state apart.
        rule_id = self.obligation_id.removesuffix(f"_{self.subject.lower()}")
        return f"{self.jurisdiction}/{rule_id}/{self.subject}"

    @property
    def label(self) -> str:
        """The row label every face shows: recipient, what tells it apart, and its state.

        "Attorney General: preliminary notice", "HHS Secretary (OCR): annual log of small
        breaches", "Prominent media (TX)". Why derived here: the table, the CLI report, the
        workbook, the PDF and the calendar must name a notice alike, and two notices of one
        jurisdiction to one recipient must never read the same (issue 12: New York showed
        two identical "Attorney General" rows).
        """
        base = self.recipient_label or self.recipient.label
        text = f"{base}: {self.title}" if self.title else base
        return f"{text} ({self.subject})" if self.subject else text

    @property
    def recipient_text(self) -> str:
        """The name the faces have always used for ``label``."""
        return self.label


@dataclass(frozen=True)
class CreditMonitoringDuty:
    jurisdiction: str
    jurisdiction_name: str
    status: Status
    reason: str
    months: int
    elements: frozenset[DataElement]
    starts: date | None
    ends: date | None
    basis: str
    citation: Citation
    effective_from: date
    # True when the state accepts the HIPAA letter as its notice but keeps the offer: the
    # offer then goes out with the HIPAA individual notice, and is dated from it.
    with_hipaa_notice: bool = False


@dataclass(frozen=True)
class RuleVersionUsed:
    jurisdiction: str
    name: str
    effective_from: date
    enacted_by: str
    last_reviewed: date
    statute: Citation
    # How the version was chosen, where a version of this jurisdiction is chosen by an
    # event other than discovery ("Texas rules in force on the determination date ...").
    chosen_by: str = ""


@dataclass(frozen=True)
class Plan:
    incident: Incident
    obligations: tuple[Obligation, ...]
    credit_monitoring: tuple[CreditMonitoringDuty, ...]
    versions: tuple[RuleVersionUsed, ...]
    warnings: tuple[str, ...]

    @property
    def controlling(self) -> Obligation | None:
        """The earliest fixed deadline among the notices that are owed (or may be)."""
        dated = [
            o for o in self.obligations if o.deadline is not None and o.status is not Status.NOT_REQUIRED
        ]
        # Two deadlines on one day: an hours clock's instant orders them (NYDFS's 11:00
        # before GDPR's 21:40); a plain date counts as the end of its day.
        return min(
            dated,
            key=lambda o: (
                o.deadline,
                o.status is not Status.REQUIRED,
                o.deadline_at is None,
                o.deadline_at.timestamp() if o.deadline_at else 0.0,
                o.key,
            ),
            default=None,
        )

    @property
    def controlling_deadline(self) -> date | None:
        obligation = self.controlling
        return obligation.deadline if obligation else None

    def by_status(self, status: Status) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.status is status)
