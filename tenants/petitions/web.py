"""What the petitions' pages, API and back office share about a request: the site's address
for e-mailed links. (How often one address may file or sign: rows `petitions:*` of
citizens.limits.)
"""

from tenancy.addresses import current_member_site_url


def site_url(request) -> str:
    """The member site's address as the visitor reached it, for the links in e-mails."""
    return current_member_site_url(request)
