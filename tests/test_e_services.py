"""GEN-1 [A2]: a registered user who transacts (an IU, an OU) is offered the four e-services
from its account's home: sending and receiving case documents, inspecting its cases'
documents and information, searching the Cause Book, and paying fees; each opens for it. An
administrator (PA, SA), who does not transact, is not offered them."""

import re

import pytest
from django.test import Client

from permissions.roles import Role
from tests.factories import ApiOnlyUserFactory, organization_with_cases

pytestmark = pytest.mark.django_db

FOUR_E_SERVICES = {
    "/filings/new/",  # send documents to the court
    "/messages/",  # receive the court's documents
    "/cases/",  # inspect the cases' documents and information
    "/cause-book/",  # search the Cause Book
    "/filings/",  # pay fees, keep the receipts
}


def e_services_links(account, language="en") -> set[str]:
    client = Client()
    client.force_login(account)
    prefix = "" if language == "en" else "/zh-hant"
    response = client.get(prefix + "/account/")
    assert response.status_code == 200
    body = response.content.decode()
    section = re.search(r'<section aria-labelledby="e-services-heading".*?</section>', body, re.S)
    if section is None:
        return set()
    links = set(re.findall(r'href="([^"]+)"', section.group(0)))
    for link in links:
        assert client.get(link).status_code == 200, link
    return {link.removeprefix(prefix) for link in links}


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_gen_1_an_iu_is_offered_the_four_e_services(language):
    assert e_services_links(ApiOnlyUserFactory(role=Role.IU), language) == FOUR_E_SERVICES


def test_gen_1_an_ou_is_offered_the_four_e_services_and_an_administrator_is_not():
    org = organization_with_cases()
    assert e_services_links(org.ou) == FOUR_E_SERVICES
    assert e_services_links(org.pa) == set()
    assert e_services_links(org.sa) == set()
