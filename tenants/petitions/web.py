"""What the petitions' pages, API and back office share about a request: how often one
address may file or sign petitions at one member, and the site's address for e-mailed links.

A household or an office behind one address can still sign together; a script cannot flood a
petition, nor try national ID numbers one after another to learn who signed.
"""

from citizens import client_address, rate_limit_hit

# (limit, window in seconds) per visitor's address, at one member.
SIGN_RATE = (20, 3600)
FILE_RATE = (3, 24 * 3600)


def rate_limited(request, scope: str, rate: tuple[int, int]) -> bool:
    """Count one more attempt from the request's address; True when it goes over `rate`."""
    limit, window = rate
    return rate_limit_hit(
        scope=f"petitions:{scope}",
        identity=client_address(request),
        limit=limit,
        window_seconds=window,
    )


def site_url(request) -> str:
    """The member site's address as the visitor reached it, for the links in e-mails."""
    return request.build_absolute_uri("/")
