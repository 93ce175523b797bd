import pytest
from django.db import ProgrammingError, connection
from django_tenants.utils import schema_exists

from network.members.models import Domain, Member, SchemaTemplate
from network.members.services import ProvisioningError, member_provision
from tenants.site.models import SiteProfile
from tests.hcp import TETOUAN, TIMEZGANA


def test_provisioning_creates_a_ready_member_with_its_domain_and_profile(network, db, in_member):
    outcome = member_provision(hcp_code=TIMEZGANA, custom_domains=["infitah.timezgana.ma"])

    member = outcome.member
    assert outcome.created and member.is_ready and member.schema_name == "m_035310323"
    assert schema_exists(member.schema_name)
    assert sorted(member.domains.values_list("domain", "is_primary")) == [
        ("infitah.timezgana.ma", False),
        ("timezgana.localhost", True),
    ]
    with in_member(member):
        profile = SiteProfile.objects.get()
    assert (profile.name_ar, profile.name_fr, profile.hcp_code) == (
        "تمزكانة",
        "Timezgana",
        TIMEZGANA,
    )
    assert profile.province_name_fr and profile.region_name_ar == "فاس-مكناس"


def test_a_second_call_changes_nothing_and_says_so(tetouan):
    members, domains = Member.objects.count(), Domain.objects.count()
    outcome = member_provision(hcp_code=TETOUAN)
    assert not outcome.changed and outcome.member.pk == tetouan.pk
    assert (Member.objects.count(), Domain.objects.count()) == (members, domains)


def test_a_second_call_adds_a_new_custom_domain(tetouan):
    outcome = member_provision(hcp_code=TETOUAN, custom_domains=["open.tetouan.ma"])
    assert not outcome.created and outcome.added_domains == ["open.tetouan.ma"]
    assert tetouan.domains.filter(domain="open.tetouan.ma", is_primary=False).exists()


def test_unknown_code_is_a_clear_error_and_writes_nothing(network, db):
    members = Member.objects.count()
    with pytest.raises(ProvisioningError, match="لا توجد أي جماعة ترابية"):
        member_provision(hcp_code="99.999.99.99")
    assert Member.objects.count() == members


def test_errors_speak_the_operators_language(network, db):
    from django.utils import translation

    with translation.override("fr"), pytest.raises(ProvisioningError) as error:
        member_provision(hcp_code="99.999.99.99")
    assert "Aucune collectivité territoriale" in str(error.value)
    assert "99.999.99.99" in str(error.value)


def test_taken_domain_leaves_nothing_half_made(tetouan):
    with pytest.raises(ProvisioningError, match="مستخدم من قبل العضو m_015710111"):
        member_provision(hcp_code=TIMEZGANA, custom_domains=["tetouan.localhost"])
    assert not Member.objects.filter(collectivity_id=TIMEZGANA).exists()
    assert not schema_exists("m_035310323")


def test_host_name_with_underscore_is_refused(network, db):
    with pytest.raises(ProvisioningError, match="ليس اسم مضيف صالح"):
        member_provision(hcp_code=TIMEZGANA, custom_domains=["timez_gana.ma"])
    assert not Member.objects.filter(collectivity_id=TIMEZGANA).exists()


def test_a_failure_while_building_the_schema_rolls_everything_back(network, db):
    broken = SchemaTemplate(fingerprint="broken", sql="CREATE TABLE oops (;", migration_count=0)
    with pytest.raises(ProgrammingError):
        member_provision(hcp_code=TIMEZGANA, template=broken)
    connection.set_schema_to_public()
    assert not Member.objects.filter(collectivity_id=TIMEZGANA).exists()
    assert not Domain.objects.filter(domain="timezgana.localhost").exists()
    assert not schema_exists("m_035310323")


def test_the_stock_migration_path_gives_the_same_member(network, db, in_member):
    outcome = member_provision(hcp_code=TIMEZGANA, builder="migrations")
    assert outcome.member.is_ready
    with in_member(outcome.member):
        assert SiteProfile.objects.get().name_ar == "تمزكانة"
