"""The production password hasher (settings/base.py): Argon2id at no less than OWASP's minimum, and hashes
made at Django's own Argon2 parameters still accepted and upgraded at the next login."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, get_hasher, make_password
from django.test import override_settings

from apps.accounts.hashers import Argon2OwaspMinimumHasher
from apps.accounts.models import Role
from hpi_employment.settings import base as base_settings

from ..factories import make_user

pytestmark = pytest.mark.django_db

# OWASP Password Storage Cheat Sheet, Argon2id's least acceptable configuration.
OWASP_MIN_MEMORY_KIB, OWASP_MIN_TIME, OWASP_MIN_PARALLELISM = 19 * 1024, 2, 1
PRODUCTION = override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS)


@PRODUCTION
def test_the_production_default_is_argon2id_at_no_less_than_owasps_minimum():
    # when
    params = get_hasher("default").decode(make_password("load-test-password-1"))["params"]
    # then
    assert params.type.name == "ID"
    assert params.memory_cost >= OWASP_MIN_MEMORY_KIB
    assert params.time_cost >= OWASP_MIN_TIME
    assert params.parallelism >= OWASP_MIN_PARALLELISM


@PRODUCTION
def test_a_hash_made_at_djangos_argon2_parameters_still_logs_in_and_is_upgraded():
    # given: an account hashed before the change (Django's Argon2: 100 MiB, p = 8)
    old = Argon2PasswordHasher().encode("load-test-password-1", Argon2PasswordHasher().salt())
    user = make_user(Role.STUDENT, username="201704010101")
    user.password = old
    user.save(update_fields=["password"])
    # when: the check a login makes (ModelBackend), which saves a re-hash when the hasher asks for one
    assert user.check_password("load-test-password-1")
    # then: re-hashed at the production parameters, and the old hash no longer stored
    user.refresh_from_db()
    params = Argon2OwaspMinimumHasher().decode(user.password)["params"]
    assert user.password != old
    assert (params.memory_cost, params.time_cost, params.parallelism) == (
        Argon2OwaspMinimumHasher.memory_cost,
        Argon2OwaspMinimumHasher.time_cost,
        Argon2OwaspMinimumHasher.parallelism,
    )


@PRODUCTION
def test_a_wrong_password_is_refused_against_either_parameters():
    for hasher in (Argon2PasswordHasher(), Argon2OwaspMinimumHasher()):
        encoded = hasher.encode("load-test-password-1", hasher.salt())
        assert not check_password("load-test-password-2", encoded)
