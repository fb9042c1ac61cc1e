"""The world the access matrix is walked in, and the walk itself.

Unit A (Sở Công Thương) has one matter of each kind, each stopped where most steps of
its flow exist: a trip waiting for leadership approval, a visit at the security check
(guests' passports revealable), an agreement and a conference out for opinions (a
consulted agency at work), a foreign NGO aid out for opinions too, its donor in the
register, and a business (not one of the roles' units) with an ABTC request out for
opinions, Sở Tư pháp consulted. Each matter has an uploaded file. Every URL the resolver
knows is filled with these objects and requested as one person of each role, GET and
POST.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from abtc.models import AbtcAttachment
from agreements.models import AgreementAttachment
from audit.models import Entry
from conferences.models import ConferenceAttachment
from consular import services as consular_services
from matters import issuance
from ngo_aid.models import AidAttachment, ForeignNGO
from notifications.models import Notification
from organizations.models import Role
from permits import services, uploads
from permits.models import OutboundTrip, TripPurpose
from permits.services import MemberData
from plans import services as plan_services
from reports import services as report_services
from workflows import driver, selectors
from workflows.flows import (
    AbtcFlow,
    AgreementFlow,
    ConferenceFlow,
    InboundVisitFlow,
    NgoAidFlow,
    OutboundTripFlow,
)

from ..abtc import helpers as abtc_steps
from ..agreements import helpers as agreement_steps
from ..conferences import helpers as conference_steps
from ..conftest import _person
from ..factories import UnitFactory
from ..ngo_aid import helpers as aid_steps
from ..plans.helpers import approved_plan, submitted_plan
from ..workflows import inbound_helpers as visit_steps

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MARKERS = (
    "Đoàn bí mật của đơn vị A",
    "Đoàn khách bí mật của đơn vị A",
    "Thỏa thuận bí mật A",
    "Hội thảo bí mật A",
    "Viện trợ bí mật A",
)
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
DENIED = {403, 404, 405}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def all_urls():
    """Return (route, name) for every URL pattern the project serves."""
    return sorted(set(_walk(get_resolver().url_patterns)))


def matrix_key(route, name):
    """Return the key of a URL in the matrix: its name, or its route when it has none."""
    if name.startswith("admin:") and name not in ("admin:login", "admin:logout"):
        return "admin:*"  # the admin site guards every one of its URLs alike
    return name if not name.endswith(":") and name else route


@dataclass
class World:
    trip: object
    visit: object
    agreement: object
    conference: object
    abtc: object
    project: object
    ngo: object
    people: dict
    values: dict = field(default_factory=dict)

    def matter_for(self, route):
        if "doan-vao" in route:
            return self.visit, InboundVisitFlow
        if "thoa-thuan" in route:
            return self.agreement, AgreementFlow
        if "hoi-nghi" in route:
            return self.conference, ConferenceFlow
        if "the-abtc" in route:
            return self.abtc, AbtcFlow
        if "vien-tro" in route:
            return self.project, NgoAidFlow
        return self.trip, OutboundTripFlow

    def url(self, route):
        """Fill ``route``'s parameters from the matter it belongs to."""
        if route.startswith("bao-cao/du-thao/"):
            return self._fill(route, {**self.values, "pk": self.values["report_draft_pk"]})
        if route.startswith("bao-cao/de-nghi-so-lieu/"):
            return self._fill(route, {**self.values, "pk": self.values["figure_request_pk"]})
        if route.startswith("lanh-su/"):
            case = {"pk": self.values["consular_pk"], "person_pk": self.values["case_person_pk"]}
            return self._fill(route, {**self.values, **case})
        matter, _ = self.matter_for(route)
        process = selectors.process_of(matter)
        node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
        tasks = process.task_set.order_by("-pk")
        task = tasks.filter(flow_task__endswith=f".{node.group(1)}").first() if node else None
        task = task or tasks.first()
        values = {
            **self.values,
            "pk": matter.pk,
            "process_pk": process.pk,
            "task_pk": task.pk,
            "attachment_pk": matter.attachments.first().pk,
        }
        if "thong-bao" in route:
            values["pk"] = self.values["notification_pk"]
        if route.startswith("danh-ba/"):
            values["pk"] = self.values["person_pk"]
        if route.startswith("van-ban/") and not route.startswith("van-ban/dieu-chinh/"):
            values["pk"] = self.values["issuance_pk"]
        if "hoi-nghi" in route:
            values["opinion_pk"] = self.values["conference_opinion_pk"]
        if route.startswith("ke-hoach/"):
            values["pk"] = self.values["plan_round_pk"]
            for prefix, name in (("muc/", "plan_item_pk"), ("don-vi/", "unit_plan_pk")):
                if route.startswith(f"ke-hoach/{prefix}"):
                    values["pk"] = self.values[name]
            if route.startswith("ke-hoach/van-ban/"):
                values["pk"] = self.values["plan_version_pk"]
            if route.endswith(("/du-thao/", "/du-thao/pdf/")):  # next year's plan, to be signed
                values["pk"] = self.values["plan_draft_round_pk"]
        if "the-abtc" in route:
            values["opinion_pk"] = self.values["abtc_opinion_pk"]
            values["manager_pk"] = matter.managers.first().pk
        if "vien-tro" in route:
            values["opinion_pk"] = self.values["aid_opinion_pk"]
        if "to-chuc" in route:
            values["pk"] = self.ngo.pk

        return self._fill(route, values)

    @staticmethod
    def _fill(route, values):
        def value(match):
            return str(values.get(match["name"], 1 if match["kind"] == "int" else "x"))

        return "/" + re.sub(r"[\^\$]|\\Z|\(\?P<url>\.\*\)", "", CONVERTER.sub(value, route))


class WriteRecorder:
    """Collect the tables a request writes to, apart from the session, the audit trail
    and django-axes' sign-in records (a refusal may write those)."""

    ALLOWED = ("django_session", "audit_", "axes_")
    WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        match = self.WRITE.match(sql)
        if match and not match.group(1).startswith(self.ALLOWED):
            self.tables.add(match.group(1))
        return execute(sql, params, many, context)


def _upload(owner, actor, kind, model=None):
    extra = {"model": model} if model else {}
    upload = SimpleUploadedFile("thu-moi.pdf", PDF, content_type="application/pdf")
    uploads.add_attachment(owner, upload, kind=kind, actor=actor, **extra)


def build_world(people, justice, titles=MARKERS, donor="Secret Friends"):
    """Unit A's trip, visit, agreement and conference, driven to the steps described above.

    ``titles`` name the trip, visit, agreement, conference and aid project (the markers the
    matrix looks for; the user guide's pictures pass real-looking ones), ``donor`` the NGO.
    """
    lan, minh, hoa, dung, pho = (people[k] for k in ("lan", "minh", "hoa", "dung", "pho"))
    purpose, _ = TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")
    start = datetime.date(2026, 12, 7)
    trip = driver.start_trip(
        actor=lan,
        unit=people["unit_a"],
        fields={
            "title": titles[0],
            "purpose": purpose,
            "countries": ["FR"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=3),
            "inviting_partner": "Đối tác",
            "funding_source": "state_budget",
        },
        members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
    )
    _upload(trip, lan, "invitation")
    driver.complete(
        trip,
        OutboundTripFlow.endorse,
        actor=minh,
        perform=lambda t, k: services.endorse(t, actor=minh, task=k),
    )
    driver.complete(
        trip,
        OutboundTripFlow.review,
        actor=hoa,
        perform=lambda t, k: services.forward(t, actor=hoa, task=k),
    )
    driver.complete(
        trip,
        OutboundTripFlow.security_check,
        actor=dung,
        perform=lambda t, k: services.security_check(
            t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}
        ),
    )

    client = Client()
    visit = visit_steps.submit(client, lan, title=titles[1])
    _upload(visit, lan, "programme")
    visit_steps.decide(client, minh, visit, InboundVisitFlow.endorse, "endorse")
    visit_steps.decide(client, hoa, visit, InboundVisitFlow.review, "forward")

    agreement = agreement_steps.submit(client, lan, title=titles[2])
    _upload(agreement, lan, "proposal", model=AgreementAttachment)
    agreement_steps.to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice])

    conference = conference_steps.submit(client, lan, title=titles[3])
    _upload(conference, lan, "agenda", model=ConferenceAttachment)
    conference_steps.to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])

    plan_round, plan_items = approved_plan(
        2026,
        staff=lan,
        head=minh,
        reviewer=hoa,
        leader=people["pho"],
        unit=people["unit_a"],
        items=[{"title": "Đoàn xúc tiến thương mại trong kế hoạch"}],
    )
    draft_round, _items = submitted_plan(
        2027, staff=lan, head=minh, reviewer=hoa, unit=people["unit_a"], items=[{}]
    )
    plan_services.approve_plan(draft_round, actor=people["pho"])

    # A foreigner's case recorded by the focal agency (the police see it too).
    case = consular_services.record_case(
        actor=hoa,
        role=Role.DEPARTMENT_REVIEWER,
        fields={
            "group": "foreigner",
            "incident": "accident",
            "occurred_on": datetime.date(2026, 11, 20),
            "nationality": "FR",
            "people_count": 1,
        },
        persons=[{"full_name": "Pierre MARTIN", "document_number": "12AB34567"}],
    )

    # The focal agency's draft of a report to the ministry, still being written.
    report_draft = report_services.save_draft(
        actor=hoa,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        texts={"context": "Bối cảnh chung"},
    )

    # The focal agency asks unit A for its export figures (unit A answers it).
    figure_request = report_services.request_figures(
        actor=hoa,
        agency=people["unit_a"],
        indicators=["exports"],
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
    )

    business = UnitFactory(name="Công ty TNHH Hải Phong", code="DNHP", kind="enterprise")
    an = _person("an", "Nguyễn Văn An", business, Role.UNIT_STAFF, "Nhân viên")
    binh = _person("binh", "Trần Thị Bình", business, Role.UNIT_HEAD, "Giám đốc")
    abtc = abtc_steps.submit(client, an)
    _upload(abtc, an, "registration", model=AbtcAttachment)
    abtc_steps.to_consultation(client, abtc, binh=binh, hoa=hoa, agencies=[justice])
    # A primary key of its own, so that an NGO's page is not reached by a matter's by chance.
    ForeignNGO.objects.create(name="Placeholder", country="FR")
    ngo = ForeignNGO.objects.create(name=donor, country="US")
    project = aid_steps.submit(client, lan, ngo, title=titles[4])
    _upload(project, lan, "commitment", model=AidAttachment)
    aid_steps.to_consultation(client, project, minh=minh, hoa=hoa, agencies=[justice])

    world = World(
        trip=trip,
        visit=visit,
        agreement=agreement,
        conference=conference,
        abtc=abtc,
        project=project,
        ngo=ngo,
        people=people,
    )
    world.values = {
        "type_id": ContentType.objects.get_for_model(OutboundTrip).pk,
        "subject_id": trip.pk,
        "guest_pk": visit.guests.first().pk,
        "opinion_pk": agreement.opinions.get(agency=justice).pk,
        "conference_opinion_pk": conference.opinions.get(agency=justice).pk,
        "abtc_opinion_pk": abtc.opinions.get(agency=justice).pk,
        "aid_opinion_pk": project.opinions.get(agency=justice).pk,
        "notification_pk": Notification.objects.filter(recipient=minh).first().pk,
        "object_id": trip.pk,
        "plan_round_pk": plan_round.pk,
        "plan_item_pk": plan_items[0].pk,
        "unit_plan_pk": plan_items[0].unit_plan_id,
        "plan_version_pk": plan_round.versions.get().pk,
        "plan_draft_round_pk": draft_round.pk,
        "consular_pk": case.pk,
        "report_draft_pk": report_draft.pk,
        "figure_request_pk": figure_request.pk,
        "case_person_pk": case.persons.first().pk,
        "member_pk": trip.members.first().pk,
        "issuance_pk": issuance.of(trip).first().pk,
        "person_pk": trip.members.first().person_id,
    }
    return world


def _shadowed(url, name):
    """Return True if ``url`` is served by an earlier pattern (an unnamed duplicate)."""
    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return False
    return (match.view_name or "") != name and not name.endswith(":")


def outcome(client, method, url):
    """Request ``url``; return "allowed", "denied" or the failing status as a string.

    Served (200, a redirect elsewhere than a login page, or 409 for a step already
    done) is "allowed"; 403, 404, 405 and the login page are "denied".
    """
    # Followed to where it leads: a redirect to a refusal is a refusal.
    response = getattr(client, method)(url, follow=True)
    hops = [location for location, _ in getattr(response, "redirect_chain", [])]
    status = response.status_code
    if status in (301, 302):
        hops.append(response["Location"])
    if hops and "login" in hops[-1].split("?")[0]:
        return "denied", status
    if status >= 500:
        return str(status), status
    return ("denied" if status in DENIED else "allowed"), status


def _sign_in_again(client, person):
    if person is not None and "_auth_user_id" not in client.session:
        client.force_login(person)


def walk(client, world, urls, person=None):
    """Yield (key, method, url, outcome, changed, denial_logged) for every URL and method.

    Each POST runs in a savepoint rolled back afterwards, so the world stays as built
    (a granted POST may withdraw a matter). ``changed`` tells whether a refused POST
    changed data; ``denial_logged`` whether it left an "access denied" audit entry.
    ``person`` is signed in again before each request: signing out is one of the URLs.
    """
    for route, name in urls:
        url = world.url(route)
        if _shadowed(url, name):
            continue
        key = matrix_key(route, name)
        _sign_in_again(client, person)
        yield key, "GET", url, outcome(client, "get", url)[0], False, False
        _sign_in_again(client, person)
        writes = WriteRecorder()
        with transaction.atomic():
            last_entry = Entry.objects.order_by("-seq").first()
            with connection.execute_wrapper(writes):
                result, status = outcome(client, "post", url)
            changed = result != "allowed" and sorted(writes.tables)
            logged = status not in (403, 404) or (
                Entry.objects.filter(action="access_denied", actor=person)
                .filter(seq__gt=last_entry.seq if last_entry else 0)
                .exists()
            )
            transaction.set_rollback(True)
        yield key, "POST", url, result, changed, logged
