"""Account and contact names as written: connectors, suffixes, possessives, lower case."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import parse

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    "name",
    [
        "AT&T",
        "Procter & Gamble",
        "O'Brien Plumbing",
        "L'Oréal",
        "Müller GmbH",
        "Société Générale",
        "eBay",
        "JPMorgan Chase",
        "Coca-Cola",
        "Bank of America",
        "Capital One",
        "New York Life",
        "US Bank",
        "PG&E",
        "Acme Inc",
        "IBM",
        "Great Lakes Dental",
    ],
)
@pytest.mark.parametrize(
    "template",
    ["2 calls w/ {} yesterday", "closed {} for $10k", "{} signed, 20k", "mtg {} 30m"],
)
def test_company_names(template: str, name: str) -> None:
    got = parse(template.format(name), today=WED)
    assert got.slots.get("account") == name


@pytest.mark.parametrize(
    ("text", "account", "contact"),
    [
        ("call w/ José García at Telefónica, 20 min", "Telefónica", "José García"),
        ("coffee with Mary-Jane Watson from Daily Bugle", "Daily Bugle", "Mary-Jane Watson"),
        ("emailed Anne O'Neil @ Kerry Foods", "Kerry Foods", "Anne O'Neil"),
        ("met Priya (Halcyon Pharma) for lunch", "Halcyon Pharma", "Priya"),
        ("lunch meeting with the CFO of Redpoint Ventures", "Redpoint Ventures", None),
        ("called mike at acme", "acme", "mike"),
    ],
)
def test_contacts(text: str, account: str, contact: str | None) -> None:
    got = parse(text, today=WED)
    assert got.slots.get("account") == account
    assert got.slots.get("contact") == contact


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("demo for initech's ops team", "initech"),
        ("quick call w/ Massive Dynamic's CFO", "Massive Dynamic"),
        ("lunch w/ the Sable & Co team", "Sable & Co"),
        ("The contract with The Home Depot is signed", "The Home Depot"),
        ("so the Acme folks finally signed!!! $48,500", "Acme"),
        ("LOGGED 4 CALLS WITH ZENITH HEALTH", "ZENITH HEALTH"),
        ("had a call with Hooli.", "Hooli"),
    ],
)
def test_name_edges(text: str, account: str) -> None:
    assert parse(text, today=WED).slots.get("account") == account


@pytest.mark.parametrize(
    "text",
    [
        "12 dials this morning",
        "onsite w/ their CIO",
        "demo for the IT team",
        "demoed the new dashboard",
        "2 calls w/ the US team",
    ],
)
def test_no_account_when_none_is_named(text: str) -> None:
    assert "account" not in parse(text, today=WED).slots
