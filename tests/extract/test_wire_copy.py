"""General fixes: legal-suffix duplicates, wire datelines, collective and described accusers."""

from loaders.extract.layout import analyse
from loaders.extract.pipeline import extract


def _report(text: str) -> dict:
    return extract(text, {"outlet": "Example Desk"})


def _orgs(report: dict) -> dict[str, list[str]]:
    return {o["name"]: o["aliases"] for o in report["organisations"]}


def test_legal_suffix_and_leading_the_make_one_org() -> None:
    text = (
        "The Northmarch Insurance Authority on Monday sued Pellworth Ferries Ltd, alleging that "
        "the operator overcharged passengers.\n\n"
        "Pellworth Ferries has denied wrongdoing, said Ansel Kuypers, a spokesman for "
        "Pellworth Ferries.\n\n"
        "Northmarch Insurance Authority officials declined to add detail.\n"
    )
    orgs = _orgs(_report(text))
    assert sum("Pellworth" in n for n in orgs) == 1
    assert "Pellworth Ferries" in orgs
    assert "Northmarch Insurance Authority" in orgs


def test_dateline_agency_is_not_an_entity_or_accuser() -> None:
    assert analyse("OSLO, Norway (NXP) — Two pilots sued").datelines == [(0, 20)]
    text = (
        "TULSA, Okla. (WBX) — Three nurses sued Redmoor Clinics on Friday, accusing the chain "
        "of cutting staff pay.\n\nRedmoor Clinics said it would fight the case.\n"
    )
    report = _report(text)
    assert "WBX" not in _orgs(report)
    assert all(a["accuser"] != "WBX" for a in report["allegations"])


def test_plaintiffs_resolve_to_the_named_group() -> None:
    text = (
        "Three former drivers sued Pelham Couriers on Monday, saying dispatchers docked their "
        "wages.\n\n"
        "The drivers, Ruth Adeyemi, Karl Brenner and Lucia Ferraro, filed suit in state court. "
        "The plaintiffs allege that their dispatcher, Owen Tull, punished them for complaining.\n"
    )
    items = [a for a in _report(text)["allegations"] if a["accused"] == "Owen Tull"]
    assert items and set(items[0]["accusers"]) == {"Ruth Adeyemi", "Karl Brenner", "Lucia Ferraro"}


def test_prosecutors_resolve_to_the_named_office() -> None:
    text = (
        "The Wexley County District Attorney's Office charged clerk Aurelio Fenn with fraud "
        "on Wednesday.\n\n"
        "Prosecutors allege that Fenn forged invoices worth $400,000.\n"
    )
    items = [a for a in _report(text)["allegations"] if a["accused"] == "Aurelio Fenn"]
    assert items and "District Attorney" in (items[0]["accuser"] or "")


def test_described_accuser_named_later_by_role() -> None:
    text = (
        "A former lighting technician has accused Corentin Blay of bullying junior staff.\n\n"
        "The lighting technician, Saskia Oduro, said Blay mocked her in front of the crew.\n"
    )
    items = [a for a in _report(text)["allegations"] if "bullying" in a["quote"]]
    assert items and items[0]["accuser"] == "Saskia Oduro"


def test_according_to_prosecutors_without_an_office_stays_anonymous() -> None:
    text = (
        "Halvard Innes was charged on Friday.\n\n"
        "According to prosecutors, Innes hid the transfers for three years.\n"
    )
    items = [a for a in _report(text)["allegations"] if a["accused"] == "Halvard Innes"]
    assert items and items[0]["accuser"] is None
    assert items[0]["accuser_description"] == "prosecutors"
