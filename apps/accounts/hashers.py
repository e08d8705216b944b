from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FirstLoginCodeHasher(PBKDF2PasswordHasher):
    """Hashes first-login codes handed out a class at a time.

    A counsellor issues codes for 30–50 students in one request; at the default work factor that takes
    tens of seconds. The codes are random, single-purpose and must be replaced at first login (when Django
    also re-hashes with the default hasher), so a lighter work factor is an acceptable trade here only.
    """

    algorithm = "pbkdf2_sha256_first_login"
    iterations = 60_000
