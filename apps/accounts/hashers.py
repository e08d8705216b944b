from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher


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
