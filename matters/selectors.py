"""Reads every kind shares about what a person may read of a matter."""

import audit
from organizations.models import Role
from organizations.selectors import roles_of

# Who reads the police's verdicts with their reasons: the focal agency that reviews
# them, the police who wrote them, the leaders who decide on them, and the auditors
# who read everything. The requesting unit reads only whether a person is eligible.
READS_VETTING_REASONS = frozenset(
    {
        Role.DEPARTMENT_REVIEWER,
        Role.DEPARTMENT_HEAD,
        Role.SECURITY_OFFICER,
        Role.LEADER,
        Role.AUDITOR,
    }
)

# The audit actions whose comment is the police's reasons.
VETTING_ACTIONS = (audit.Action.SECURITY_CLEARED, audit.Action.SECURITY_OBJECTED)


def sees_vetting_reasons(user) -> bool:
    """Return True if ``user`` may read the police's reasons on the people of a matter."""
    if user is None or not user.is_authenticated:
        return False
    return bool(roles_of(user) & READS_VETTING_REASONS)


def last_return(matter):
    """Return the audit entry that last sent ``matter`` back to its unit for revision
    (its ``comment`` is the reason), or None."""
    from audit.selectors import timeline

    return timeline(matter).filter(action=audit.Action.RETURNED).last()
