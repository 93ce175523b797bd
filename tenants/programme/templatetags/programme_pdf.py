"""`{% programme_pdf_links programme %}`: the links to the programme's PDF on its public page,
the French one only when the programme's French texts are all there."""

from django import template

from tenants.programme.pdf import programme_pdf_offered_in_french

register = template.Library()


@register.inclusion_tag("programme/pdf/_links.html")
def programme_pdf_links(programme):
    return {"in_french": programme_pdf_offered_in_french(programme=programme)}
