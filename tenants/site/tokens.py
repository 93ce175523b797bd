from django.contrib.auth.tokens import PasswordResetTokenGenerator

from kernel.signed_links import member_salt


class MemberTokenGenerator(PasswordResetTokenGenerator):
    """Password links signed for one member: a link made for Tétouan's user 3 is worthless on
    Tanger's user 3 (user ids repeat across member schemas). Django's generator, so a link
    dies once the password is set; the member's salt is kernel.signed_links'."""

    @property
    def key_salt(self):
        return member_salt("staff-password")


member_token_generator = MemberTokenGenerator()
