"""Whether one jurisdiction's notice is owed, and why: the questions before any date.

Why apart from the engine: these are the statute's trigger questions (is the data personal
information here, does the encryption safe harbor hold, is a HIPAA-compliant entity deemed
compliant, is the threshold met, then who the entity is, the circumstances and any
documented decision), asked once per notice and memoized. The engine builds on them to date
the notices; nothing here computes a deadline.
"""

from __future__ import annotations

from functools import cached_property

from notifyplanner.counts import missing_text, partly_known_total, threshold_words
from notifyplanner.decisions import (
    Verdict,
    attribute_verdict,
    condition_verdict,
    hipaa_verdict,
    state_verdict,
)
from notifyplanner.model import (
    DataElement,
    EntityRole,
    HipaaDeemed,
    Incident,
    Jurisdiction,
    ObligationRule,
    RuleVersion,
    Status,
)

HIPAA_ROLES = frozenset({EntityRole.COVERED_ENTITY, EntityRole.BUSINESS_ASSOCIATE})


def elements_text(elements: frozenset[DataElement]) -> str:
    """The elements in words, for a reason a person reads (never the file's codes)."""
    return "; ".join(sorted(e.short_label for e in elements)) or "none"


class NoticeVerdicts:
    """The verdicts on one jurisdiction's notices for one incident, memoized per notice."""

    def __init__(
        self, incident: Incident, jurisdiction: Jurisdiction, version: RuleVersion, residents: int | None
    ):
        self.incident = incident
        self.jurisdiction = jurisdiction
        self.version = version
        self.residents = residents
        self._verdicts: dict[str, Verdict] = {}

    def coverage(self) -> Verdict | None:
        """Shared by every notice here: elements, encryption. None when they pass."""
        return self._coverage

    @cached_property
    def _coverage(self) -> Verdict | None:
        incident, version = self.incident, self.version
        pi = version.personal_information
        if not incident.data_elements:
            return Verdict(Status.UNDETERMINED, "No data elements entered yet.", ("data elements",))
        covered = pi.covers(incident.data_elements)
        if not covered:
            need_name = incident.data_elements & pi.with_name
            extra = f" ({elements_text(need_name)} count only together with a name)" if need_name else ""
            return Verdict(
                Status.NOT_REQUIRED,
                f"The data exposed ({elements_text(incident.data_elements)}) is not personal "
                f"information under {pi.citation.cite}{extra}.",
            )
        enc = version.encryption
        if incident.encrypted and enc.safe_harbor:
            if incident.key_compromised and enc.lost_if_key_compromised:
                return None  # safe harbor lost; reported in the reason below
            return Verdict(
                Status.NOT_REQUIRED,
                f"Encrypted data and the key was not taken: safe harbor, {enc.citation.cite}.",
            )
        return None

    def verdict(self, rule: ObligationRule) -> Verdict:
        if rule.id in self._verdicts:
            return self._verdicts[rule.id]
        result = self._verdict(rule)
        self._verdicts[rule.id] = result
        return result

    def _verdict(self, rule: ObligationRule) -> Verdict:
        """The verdict on data and counts, then on who the entity is, the incident's
        circumstances and any documented decision, in the order the statutes ask."""
        base = self._base_verdict(rule)
        if base.status is Status.NOT_REQUIRED:
            return base
        verdict = attribute_verdict(rule, self.incident) or base
        verdict = condition_verdict(rule, self.incident, verdict)
        if self.jurisdiction.code == "HIPAA":
            return hipaa_verdict(self.incident, verdict, self.version.statute.cite)
        if self.jurisdiction.kind != "federal":
            return state_verdict(self.incident, self.jurisdiction, self.version, rule, verdict)
        return verdict

    def _base_verdict(self, rule: ObligationRule) -> Verdict:
        incident, version = self.incident, self.version
        shared = self.coverage()
        if shared is not None:
            return shared
        hipaa = version.hipaa
        if (
            incident.entity_role in HIPAA_ROLES
            and hipaa.deemed is not HipaaDeemed.NONE
            and rule.id not in hipaa.still_required
        ):
            return Verdict(
                Status.NOT_REQUIRED,
                f"Deemed compliant: a {incident.entity_role.label} that notifies under HIPAA "
                f"satisfies this notice ({hipaa.citation.cite}). Only if HIPAA notice is given.",
                deemed=True,
            )
        trig = rule.trigger
        who = (
            "people affected"
            if self.jurisdiction.kind == "federal"
            else f"{self.jurisdiction.name} residents"
        )
        parts: list[str] = []
        has_total = trig.min_total_affected is not None or trig.max_total_affected is not None
        if self.residents is None and self.jurisdiction.kind == "federal" and incident.affected_at_least:
            if not has_total:  # a total threshold below says the same, with its threshold
                parts.append(
                    f"at least {incident.affected_at_least:,} {who} ({missing_text(incident)} unknown)"
                )
        elif self.residents is None:
            if trig.min_residents > 1:
                return Verdict(
                    Status.UNDETERMINED,
                    f"Number of {who} unknown; the threshold is {threshold_words(trig.min_residents)}.",
                    (f"number of {who}",),
                )
            parts.append(f"{who}: number unknown")
        elif self.residents < trig.min_residents:
            return Verdict(
                Status.NOT_REQUIRED,
                f"{self.residents:,} {who}; the threshold is "
                f"{threshold_words(trig.min_residents)} ({rule.citation.cite}).",
            )
        else:
            parts.append(f"{self.residents:,} {who} (threshold: {threshold_words(trig.min_residents)})")
        if trig.min_total_affected is not None or trig.max_total_affected is not None:
            total = incident.affected_total
            if total is None:
                partial = partly_known_total(incident, rule)
                if isinstance(partial, Verdict):
                    return partial
                parts.append(partial)
            elif trig.min_total_affected is not None and total < trig.min_total_affected:
                return Verdict(
                    Status.NOT_REQUIRED,
                    f"{total:,} people affected in all; the threshold is "
                    f"{threshold_words(trig.min_total_affected)} ({rule.citation.cite}).",
                )
            elif trig.max_total_affected is not None and total > trig.max_total_affected:
                return Verdict(
                    Status.NOT_REQUIRED,
                    f"{total:,} people affected in all; this notice is for "
                    f"{trig.max_total_affected:,} or fewer ({rule.citation.cite}).",
                )
            else:
                parts.append(f"{total:,} people affected in all")
        parts.append(f"personal information exposed: {self.exposed_text}")
        if incident.encrypted:
            parts.append("encrypted, but the key was taken too, so the safe harbor is lost")
        text = "; ".join(parts)
        return Verdict(Status.REQUIRED, text[0].upper() + text[1:] + ".")

    @cached_property
    def exposed_text(self) -> str:
        return elements_text(self.version.personal_information.covers(self.incident.data_elements))
