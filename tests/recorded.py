"""A register case's record for the export tests: the Hims & Hers sample with notices
recorded as the README's walkthrough records them, plus one decision not to send.

Built through the register's own grading (``grade_plan``) and ``export.common.recorded_from``,
as the command line and the app build it, but without a database: the exporters never see one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from notifyplanner.export.records import Recorded, recorded_from
from notifyplanner.model import Plan
from notifyplanner.register.grading import grade_plan
from notifyplanner.register.records import LateReason, Method, Notice, NoticeAction

HIMS = Path(__file__).resolve().parents[1] / "resources" / "samples" / "hims-hers-2026.json"
AS_OF = date(2026, 4, 20)
SENT_ON = date(2026, 4, 2)
SKIP_REASON = "the HHS posting and the letters reached every affected Californian"


def notice(key: str, **fields: object) -> Notice:
    action = NoticeAction.SKIPPED if "skip_reason" in fields else NoticeAction.SENT
    return Notice(
        case_id=1,
        key=key,
        action=action,
        recorded_at=datetime(2026, 4, 3, tzinfo=UTC),
        recorded_by="counsel",
        **fields,  # type: ignore[arg-type]
    )


NOTICES = (
    notice(
        "CA/individuals",
        sent_on=SENT_ON,
        method=Method.MAIL,
        reference="USPS 9400",
        late_reason=LateReason.SCOPE_BEING_DETERMINED,
    ),
    notice("HIPAA/individuals", sent_on=SENT_ON, method=Method.MAIL),
    notice("HIPAA/hhs", sent_on=SENT_ON, method=Method.PORTAL, reference="OCR portal #123"),
    notice("HIPAA/media/CA", skip_reason=SKIP_REASON),
)


def hims_records(plan: Plan, notices: tuple[Notice, ...] = NOTICES) -> dict[str, Recorded]:
    return recorded_from(grade_plan(plan, notices, AS_OF))
