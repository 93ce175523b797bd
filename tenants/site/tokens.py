from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import connection


class MemberTokenGenerator(PasswordResetTokenGenerator):
    """Password links signed for one member: a link made for Tétouan's user 3 is worthless on
    Tanger's user 3 (user ids repeat across member schemas)."""

    @property
    def key_salt(self):
        return f"infitah.staff-password.{connection.schema_name}"


member_token_generator = MemberTokenGenerator()
