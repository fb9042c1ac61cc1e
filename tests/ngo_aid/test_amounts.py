"""Aid amounts: Decimal from the form to the report, written the Vietnamese way
(1.618.804 USD; 1.250,50 EUR) on every page that shows one."""

from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse

from ngo_aid.formatting import amount_vi
from ngo_aid.models import AidProject, Disbursement, usd

from .helpers import login, submit


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1618804"), "1.618.804"),
        (Decimal("1618804.00"), "1.618.804"),
        (Decimal("1250.5"), "1.250,50"),
        (Decimal("999.99"), "999,99"),
        (Decimal("0.05"), "0,05"),
        (Decimal("-1234567.8"), "-1.234.567,80"),
        ("108500.00", "108.500"),
        (None, "–"),
    ],
)
def test_an_amount_is_written_with_dots_between_thousands_and_a_comma_before_cents(value, text):
    assert amount_vi(value) == text


def test_the_usd_value_is_rounded_half_up_to_the_cent_in_decimal():
    assert usd(Decimal("100000"), Decimal("1.085")) == Decimal("108500.00")
    assert usd(Decimal("0.5"), Decimal("0.01")) == Decimal("0.01")  # 0.005, half up
    assert usd(Decimal("3"), Decimal("0.00003935")) == Decimal("0.00")
    assert isinstance(usd(Decimal("1"), Decimal("1")), Decimal)


def test_every_amount_is_stored_as_a_decimal_never_a_float():
    stored = {
        AidProject: ("amount", "usd_rate", "amount_usd", "counterpart_vnd"),
        Disbursement: ("amount", "amount_usd"),
    }
    for model, names in stored.items():
        for name in names:
            assert isinstance(model._meta.get_field(name), models.DecimalField), name
    assert not any(
        isinstance(f, models.FloatField)
        for model in stored
        for f in model._meta.get_fields()
        if hasattr(f, "get_internal_type")
    )


@pytest.mark.django_db
def test_the_list_and_the_ngo_s_page_write_the_usd_value_the_vietnamese_way(
    client, cast, lan, donor
):
    project = submit(client, lan, donor, amount="1497091", currency="EUR", usd_rate="1.0813")
    assert project.amount_usd == Decimal("1618804.50")
    login(client, lan)
    for url in (reverse("ngo_aid:list"), reverse("ngo_aid:ngo", args=[donor.pk])):
        page = client.get(url).content.decode()
        assert "1.618.804,50" in page, url
        assert "1618804" not in page, url
