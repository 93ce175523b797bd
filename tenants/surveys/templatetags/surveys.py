"""`{% meeting_surveys meeting as surveys %}`: the surveys a meeting's public page links to
(one query; the meetings app stays unaware of surveys beyond one include line)."""

from django import template

from tenants.surveys.selectors import meeting_surveys as meeting_surveys_selector

register = template.Library()


@register.simple_tag
def meeting_surveys(meeting):
    return list(meeting_surveys_selector(meeting_id=meeting.pk))
