"""Each audit entry told as a Vietnamese sentence ("Công an tỉnh: đồng ý 3/3 thành viên").

One formatter per ``Action`` (``FORMATTERS``), registered with ``@says(Action.X)``; it
reads the entry's actor, unit, role and payload and returns the sentence. What a
payload holds beyond what its formatter reads is told by the detail phrases
(``DETAILS``, one per payload key); a key with no phrase is left out, so no raw English
key or internal id ever reaches the reader. ``sentence`` falls back to the action's
name with those details if a formatter meets a payload it does not expect. The entry's
comment (the reason given) is not part of the sentence: the timeline shows it below,
withheld from those who may not read it. The raw JSON is the auditor's (the toggle on
the auditor's pages).
"""

import datetime
import logging
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from organizations.models import Role

from .models import Action, Entry

logger = logging.getLogger(__name__)

Formatter = Callable[[Entry, dict], str]
FORMATTERS: dict[str, Formatter] = {}


def says(*actions):
    """Register the decorated function as the sentence of ``actions``."""

    def register(formatter: Formatter) -> Formatter:
        for action in actions:
            FORMATTERS[Action(action).value] = formatter
        return formatter

    return register


def sentence(entry: Entry) -> str:
    """Return the Vietnamese sentence telling what ``entry`` records."""
    payload = entry.payload if isinstance(entry.payload, dict) else {}
    formatter = FORMATTERS.get(entry.action)
    if formatter is not None:
        try:
            return _capitalised(formatter(entry, payload))
        except (AttributeError, KeyError, LookupError, TypeError, ValueError):
            logger.warning("Audit entry %s: unexpected payload for %s", entry.seq, entry.action)
    return generic(entry, payload)


def generic(entry: Entry, payload: dict) -> str:
    """Return the action's name, who did it, and the details of the payload we can tell."""
    label = entry.get_action_display() if entry.action in Action.values else _("Thao tác")
    return _capitalised(_with_details(entry, f"{_who(entry)}: {str(label).lower()}", payload))


# Who and what --------------------------------------------------------------------------


def _who(entry: Entry) -> str:
    """Name the acting body: the unit for a step of an office, else the person."""
    if entry.role == Role.CLERK:
        return _("Văn thư")
    if entry.unit_id and entry.role not in ("", Role.AUDITOR, Role.ADMINISTRATOR):
        return entry.unit.name
    if entry.actor_id:
        return entry.actor.get_full_name() or entry.actor.get_username()
    return entry.actor_label or _("Hệ thống")


def _person(entry: Entry) -> str:
    if entry.actor_id:
        return entry.actor.get_full_name() or entry.actor.get_username()
    return entry.actor_label or _("Hệ thống")


def _subject_model(entry: Entry):
    if entry.subject_type_id is None:
        return None
    return ContentType.objects.get_for_id(entry.subject_type_id).model_class()


def _status_label(entry: Entry, value) -> str | None:
    """Return the label of ``value`` among the subject's statuses, or None."""
    model = _subject_model(entry)
    try:
        choices = dict(model._meta.get_field("status").flatchoices)
    except (AttributeError, FieldDoesNotExist):
        return None
    label = choices.get(value)
    return str(label).lower() if label else None


def _date(value) -> str:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else str(value)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Payload details: one phrase per key ---------------------------------------------------

TARGETS = {
    "leadership": _("lãnh đạo UBND tỉnh"),
    "leader": _("lãnh đạo UBND tỉnh"),
    "department": _("cơ quan ngoại vụ"),
    "consultation": _("các cơ quan để lấy ý kiến"),
    "prime_minister": _("Thủ tướng Chính phủ"),
}
PERSONAL_FIELDS = {
    "identity_number": _("số định danh"),
    "date_of_birth": _("ngày sinh"),
    "passport_number": _("số hộ chiếu"),
    "full_name": _("họ và tên"),
    "document_number": _("số giấy tờ"),
}
PURPOSES = {
    "original": _("văn bản ban đầu"),
    "amendment": _("văn bản điều chỉnh"),
    "cancellation": _("văn bản hủy bỏ"),
}


def _target(entry: Entry, value) -> str | None:
    if value in TARGETS:
        return str(TARGETS[value])
    return _status_label(entry, value)


def _fields(value) -> str | None:
    names = [str(PERSONAL_FIELDS[name]) for name in value or () if name in PERSONAL_FIELDS]
    return ", ".join(names) or None


def _dated(template: str):
    """Return the detail phrase of a date: ``template`` has ``%(date)s``."""
    return lambda entry, value: _(template) % {"date": _date(value)} if value else None


DETAILS: dict[str, Callable[[Entry, object], str | None]] = {
    "number": lambda e, v: _("số %(number)s") % {"number": v} if v else None,
    "submission": lambda e, v: _("tờ trình số %(number)s") % {"number": v} if v else None,
    "amends": lambda e, v: _("thay thế văn bản số %(number)s") % {"number": v} if v else None,
    "purpose": lambda e, v: str(PURPOSES[v]) if v in PURPOSES else None,
    "to": lambda e, v: _("trạng thái: %(to)s") % {"to": t} if (t := _target(e, v)) else None,
    "date": _dated(gettext_noop("ngày %(date)s")),
    "signed_on": _dated(gettext_noop("ký ngày %(date)s")),
    "sent_on": _dated(gettext_noop("gửi ngày %(date)s")),
    "reported_on": _dated(gettext_noop("báo cáo ngày %(date)s")),
    "started_on": _dated(gettext_noop("bắt đầu thực hiện ngày %(date)s")),
    "held_on": _dated(gettext_noop("ngày %(date)s")),
    "closed_on": _dated(gettext_noop("kết thúc ngày %(date)s")),
    "deadline": _dated(gettext_noop("hạn %(date)s")),
    "due_back_on": _dated(gettext_noop("hạn nộp lại %(date)s")),
    "expires_on": _dated(gettext_noop("có giá trị đến %(date)s")),
    "lapse_warning": _dated(
        gettext_noop("phê duyệt hết hiệu lực ngày %(date)s nếu chưa triển khai")
    ),
    "lapsed": lambda e, v: _("phê duyệt hết hiệu lực do không triển khai đúng hạn"),
    "year": lambda e, v: _("năm %(year)s") % {"year": v},
    "implementation_year": lambda e, v: _("năm thực hiện %(year)s") % {"year": v},
    "version": lambda e, v: _("lần %(version)s") % {"version": v} if v and v > 1 else None,
    "supplement": lambda e, v: _("đợt bổ sung lần %(n)s") % {"n": v - 1} if v else None,
    "items": lambda e, v: ngettext("%(n)d mục", "%(n)d mục", v) % {"n": v},
    "guests": lambda e, v: ngettext("%(n)d khách", "%(n)d khách", v) % {"n": v},
    "managers": lambda e, v: ngettext("%(n)d doanh nhân", "%(n)d doanh nhân", v) % {"n": v},
    "persons": lambda e, v: ngettext("%(n)d người", "%(n)d người", v) % {"n": v},
    "unit_plans": lambda e, v: _("%(n)d kế hoạch của đơn vị") % {"n": v},
    "agencies": lambda e, v: _("lấy ý kiến: %(names)s") % {"names": ", ".join(v)} if v else None,
    "disagreement": lambda e, v: _("có cơ quan không đồng ý") if v else None,
    "late": lambda e, v: _("quá hạn") if v else None,
    "final": lambda e, v: _("báo cáo kết thúc") if v else None,
    "period": lambda e, v: (
        _("kỳ từ %(begin)s đến %(end)s") % {"begin": _date(v[0]), "end": _date(v[1])}
    ),
    "title": lambda e, v: f"“{v}”" if v else None,
    "name": lambda e, v: f"“{v}”" if v else None,
    "full_name": lambda e, v: v or None,
    "ngo": lambda e, v: v or None,
    "meeting": lambda e, v: _("cuộc gặp %(reference)s") % {"reference": v} if v else None,
    "visit": lambda e, v: _("chuyến thăm %(reference)s") % {"reference": v} if v else None,
    "card_number": lambda e, v: _("thẻ số %(number)s") % {"number": v} if v else None,
    "economies": lambda e, v: _("%(n)d nền kinh tế") % {"n": len(v)} if v else None,
    "disbursement": lambda e, v: (
        _("giải ngân %(amount)s %(currency)s")
        % {"amount": v, "currency": e.payload.get("currency", "")}
    ),
    "on": _dated(gettext_noop("ngày %(date)s")),
    "fields": lambda e, v: _fields(v),
    "file": lambda e, v: _("từ tệp %(file)s") % {"file": v} if v else None,
    "ref": lambda e, v: _("mã %(ref)s") % {"ref": v} if v else None,
    "unplanned": lambda e, v: _("ngoài kế hoạch năm") if v else _("thuộc kế hoạch năm"),
    "life_cycle": lambda e, v: _status_label(e, v),
    "answer": lambda e, v: str(v) if v and not isinstance(v, (dict, list)) else None,
    "opinion_cancelled": lambda e, v: _("hủy ý kiến của %(agency)s") % {"agency": v},
    "escalated_to": lambda e, v: _target(e, v),
    "by": lambda e, v: _target(e, v),
    "budget_estimate": lambda e, v: _("dự toán %(amount)s") % {"amount": v} if v else None,
    "second_factor": lambda e, v: _("xác thực hai lớp"),
    "endorse_again": lambda e, v: None,
    "path": lambda e, v: v or None,
    "throttled": lambda e, v: _("các lần sau trong cùng phút không được ghi") if v else None,
    "document": lambda e, v: _("văn bản: %(document)s") % {"document": v} if v else None,
    "at": _dated(gettext_noop("ngày %(date)s")),
    "not_recorded_before": lambda e, v: _("%(n)s lần trước đó không được ghi") % {"n": v},
}


def _with_details(entry: Entry, text: str, payload: dict, *, skip=()) -> str:
    """Append the payload's details we can tell to ``text`` ("…(số 12/QĐ-UBND)")."""
    phrases = []
    for key, value in payload.items():
        if key in skip or key not in DETAILS:
            continue
        try:
            phrase = DETAILS[key](entry, value)
        except (AttributeError, KeyError, LookupError, TypeError, ValueError):
            phrase = None
        if phrase:
            phrases.append(str(phrase))
    return f"{text} ({'; '.join(phrases)})" if phrases else text


def _simple(verb: str) -> Formatter:
    """Return a formatter "<who> <verb> (details)"."""

    def formatter(entry: Entry, payload: dict) -> str:
        return _with_details(entry, f"{_who(entry)} {verb}", payload)

    return formatter


def _personal(verb: str) -> Formatter:
    """Return a formatter "<person> <verb> (details)": a person's own act."""

    def formatter(entry: Entry, payload: dict) -> str:
        return _with_details(entry, f"{_person(entry)} {verb}", payload)

    return formatter


# One sentence per action -----------------------------------------------------------------

says(Action.ENDORSED)(_simple(_("đồng ý, ký trình hồ sơ")))
says(Action.RETURNED)(_simple(_("trả lại hồ sơ để bổ sung")))
says(Action.RESUBMITTED)(_simple(_("gửi lại hồ sơ sau khi bổ sung")))
says(Action.WITHDRAWN)(_simple(_("rút hồ sơ")))
says(Action.REPORT_SUBMITTED)(_simple(_("nộp báo cáo kết quả")))
says(Action.ACKNOWLEDGED)(_simple(_("tiếp nhận báo cáo")))
says(Action.COMMENTED)(_simple(_("ghi ý kiến")))
says(Action.CLAIMED)(_personal(_("nhận xử lý")))
says(Action.RELEASED)(_personal(_("trả việc về hàng chờ")))
says(Action.REASSIGNED)(_personal(_("phân công lại việc")))
says(Action.MERGED)(_personal(_("gộp hồ sơ trùng")))
says(Action.PASSPORT_HANDED_OUT)(_simple(_("giao hộ chiếu cho đoàn")))
says(Action.LOGIN_SUCCEEDED)(_personal(_("đăng nhập")))
says(Action.ACCESS_DENIED)(_personal(_("bị từ chối truy cập")))


@says(Action.SUBMITTED)
def _submitted(entry, payload):
    return _with_details(entry, _("%(who)s gửi hồ sơ") % {"who": _who(entry)}, payload)


@says(Action.FORWARDED)
def _forwarded(entry, payload):
    to = payload.get("to")
    who = _who(entry)
    if to in TARGETS:
        text = _("%(who)s chuyển hồ sơ đến %(target)s") % {"who": who, "target": TARGETS[to]}
    elif status := _status_label(entry, to):
        text = _("%(who)s chuyển hồ sơ sang bước: %(status)s") % {"who": who, "status": status}
    else:
        text = _("%(who)s chuyển hồ sơ sang bước tiếp theo") % {"who": who}
    return _with_details(entry, text, payload, skip=("to",))


@says(Action.REJECTED)
def _rejected(entry, payload):
    return _with_details(entry, _("%(who)s: không chấp thuận") % {"who": _who(entry)}, payload)


@says(Action.APPROVED)
def _approved(entry, payload):
    return _with_details(entry, _("%(who)s: phê duyệt") % {"who": _who(entry)}, payload)


def _vetting_counts(entry, payload, verdicts: set[str]) -> str:
    given = payload.get("verdicts") or {}
    noun = _("khách") if "removed" in payload else _("thành viên")
    matching = sum(1 for verdict in given.values() if verdict in verdicts)
    return f"{matching}/{len(given)} {noun}"


@says(Action.SECURITY_CLEARED)
def _security_cleared(entry, payload):
    if not payload.get("verdicts"):
        return _("%(who)s: đồng ý") % {"who": _who(entry)}
    counts = _vetting_counts(entry, payload, {"cleared", "cleared_with_notes"})
    return _("%(who)s: đồng ý %(counts)s") % {"who": _who(entry), "counts": counts}


@says(Action.SECURITY_OBJECTED)
def _security_objected(entry, payload):
    if not payload.get("verdicts"):
        return _("%(who)s: không đồng ý") % {"who": _who(entry)}
    counts = _vetting_counts(entry, payload, {"objected"})
    return _("%(who)s: không đồng ý %(counts)s") % {"who": _who(entry), "counts": counts}


VERDICTS = {
    "agree": _("đồng ý"),
    "agree_with_conditions": _("đồng ý, có ý kiến kèm theo"),
    "disagree": _("không đồng ý"),
}


@says(Action.OPINION_GIVEN)
def _opinion_given(entry, payload):
    verdict = VERDICTS.get(payload.get("verdict"))
    if verdict is None:
        return _with_details(entry, _("%(who)s cho ý kiến") % {"who": _who(entry)}, payload)
    text = f"{_who(entry)}: {verdict}"
    return _with_details(entry, text, payload, skip=("verdict", "agency"))


@says(Action.PARTY_OPINION_RECORDED)
def _party_opinion(entry, payload):
    text = _("%(who)s ghi nhận ý kiến của Ban Thường vụ Tỉnh ủy") % {"who": _who(entry)}
    if payload.get("number"):
        text += " " + _("(văn bản số %(number)s ngày %(date)s)") % {
            "number": payload["number"],
            "date": _date(payload.get("date", "")),
        }
    return text


def _document_word(number: str) -> str:
    return _("quyết định") if "/QĐ" in (number or "") else _("văn bản")


@says(Action.DECISION_ISSUED)
def _decision_issued(entry, payload):
    number = payload.get("number") or ""
    word = _document_word(number)
    if payload.get("purpose") == "amendment":
        word = _("%(document)s điều chỉnh") % {"document": word}
    elif payload.get("purpose") == "cancellation":
        word = _("%(document)s hủy bỏ") % {"document": word}
    text = _("%(who)s vào sổ %(document)s số %(number)s") % {
        "who": _who(entry),
        "document": word,
        "number": number,
    }
    return _with_details(entry, text, payload, skip=("number", "purpose"))


@says(Action.SUBMISSION_FILED)
def _submission_filed(entry, payload):
    text = _("%(who)s trình tờ trình") % {"who": _who(entry)}
    if payload.get("number"):
        text += " " + _("số %(number)s") % {"number": payload["number"]}
    return _with_details(entry, text, payload, skip=("number", "purpose"))


@says(Action.DOCUMENT_SIGNED)
def _document_signed(entry, payload):
    text = _("%(who)s cập nhật văn bản đã được lãnh đạo ký") % {"who": _who(entry)}
    return _with_details(entry, text, payload)


@says(Action.AMENDMENT_REQUESTED)
def _amendment_requested(entry, payload):
    what = _("hủy") if payload.get("purpose") == "cancellation" else _("điều chỉnh")
    text = _("%(who)s đề nghị %(what)s") % {"who": _who(entry), "what": what}
    if payload.get("amends"):
        text += " " + _("văn bản số %(number)s") % {"number": payload["amends"]}
    return text


@says(Action.FILE_UPLOADED)
def _file_uploaded(entry, payload):
    return _with_details(entry, _("%(who)s tải lên tệp") % {"who": _person(entry)}, payload)


@says(Action.FILE_DOWNLOADED)
def _file_downloaded(entry, payload):
    if "filters" in payload or "format" in payload:
        what = str(payload.get("format", "")).upper()
        return _("%(who)s xuất dữ liệu ra tệp %(format)s") % {"who": _person(entry), "format": what}
    return _with_details(entry, _("%(who)s tải xuống tệp") % {"who": _person(entry)}, payload)


@says(Action.PERSONAL_DATA_VIEWED)
def _personal_data_viewed(entry, payload):
    return _with_details(entry, _("%(who)s xem dữ liệu cá nhân") % {"who": _person(entry)}, payload)


@says(Action.IMPORTED)
def _imported(entry, payload):
    return _with_details(entry, _("%(who)s nhập dữ liệu") % {"who": _person(entry)}, payload)


@says(Action.CREATED)
def _created(entry, payload):
    if "full_name" in payload:
        text = _("%(who)s tạo hồ sơ cá nhân") % {"who": _person(entry)}
    elif "year" in payload and "deadline" in payload:
        text = _("%(who)s mở đợt lập kế hoạch") % {"who": _who(entry)}
    elif "item" in payload:
        text = _("%(who)s thêm mục kế hoạch") % {"who": _who(entry)}
    else:
        text = _("%(who)s tạo mới") % {"who": _who(entry)}
    return _with_details(entry, text, payload)


@says(Action.UPDATED)
def _updated(entry, payload):
    if "deleted" in payload:
        text = _("%(who)s xóa mục") % {"who": _who(entry)}
    elif "card_number" in payload:
        text = _("%(who)s ghi nhận cấp thẻ ABTC") % {"who": _who(entry)}
    elif "second_factor" in payload:
        text = _("%(who)s cập nhật xác thực hai lớp") % {"who": _person(entry)}
        return text
    else:
        text = _("%(who)s cập nhật hồ sơ") % {"who": _who(entry)}
    return _with_details(entry, text, payload)


@says(Action.PASSPORT_HANDED_BACK)
def _passport_handed_back(entry, payload):
    text = _("%(who)s nhận lại hộ chiếu") % {"who": _who(entry)}
    return _with_details(entry, text, payload)


@says(Action.LOGIN_FAILED)
def _login_failed(entry, payload):
    if entry.actor_id or not payload.get("username"):
        who = _person(entry) if entry.actor_id else _("Một người dùng")
    else:
        who = _("Tài khoản “%(username)s”") % {"username": payload["username"]}
    if payload.get("reason") == "otp":
        return _("%(who)s đăng nhập không thành công (sai mã xác thực hai lớp)") % {"who": who}
    return _("%(who)s đăng nhập không thành công") % {"who": who}
