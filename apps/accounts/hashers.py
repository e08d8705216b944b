from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, get_hasher


class Argon2OwaspMinimumHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum configuration (m = 19 MiB, t = 2, p = 1), the production default.

    Django's own parameters (100 MiB, t = 2, p = 8) cost about 400 ms of CPU a login here, so two cores check
    about five passwords a second, and a deadline morning's login wave queues every other page behind it
    (benchmarks/README.md §loadtest). These cost about 47 ms, and 19 MiB a check instead of 100 per worker.
    Still Argon2id with a 16-byte salt, at what the OWASP Password Storage Cheat Sheet names as the least
    acceptable memory and time, as Django's documentation allows ("subclass Argon2PasswordHasher").

    The algorithm name stays ``argon2``: hashes made with Django's parameters still verify (each hash carries
    its own) and are re-hashed with these at the account's next login (``must_update``).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1


class FirstLoginCodeHasher(PBKDF2PasswordHasher):
    """Hashes first-login codes handed out a class at a time.

    A counsellor issues codes for 30–50 students in one request; at the default work factor that takes
    tens of seconds. The codes are random, single-purpose and must be replaced at first login (when Django
    also re-hashes with the default hasher), so a lighter work factor is an acceptable trade here only.

    A wrong password against a code's hash still costs what it costs against the default hasher: otherwise
    the answer's speed would tell which accounts hold an unused code (Django hardens the runtime only when
    the hasher did not change, which is never the case here).
    """

    algorithm = "pbkdf2_sha256_first_login"
    iterations = 60_000

    def verify(self, password, encoded):
        is_correct = super().verify(password, encoded)
        if not is_correct:
            self.harden_against_default(password, encoded)
        return is_correct

    def harden_against_default(self, password, encoded) -> None:
        default = get_hasher("default")
        if default.algorithm == self.algorithm:
            return
        if isinstance(default, PBKDF2PasswordHasher):
            # The iterations the default runs beyond the code's, as PBKDF2's own harden_runtime does.
            extra_iterations = default.iterations - self.decode(encoded)["iterations"]
            if extra_iterations > 0:
                default.encode(password, default.salt(), extra_iterations)
        else:
            default.encode(password, default.salt())
