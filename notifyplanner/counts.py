"""Counting people against thresholds when some counts are known and some are not.

Known counts are a lower bound (issue 11): a threshold they meet is met whatever the
unknown counts turn out to be; only a threshold they leave open stays undetermined, and
the plan names the count that would settle it.
"""

from __future__ import annotations

from notifyplanner.decisions import Verdict
from notifyplanner.model import Incident, ObligationRule, Status


def threshold_words(minimum: int) -> str:
    return "any" if minimum <= 1 else f"{minimum} or more (more than {minimum - 1})"


def state_name(code: str) -> str:
    from notifyplanner.places import ALL_USPS_CODES

    return ALL_USPS_CODES.get(code, code)


def missing_text(incident: Incident) -> str:
    names = [f"{state_name(code)} residents" for code in incident.unknown_counts]
    return "the number of " + " and ".join(names) if names else "the total"


def partly_known_total(incident: Incident, rule: ObligationRule) -> Verdict | str:
    """Decide a total-count threshold when some state counts are unknown.

    Known counts are a lower bound: a minimum they reach is met, and a maximum they
    already exceed is exceeded, whatever the unknown counts turn out to be. Only a
    threshold the known counts leave open stays undetermined, naming the missing counts.
    Returns the verdict that ends the question, or the words for a threshold that is met.
    """
    trig = rule.trigger
    floor = incident.affected_at_least
    missing = missing_text(incident)
    needs = tuple(f"number of {state_name(code)} residents" for code in incident.unknown_counts)
    needs = needs or ("total affected",)
    if trig.max_total_affected is not None and floor > trig.max_total_affected:
        return Verdict(
            Status.NOT_REQUIRED,
            f"At least {floor:,} people affected in all (counted so far; {missing} unknown); "
            f"this notice is for {trig.max_total_affected:,} or fewer ({rule.citation.cite}).",
        )
    met_min = trig.min_total_affected is None or floor >= trig.min_total_affected
    if met_min and trig.max_total_affected is None:
        return (
            f"at least {floor:,} people affected in all (counted so far; {missing} unknown; "
            f"threshold: {threshold_words(trig.min_total_affected or 1)})"
        )
    if trig.min_total_affected is not None and not met_min:
        threshold = f"the threshold is {threshold_words(trig.min_total_affected)}"
    else:
        threshold = f"this notice is for {trig.max_total_affected:,} or fewer"
    return Verdict(
        Status.UNDETERMINED,
        f"{floor:,} people counted so far and {missing} unknown; {threshold} "
        f"({rule.citation.cite}). Enter the missing count or the total affected.",
        needs,
    )
