"""Demo international agreements at every step, and signed ones in the registry
(``load_demo``); idempotent by title."""

import datetime

from django.utils import timezone

from agreements import services
from agreements.models import Agreement
from matters import issuance

from . import driver
from .flows import AgreementFlow

F = AgreementFlow
USERNAMES = ["canbo.sct", "lanhdao.sct", "chuyenvien.snv", "giamdoc.snv", "anninh.ca"]
USERNAMES += ["tuphap.stp", "chutich", "vanthu"]

# (title, partner, country, field, steps to run, signed days ago)
AGREEMENTS = [
    ("Bản ghi nhớ hợp tác với tỉnh Gyeonggi", "Tỉnh Gyeonggi", "KR", "economy", [], None),
    ("Thỏa thuận hợp tác đào tạo với Đại học Kanazawa", "Đại học Kanazawa", "JP", "education",
     ["endorse"], None),
    ("Kế hoạch hợp tác y tế với tỉnh Khammouane", "Tỉnh Khammouane", "LA", "health",
     ["endorse", "accept", "consult"], None),
    ("Bản ghi nhớ hợp tác du lịch với thành phố Busan", "Thành phố Busan", "KR", "culture",
     ["endorse", "accept", "consult", "answer_security"], None),
    ("Thỏa thuận hợp tác nông nghiệp với vùng Bretagne", "Vùng Bretagne", "FR", "agriculture",
     ["endorse", "accept", "consult", "answer_security", "answer_justice"], None),
    ("Bản ghi nhớ hợp tác khoa học với bang Queensland", "Bang Queensland", "AU", "science",
     ["endorse", "accept", "consult", "answer_security", "answer_justice", "synthesize"], None),
    ("Thỏa thuận hợp tác văn hóa với tỉnh Champasak", "Tỉnh Champasak", "LA", "culture", "all",
     None),
    ("Thỏa thuận hữu nghị với tỉnh Gangwon", "Tỉnh Gangwon", "KR", "economy", "all", 10),
    ("Bản ghi nhớ hợp tác môi trường với thành phố Kitakyushu", "Thành phố Kitakyushu", "JP",
     "environment", "all", 400),
]  # fmt: skip
ALL = ["endorse", "accept", "consult", "answer_security", "answer_justice", "synthesize"]
ALL += ["approve", "sign"]


def _steps(people, units):
    p = people
    steps = driver.filed_by_sct(F, services, people, units, summary="Các cơ quan đều đồng ý.")
    steps["approve"] = (F.approve, p["chutich"], driver.call(services.approve, p["chutich"]), None)
    return steps


def _sign(agreement, actor, days_ago, clerk):
    signed_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    # A demo signing of the past was approved, and its approval letter issued, before
    # it: neither the letter nor the signing may precede the Chairman's approval, nor
    # the signing the letter (ADR 0012).
    approved = timezone.now() - datetime.timedelta(days=days_ago + 1)
    type(agreement).objects.filter(pk=agreement.pk).update(decided_at=approved)
    issuance.of(agreement).update(approved_at=approved)
    driver.issue(agreement, F, clerk=clerk, day=signed_on)
    signing = {
        "signed_on": signed_on,
        "signed_place": "Quy Nhơn",
        "signed_by": "Chủ tịch UBND tỉnh",
        "valid_from": signed_on,
        "valid_until": signed_on.replace(year=signed_on.year + 5),
    }
    driver.complete(
        agreement,
        F.record_signing,
        actor=actor,
        perform=lambda a, task: services.record_signing(a, actor=actor, signing=signing, task=task),
    )


def _fields(title, partner, country, field):
    return {
        "title": title,
        "kind": "mou",
        "field": field,
        "partner": partner,
        "partner_kind": "local_government",
        "partner_country": country,
        "purpose": "Mở rộng quan hệ hợp tác hữu nghị.",
        "content": "Trao đổi đoàn; xúc tiến thương mại, đầu tư; giao lưu văn hóa.",
        "term": "5 năm",
        "proposed_signer": "Chủ tịch UBND tỉnh",
    }


def load(stdout) -> None:
    found = driver.cast(USERNAMES, ["SCT", "CA", "STP"])
    if found is None:
        return
    people, units = found
    steps = _steps(people, units)
    created = 0
    for title, partner, country, field, todo, signed_days_ago in AGREEMENTS:
        if Agreement.objects.filter(title=title).exists():
            continue
        agreement = driver.start_agreement(
            actor=people["canbo.sct"],
            unit=units["SCT"],
            fields=_fields(title, partner, country, field),
        )
        for name in ALL[:-1] if todo == "all" else todo:
            driver.run(agreement, steps[name])
        if signed_days_ago is not None:
            _sign(agreement, people["chuyenvien.snv"], signed_days_ago, people["vanthu"])
        created += 1
    stdout.write(f"Thỏa thuận quốc tế minh họa: {created} hồ sơ mới.")
