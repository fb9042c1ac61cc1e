"""The data migration that made persons from the members typed before the registry."""

import importlib

import pytest
from django.apps import apps

from people.models import Person
from permits.models import TripMember

from ..permits.factories_trips import make_trip

pytestmark = pytest.mark.django_db

migration = importlib.import_module("permits.migrations.0008_persons_from_members")


def test_one_person_per_name_and_unit_and_the_staff_link_kept(unit_a, lan, minh):
    make_trip(unit_a, lan, members=[minh, "Trần Văn Bình", {"full_name": "Tran Van  Binh"}])
    make_trip(unit_a, lan, members=[{"full_name": "Trần Văn Bình", "unit_name": "Sở Tư pháp"}])
    assert not TripMember.objects.filter(person__isnull=False).exists()

    migration.make_persons(apps, None)

    assert not TripMember.objects.filter(person__isnull=True).exists()
    binh = Person.objects.filter(name_key="tran van binh")
    assert sorted(p.unit_name for p in binh) == ["Sở Công Thương", "Sở Tư pháp"]
    assert TripMember.objects.filter(person__in=binh).count() == 3
    assert Person.objects.get(name_key="le quang minh").staff_profile == minh.profile
    assert Person.objects.get(name_key="le quang minh").unit == unit_a
    migration.make_persons(apps, None)  # run again: nothing new
    assert Person.objects.count() == 3
