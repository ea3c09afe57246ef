"""Which jurisdictions one notice letter can serve, and why the others need their own.

Counsel send one letter per group of people. A letter can serve several states when it
carries the union of their required elements and no member forbids what another requires
(issue 14: Massachusetts forbids the nature of the breach and the number affected, which
California and Rhode Island require). The grouping here is a pure function of a plan and
its rulebook:

1. Content follows the notice and the notice follows the population: a HIPAA (or FTC
   HBNR) population gets the federal letter, and a plan's people are one population, so
   plans for different populations are grouped apart (``letter_groups(*plans)``).
2. A state whose individual notice HIPAA deems satisfied (the plan marks it "Deemed
   compliant"), or whose content it deems satisfied (California § 1798.82(e)), rides with
   the HIPAA letter and adds none of its own content; duties the deeming does not reach,
   such as Massachusetts' credit-monitoring offer (§ 3A), come from the plan and stay.
3. A federal element is never dropped: where a state forbids what HIPAA or the FTC
   requires, the letter keeps it and the group lists the conflict for counsel.
4. Elements whose condition the facts do not meet are not owed and cause no split; an
   element whose condition is unanswered is owed (the conservative reading) and says so.
5. The fewest letters: an exact colouring of the (small) conflict graph, then every
   state without conflicts joins the largest group. Numbers merge by maximum (months of
   credit monitoring, points of type); a group is due by its members' earliest deadline.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from notifyplanner.letter_rules import ELEMENTS, LetterItem, LetterRule
from notifyplanner.model import (
    Citation,
    DataElement,
    Incident,
    Obligation,
    Plan,
    Recipient,
    Rulebook,
    Status,
)
from notifyplanner.report import deadline_text
from notifyplanner.rulebook import SECTOR_KINDS

FEDERAL = ("HIPAA", "FTC-HBNR")
STATE_LAW = "state law"
OWED = (Status.REQUIRED, Status.UNDETERMINED)
_NUMERIC_MAX = frozenset({"credit_monitoring_offer", "min_font_pt"})
_SSN_DL = frozenset({DataElement.SSN, DataElement.DRIVERS_LICENSE, DataElement.GOVERNMENT_ID})


@dataclass(frozen=True)
class Source:
    """Who asks for (or forbids) an element, and where the law says so."""

    jurisdiction: str
    citation: Citation
    value: int | str | None = None


@dataclass(frozen=True)
class ElementUse:
    """One element a group's letter must carry: its merged value and every source.

    ``unanswered`` lists conditions the incident has not answered (``CONDITIONS`` ids, or
    the plan's own question for a possibly-owed credit-monitoring offer): the element is
    drafted (conservatively) and the checklist asks the user to confirm it is owed.
    """

    element: str
    value: int | str | None
    sources: tuple[Source, ...]
    unanswered: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return ELEMENTS[self.element].label


@dataclass(frozen=True)
class LeftOut:
    """An element a member forbids. ``kept_by`` names a federal rule that requires it
    anyway (the letter keeps it; counsel must resolve the conflict)."""

    element: str
    forbidden_by: tuple[Source, ...]
    kept_by: tuple[Source, ...] = ()

    @property
    def label(self) -> str:
        return ELEMENTS[self.element].label


@dataclass(frozen=True)
class MemberDeadline:
    """One member's own deadline for the letter: a group is due by the earliest, but each
    state's clock is its own (a later one is not a licence to wait, and a lawyer signing
    the plan checks each against its statute)."""

    jurisdiction: str
    notice: str  # the plan's notice key, e.g. ``CA/individuals``
    deadline: date | None
    text: str  # the date, or why there is none ("no fixed date", "covered by the HIPAA letter")


@dataclass(frozen=True)
class LetterGroup:
    """One letter: the jurisdictions it serves and what it must and must not say."""

    population: str  # "HIPAA", "FTC-HBNR" or "state law"
    jurisdictions: tuple[str, ...]  # every member, the federal rule first
    riding: tuple[str, ...]  # states whose content the federal letter stands in for
    required: tuple[ElementUse, ...]
    forbidden: tuple[LeftOut, ...]
    split_reason: str
    send_by: date | None
    notices: tuple[str, ...]  # the plan's notice keys this letter answers
    # Members whose rule version in force has no content data (older versions): the user
    # reads the notice's own content text instead of trusting the element list.
    unchecked: tuple[str, ...] = ()
    deadlines: tuple[MemberDeadline, ...] = ()  # each member's own, in member order

    def element(self, element: str) -> ElementUse | None:
        return next((e for e in self.required if e.element == element), None)

    def open_members(self, done: Collection[str]) -> tuple[MemberDeadline, ...]:
        """The members whose notice is not yet sent or decided (``done`` holds the plan's
        notice keys the register records as sent or decided not to send). A state deemed
        compliant by the federal letter (no deadline of its own, riding on it) is done when
        the federal letter is: its notice is that letter."""
        federal = self.deadlines[0].notice if self.deadlines and self.riding else None
        carried = federal is not None and federal in done
        return tuple(
            m
            for m in self.deadlines
            if m.notice not in done and not (carried and m.deadline is None and m.jurisdiction in self.riding)
        )

    def open_send_by(self, done: Collection[str]) -> date | None:
        """The letter's send-by date once some members are done: the earliest deadline among
        the members still open. A letter already mailed to California must not keep showing
        California's date when Texas's, still open, is later (a newcomer's trial)."""
        return min((m.deadline for m in self.open_members(done) if m.deadline), default=None)

    @property
    def required_ids(self) -> tuple[str, ...]:
        return tuple(e.element for e in self.required)

    @property
    def forbidden_ids(self) -> tuple[str, ...]:
        return tuple(f.element for f in self.forbidden if not f.kept_by)

    @property
    def conflicts(self) -> tuple[LeftOut, ...]:
        return tuple(f for f in self.forbidden if f.kept_by)


@dataclass(frozen=True)
class _Member:
    code: str
    notice: Obligation
    required: tuple[tuple[LetterItem, tuple[str, ...]], ...]  # (item, unanswered conditions)
    forbidden: tuple[LetterItem, ...]
    riding: bool = False
    no_data: bool = False

    def requires(self) -> frozenset[str]:
        return frozenset(i.element for i, _ in self.required)

    def forbids(self) -> frozenset[str]:
        return frozenset(i.element for i in self.forbidden)


def condition_holds(condition: str, incident: Incident) -> bool | None:
    """Whether a ``when`` condition holds on the incident's facts; None when unanswered."""
    exposed = incident.data_elements
    if condition == "ssn_exposed":
        return DataElement.SSN in exposed
    if condition == "ssn_or_tin_exposed":
        return bool({DataElement.SSN, DataElement.TAX_ID} & exposed)
    if condition == "ssn_or_dl_exposed":
        return bool(_SSN_DL & exposed)
    if condition == "credentials_exposed":
        return DataElement.USERNAME_PASSWORD in exposed
    if condition == "name_based_pi":
        return DataElement.NAME in exposed and len(exposed) > 1
    if condition == "source_of_breach":
        return incident.source_of_breach
    # entity_has_number, parent_exists, law_enforcement_delay_determinable: facts the
    # incident file does not record; the element is drafted and the user confirms it.
    return None


def _applicable(letter: LetterRule, incident: Incident) -> tuple[tuple[LetterItem, tuple[str, ...]], ...]:
    out = []
    for item in letter.required:
        answers = {c: condition_holds(c, incident) for c in item.when}
        if any(a is False for a in answers.values()):
            continue
        out.append((item, tuple(c for c, a in answers.items() if a is None)))
    return tuple(out)


def _offers(plan: Plan, code: str) -> tuple[tuple[LetterItem, tuple[str, ...]], ...]:
    """The credit-monitoring offer the plan found owed (or possibly owed) for ``code``: the
    months come from the plan, which applied the statute's conditions to the facts."""
    out: list[tuple[LetterItem, tuple[str, ...]]] = []
    for duty in plan.credit_monitoring:
        if duty.jurisdiction == code and duty.status in OWED:
            # A possibly-owed offer is drafted, with the plan's open question beside it.
            open_ = (duty.reason,) if duty.status is Status.UNDETERMINED else ()
            out.append((LetterItem("credit_monitoring_offer", duty.citation, duty.months), open_))
            out.append((LetterItem("credit_monitoring_enrollment_info", duty.citation), open_))
    return tuple(out)


def _letter_rule(rulebook: Rulebook, plan: Plan, notice: Obligation) -> LetterRule | None:
    jurisdiction = rulebook.get(notice.jurisdiction)
    used = next((v for v in plan.versions if v.jurisdiction == notice.jurisdiction), None)
    if jurisdiction is None:
        return None
    version = jurisdiction.version_on(used.effective_from) if used else jurisdiction.latest
    rule = version.obligation(notice.obligation_id) if version else None
    return rule.letter if rule else None


def _deemed(notice: Obligation) -> bool:
    # The engine's own words for HIPAA deemed compliance (engine._base_verdict).
    return notice.status is Status.NOT_REQUIRED and notice.reason.startswith("Deemed compliant")


def _members(plan: Plan, rulebook: Rulebook) -> tuple[_Member | None, list[_Member]]:
    incident = plan.incident
    individual = [o for o in plan.obligations if o.recipient is Recipient.INDIVIDUALS and not o.subject]
    federal_notice = next(
        (o for code in FEDERAL for o in individual if o.jurisdiction == code and o.status in OWED), None
    )
    federal = None
    if federal_notice is not None:
        letter = _letter_rule(rulebook, plan, federal_notice)
        federal = _Member(
            federal_notice.jurisdiction,
            federal_notice,
            _applicable(letter, incident) if letter else (),
            letter.forbidden if letter else (),
            no_data=letter is None,
        )
    states: list[_Member] = []
    for notice in individual:
        if notice.jurisdiction in FEDERAL or _is_sector(rulebook, notice.jurisdiction):
            continue
        letter = _letter_rule(rulebook, plan, notice)
        offers = _offers(plan, notice.jurisdiction)
        hipaa_letter = federal is not None and federal.code == "HIPAA"
        if notice.status in OWED:
            riding = hipaa_letter and letter is not None and letter.hipaa_stand_in is not None
            required = offers if riding or letter is None else _applicable(letter, incident) + offers
            forbidden = () if riding or letter is None else letter.forbidden
            states.append(_Member(notice.jurisdiction, notice, required, forbidden, riding, letter is None))
        elif hipaa_letter and _deemed(notice):
            states.append(_Member(notice.jurisdiction, notice, offers, (), riding=True))
    # One entry per jurisdiction (Rhode Island has two individual notices by role).
    seen: dict[str, _Member] = {}
    for member in states:
        seen.setdefault(member.code, member)
    return federal, sorted(seen.values(), key=lambda m: m.code)


def _conflict(a: _Member, b: _Member) -> frozenset[str]:
    return (a.forbids() & b.requires()) | (b.forbids() & a.requires())


def _colour(members: list[_Member]) -> list[list[_Member]]:
    """The fewest groups with no conflict inside any: exact backtracking over the members
    that conflict with someone (few: only MA and IL forbid anything), then the rest join
    the largest group."""
    edges = {m.code: {n.code for n in members if n is not m and _conflict(m, n)} for m in members}
    hard = sorted((m for m in members if edges[m.code]), key=lambda m: (-len(edges[m.code]), m.code))
    easy = [m for m in members if not edges[m.code]]

    def place(i: int, groups: list[list[_Member]], k: int) -> list[list[_Member]] | None:
        if i == len(hard):
            return groups
        member = hard[i]
        for group in groups:
            if not any(n.code in edges[member.code] for n in group):
                group.append(member)
                if (done := place(i + 1, groups, k)) is not None:
                    return done
                group.pop()
        if len(groups) < k:
            groups.append([member])
            if (done := place(i + 1, groups, k)) is not None:
                return done
            groups.pop()
        return None

    groups: list[list[_Member]] = []
    for k in range(1, len(hard) + 1):
        found = place(0, [], k)
        if found is not None:
            groups = found
            break
    if not groups:
        groups = [[]]
    groups.sort(key=lambda g: (-len(g), min((m.code for m in g), default="")))
    groups[0].extend(easy)
    return [sorted(g, key=lambda m: m.code) for g in groups]


def _merge(members: Iterable[_Member]) -> tuple[ElementUse, ...]:
    sources: dict[str, list[Source]] = {}
    unanswered: dict[str, set[str]] = {}
    for member in members:
        for item, open_conditions in member.required:
            sources.setdefault(item.element, []).append(Source(member.code, item.citation, item.value))
            unanswered.setdefault(item.element, set()).update(open_conditions)
    out = []
    for element in ELEMENTS:  # vocabulary order: format, facts, steps, contacts, rights
        if element not in sources:
            continue
        values = [s.value for s in sources[element] if s.value is not None]
        value: int | str | None = None
        if element in _NUMERIC_MAX:
            value = max((v for v in values if isinstance(v, int)), default=None)
        elif values:
            value = ", ".join(sorted({str(v) for v in values}))
        # Owed outright by any member: no open condition remains.
        definite = any(not open_ for m in members for i, open_ in m.required if i.element == element)
        left = () if definite else tuple(sorted(unanswered[element]))
        out.append(ElementUse(element, value, tuple(sources[element]), left))
    return tuple(out)


def _left_out(members: list[_Member], federal: _Member | None) -> tuple[LeftOut, ...]:
    forbidden: dict[str, list[Source]] = {}
    for member in members:
        for item in member.forbidden:
            forbidden.setdefault(item.element, []).append(Source(member.code, item.citation))
    out = []
    for element in ELEMENTS:
        if element in forbidden:
            kept: tuple[Source, ...] = ()
            if federal is not None:
                kept = tuple(
                    Source(federal.code, i.citation) for i, _ in federal.required if i.element == element
                )
            out.append(LeftOut(element, tuple(forbidden[element]), kept))
    return tuple(out)


def _cite_list(sources: Iterable[Source]) -> str:
    seen: dict[str, str] = {}
    for s in sources:
        seen.setdefault(s.jurisdiction, s.citation.cite)
    return "; ".join(f"{code} ({cite})" for code, cite in seen.items())


def _split_reason(group: list[_Member], others: list[list[_Member]]) -> str:
    """Why this group is not merged with the others: each conflict, cited both ways."""
    reasons = []
    for member in group:
        for other_group in others:
            for other in other_group:
                for element in sorted(member.forbids() & other.requires()):
                    by = next(i for i in member.forbidden if i.element == element)
                    req = next(i for i, _ in other.required if i.element == element)
                    reasons.append(
                        f"{member.code} forbids {ELEMENTS[element].label.lower()} ({by.citation.cite}), "
                        f"which {other.code} requires ({req.citation.cite})"
                    )
                for element in sorted(other.forbids() & member.requires()):
                    by = next(i for i in other.forbidden if i.element == element)
                    req = next(i for i, _ in member.required if i.element == element)
                    reasons.append(
                        f"{other.code} forbids {ELEMENTS[element].label.lower()} ({by.citation.cite}), "
                        f"which {member.code} requires ({req.citation.cite})"
                    )
    unique = list(dict.fromkeys(reasons))
    return "Separate letter: " + "; ".join(unique) + "." if unique else ""


def _population_reason(population: str) -> str:
    if population == "HIPAA":
        return (
            "HIPAA population: the letter of 45 CFR 164.404(c) goes to everyone whose protected health "
            "information was involved; states that deem a HIPAA notice sufficient ride with it. People "
            "whose records are not protected health information need their own state-law letters."
        )
    if population == "FTC-HBNR":
        return (
            "FTC Health Breach Notification Rule population: the letter of 16 CFR 318.6 goes to everyone "
            "affected, with each state's own elements added."
        )
    return "State-law population: no federal notice rule reaches these people."


def _is_sector(rulebook: Rulebook, code: str) -> bool:
    """A sector or foreign regime (GDPR, PIPEDA, Reg S-P...): its notice to individuals is a
    letter of its own, under its own law, never a member of a state-law letter."""
    jurisdiction = rulebook.jurisdictions.get(code)
    return jurisdiction is not None and jurisdiction.kind in SECTOR_KINDS


def _own_letters(plan: Plan, rulebook: Rulebook) -> list[LetterGroup]:
    """One letter per sector or foreign notice to individuals that is owed. The rules hold no
    content data for these yet, so each is flagged for counsel to draft from its citation."""
    out = []
    for notice in plan.obligations:
        if not (
            notice.recipient is Recipient.INDIVIDUALS
            and notice.status in OWED
            and _is_sector(rulebook, notice.jurisdiction)
        ):
            continue
        member = _Member(notice.jurisdiction, notice, (), (), no_data=True)
        out.append(
            LetterGroup(
                population=notice.jurisdiction,
                jurisdictions=(notice.jurisdiction,),
                riding=(),
                required=(),
                forbidden=(),
                split_reason=(
                    f"{notice.jurisdiction_name}: a notice under its own law ({notice.citation.cite}), "
                    "not a state breach letter; draft it from that provision."
                ),
                send_by=notice.deadline,
                notices=(notice.key,),
                unchecked=(
                    f"{notice.jurisdiction}: the rules hold no content data for this notice; its "
                    f"notice says: {notice.content or '(no content text)'}",
                ),
                deadlines=(_member_deadline(member),),
            )
        )
    return out


def _groups_of(plan: Plan, rulebook: Rulebook) -> list[LetterGroup]:
    federal, states = _members(plan, rulebook)
    population = federal.code if federal else STATE_LAW
    if federal is None and not states:
        return _own_letters(plan, rulebook)
    contributing = [m for m in states if not m.riding]
    riders = [m for m in states if m.riding]
    coloured = _colour(contributing) if contributing else [[]]
    coloured[0].extend(riders)
    out = []
    for index, group in enumerate(coloured):
        group.sort(key=lambda m: m.code)
        everyone = ([federal] if federal else []) + group
        others = [g for j, g in enumerate(coloured) if j != index]
        reason = _split_reason(group, others)
        if not reason:
            reason = (
                "One letter serves every jurisdiction here: no member forbids an element another requires."
                if len(coloured) == 1
                else "The largest group; the other letters are split from it for the reasons they give."
            )
        reason = f"{_population_reason(population)} {reason}"
        deadlines = [
            m.notice.deadline for m in everyone if m.notice.deadline is not None and m.notice.status in OWED
        ]
        out.append(
            LetterGroup(
                population=population,
                jurisdictions=tuple(m.code for m in everyone),
                riding=tuple(m.code for m in group if m.riding),
                required=_merge(everyone),
                forbidden=_left_out(group, federal),
                split_reason=reason,
                send_by=min(deadlines, default=None),
                notices=tuple(m.notice.key for m in everyone),
                unchecked=tuple(
                    f"{m.code}: the rule version in force has no content data; its notice says: "
                    f"{m.notice.content or '(no content text)'}"
                    for m in everyone
                    if m.no_data
                ),
                deadlines=tuple(_member_deadline(m) for m in everyone),
            )
        )
    return out + _own_letters(plan, rulebook)


def _member_deadline(member: _Member) -> MemberDeadline:
    notice = member.notice
    if notice.status not in OWED:  # a state whose notice HIPAA deems given, riding along
        text = "covered by the HIPAA letter (deemed compliant): no deadline of its own"
        return MemberDeadline(member.code, notice.key, None, text)
    text = deadline_text(notice).removesuffix(" *")
    if notice.conservative:
        text += " (conservative: counted from discovery)"
    if notice.deadline is not None and notice.without_unreasonable_delay:
        text += ", and without unreasonable delay before it"
    return MemberDeadline(member.code, notice.key, notice.deadline, text)


def letter_groups(*plans: Plan, rulebook: Rulebook) -> tuple[LetterGroup, ...]:
    """The letters the plans' individual notices need, fewest first within each population.

    Each plan is one population (its incident's entity role and data decide which laws
    reach those people); pass the plans of a HIPAA population and of a state-law-only one
    (e.g. a health plan's members and its employees) to group them apart.
    """
    out: list[LetterGroup] = []
    for plan in plans:
        out.extend(_groups_of(plan, rulebook))
    return tuple(out)


def group_summary(groups: Iterable[LetterGroup]) -> Mapping[str, tuple[str, ...]]:
    """A letter's name (``letter-1``...) -> its jurisdictions, for messages and tests."""
    return {f"letter-{i}": g.jurisdictions for i, g in enumerate(groups, 1)}


def checklist_rows(group: LetterGroup) -> tuple[tuple[str, str, str], ...]:
    """(element, what the letter does with it, sources) for each element a group must carry
    or leave out: the checklist the app shows and the draft's last page repeats."""
    rows = []
    for use in group.required:
        status = "required" + (f" ({use.value})" if use.value is not None else "")
        if use.unanswered:
            status += "; owed unless the facts say otherwise: " + "; ".join(use.unanswered)
        conflict = next((c for c in group.conflicts if c.element == use.element), None)
        if conflict is not None:
            status += (
                "; kept although " + ", ".join(s.jurisdiction for s in conflict.forbidden_by) + " forbids it"
            )
        sources = "; ".join(
            f"{s.jurisdiction}: {s.citation.cite} ({s.citation.checked.label})" for s in use.sources
        )
        rows.append((use.label, status, sources))
    for left in group.forbidden:
        if not left.kept_by:
            sources = "; ".join(
                f"{s.jurisdiction}: {s.citation.cite} ({s.citation.checked.label})" for s in left.forbidden_by
            )
            rows.append((left.label, "left out: forbidden", sources))
    return tuple(rows)
