"""Pair precision: the constructions the blind sets (blind-wire, blind-corporate, blind-counter)
showed the extractor misreading, each as invented sentences with fictional names.

Most false pairs there were an accuser left unnamed though the article names it (a filing's
"It accuses", a counted group listed later, a regulator taken for an outlet, a name glued to
"accused" by the parser); the rest named the wrong party (a pronoun resolved to the accused's
accuser, a role's own object taken for the role). Each row: a text and what the graph must (or
must not) get from it, counting only claims at or above the review threshold.
"""

from __future__ import annotations

from typing import Any

import pytest

from loaders.extract.entities import Entity, Registry
from loaders.extract.entitylinks import fold_org_short_people
from loaders.extract.nlp import get_nlp
from loaders.extract.pipeline import extract

META = {"outlet": "The Lantern Ledger", "title": "t", "url": "https://example.test/p"}
THRESHOLD = 0.6


def _pairs(report: dict[str, Any]) -> set[tuple[str | None, str]]:
    out: set[tuple[str | None, str]] = set()
    for a in report["allegations"]:
        if a["confidence"] >= THRESHOLD:
            for accuser in a.get("accusers") or [a["accuser"]]:
                out.add((accuser, a["accused"]))
    return out


def _deniers(report: dict[str, Any]) -> set[str]:
    return {d["denier"] for d in report["denials"] if d["confidence"] >= THRESHOLD}


# (id, text, expectations): ("pair", A, B) / ("no_pair", A, B) with A None for an unnamed
# accuser / ("not_accused", B) / ("denier", X) / ("no_denier", X) / ("no_org", NAME) /
# ("person", NAME) / ("no_person", NAME)
CASES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    (
        "countersuit-it-accuses",
        "In a suit filed in June, investor Dagny Holm accuses baker Rufus Tarrant of skimming "
        "cash from the bakery. Tarrant filed a countersuit on Friday. It accuses Holm of "
        "locking him out of the accounts.",
        [("pair", "Dagny Holm", "Rufus Tarrant"), ("pair", "Rufus Tarrant", "Dagny Holm"),
         ("no_pair", None, "Dagny Holm")],
    ),
    (
        "possessive-lawsuit-it-also-accuses",
        "Dr. Anselm Korrigan sued Petra Nyland on Monday. Korrigan's lawsuit, filed in state "
        "court, says the reviews are false. It also accuses Nyland of posting under fake names.",
        [("pair", "Anselm Korrigan", "Petra Nyland"), ("no_pair", None, "Petra Nyland")],
    ),
    (
        "name-glued-to-accused",
        "Former contestant coordinator Yorick Delamain-Abu accused game-show host Percival "
        "Strand of groping him backstage at a 2021 taping, in a video posted on Wednesday.",
        [("pair", "Yorick Delamain-Abu", "Percival Strand"), ("no_pair", None, "Percival Strand")],
    ),
    (
        "counted-group-listed-with-a-name-unrecognised",
        "COLUMBUS, Ohio (TPA) — Seven former rowers at Kestwick College have accused head coach "
        "Ansel Thorby of bullying athletes about their weight, according to a letter the rowers "
        "sent to the college's president on Monday.\n\nThe letter, reviewed by TPA, is signed "
        "by Odile Farraday, Brenna Cossart, Jolene Vasquez-Hurd, Marit Oyelaran, Sunniva "
        "Blackwood-Tse, Ilse Granmont and Deirdre Kapoor, who rowed for Kestwick between 2016 "
        "and 2022.\n\n\"He called it discipline,\" Farraday said.",
        [("pair", "Odile Farraday", "Ansel Thorby"), ("pair", "Deirdre Kapoor", "Ansel Thorby"),
         ("no_pair", None, "Ansel Thorby")],
    ),
    (
        "regulator-named-like-a-magazine-is-no-outlet",
        "The Atlantic Gaming Authority on Tuesday accused casino operator Brightwell Resorts "
        "Ltd. of hiding losses from regulators in a civil enforcement action.",
        [("pair", "The Atlantic Gaming Authority", "Brightwell Resorts Ltd."),
         ("no_pair", None, "Brightwell Resorts Ltd.")],
    ),
    (
        # given names no census list knows: only the text can tell who "he" and "her" are
        "a-role-never-its-own-object-and-he-continues-the-reporter",
        "A tenured physics professor at Harwick College who was disciplined for harassing a "
        "graduate student has sued both the student and the college, accusing her of defaming "
        "him and the college of running a \"rigged\" inquiry.\n\nHarwick's conduct office "
        "concluded in May that Professor Peregrin Ashdown-Vey sent the doctoral student, "
        "Ottoline Dubarry-Lake, dozens of late-night messages about her appearance. The college "
        "suspended him for a term.\n\nIn his lawsuit, filed Monday in federal court, "
        "Ashdown-Vey says Dubarry-Lake \"fabricated\" the messages and repeated \"false\" claims "
        "to other students. He also accuses the college of denying him the chance to "
        "cross-examine witnesses.",
        [("no_pair", None, "Peregrin Ashdown-Vey"),
         ("pair", "Peregrin Ashdown-Vey", "Harwick College"),
         ("no_pair", "Ottoline Dubarry-Lake", "Harwick College")],
    ),
    (
        "an-office-title-is-no-part-of-the-name",
        "Town Clerk Philippa Haverstone said the mayor had shouted at her. Mayor Everett Cass "
        "says Clerk Philippa Haverstone copied personnel files.",
        [("person", "Philippa Haverstone"), ("no_person", "Clerk Philippa Haverstone")],
    ),
    (
        "a-company-is-not-its-affiliate",
        "The Kestrel Gaming Authority on Tuesday accused exchange Brightwell Ltd. of secretly "
        "lending $80 million in customer deposits to a trading affiliate. The regulator says "
        "chief executive Dorian Mace approved the transfers to the affiliate, Brightwell Markets "
        "Trading. Brightwell said it would contest the action.",
        [("pair", "The Kestrel Gaming Authority", "Brightwell"),
         ("not_accused", "Brightwell Markets Trading")],
    ),
    (
        "no-organisation-from-a-section-line-or-a-bare-legislature",
        "The Circuit Wire\nGadgets & Health\n\nRing maker sues rival over sleep claims\n\n"
        "Nocturnal Labs sued Drowsewick Inc. on Monday, accusing it of false advertising. The "
        "Senate has held no hearing on the devices, and Congress is in recess.",
        [("no_org", "Gadgets & Health"), ("no_org", "Senate"), ("no_org", "Congress")],
    ),
    (
        "a-watchdog-named-as-the-complaint-s-author",
        "A campaign-finance watchdog filed a complaint Monday accusing Rep. Silas Ondaatje of "
        "spending $40,000 in campaign funds on family holidays.\n\nThe complaint by the Open "
        "Purse Trust, a nonprofit that tracks political spending, cites campaign reports.",
        [("pair", "Open Purse Trust", "Silas Ondaatje"), ("no_pair", None, "Silas Ondaatje")],
    ),
    (
        "a-whistle-blower-named-as-the-complaint-s-filer",
        "The former finance chief of Marrowfield Foods Inc. has filed a whistle-blower complaint "
        "alleging that chief executive Bram Oyelowo-Hart ordered him to hide $12 million in "
        "recall costs.\n\nIn the complaint, Tobiah Wrenfield says Oyelowo-Hart told him to "
        "\"make the recall disappear.\" Wrenfield, 51, filed the complaint with federal labor "
        "regulators.",
        [("pair", "Tobiah Wrenfield", "Bram Oyelowo-Hart"),
         ("no_pair", None, "Bram Oyelowo-Hart")],
    ),
    (
        "a-complaint-to-a-board-is-not-the-suit",
        "A cosmetic surgeon has sued a former patient for defamation over online reviews in "
        "which she said he botched her surgery.\n\nMaren Okoro-Bell, 41, wrote that Dr. "
        "Lucan Achterfeld \"rushed my surgery.\" Achterfeld's lawsuit, filed in state court, "
        "says the reviews are false. Okoro-Bell has also filed a complaint with the state "
        "medical board.",
        [("no_pair", "Maren Okoro-Bell", "Maren Okoro-Bell"),
         ("no_pair", None, "Maren Okoro-Bell")],
    ),
    (
        "the-report-also-alleged-is-its-author-s",
        "Shares of Ostrava Pay fell on Tuesday after short seller Bellwether Research accused "
        "the payments company of inflating its revenue.\n\nIn a 40-page report published "
        "before the market opened, Bellwether said several customers were shell companies. "
        "Ostrava rejected the report in a statement.\n\nThe report also alleged that Ostrava's "
        "audit chair, Mirela Kastanis, had failed to disclose a business tie to the chief "
        "executive.",
        [("pair", "Bellwether Research", "Mirela Kastanis"), ("no_pair", None, "Mirela Kastanis")],
    ),
    (
        "the-letter-signed-by-a-partner-is-the-firm-s",
        "Activist investor Greyhollow Partners said in a letter to the board on Monday that chief "
        "executive Alaric Penhaligon had steered contracts to his son's company.\n\nThe letter, "
        "signed by Greyhollow's managing partner, Ysolde Marchetti, also accuses Penhaligon of "
        "misleading shareholders.",
        [("no_pair", None, "Alaric Penhaligon"),
         ("no_pair", "Ysolde Marchetti", "Alaric Penhaligon")],
    ),
    (
        "her-memoir-accused-him-is-her-accusation",
        "Actor Lionel Brackwell, the star of a long-running police drama, filed a defamation "
        "lawsuit Tuesday against his former co-star Corinna Valdane, three weeks after her "
        "memoir accused him of assaulting her on a film set in 2015.",
        [("pair", "Corinna Valdane", "Lionel Brackwell"), ("no_pair", None, "Lionel Brackwell")],
    ),
    (
        "says-the-account-is-false-and-accuses",
        "Corinna Valdane wrote in her memoir that actor Lionel Brackwell pushed her against a "
        "wall. Brackwell's complaint, filed in Denver District Court, says the account is \"a "
        "fabrication\" and accuses Valdane of defaming him with false statements.",
        [("pair", "Lionel Brackwell", "Corinna Valdane"), ("no_pair", None, "Corinna Valdane")],
    ),
    (
        "the-group-is-its-named-members",
        "At least six cleaners at Pellmore General Hospital complained over four years that "
        "surgeon Dr. Hollis Vantreck shouted at staff, according to internal emails.\n\nThree "
        "of the cleaners agreed to be named: Ines Caradoc, Mattias Oyelowo and Priya Sandford. "
        "Each said the conduct was reported in writing.\n\nThe cleaners also accuse the "
        "hospital of ignoring their complaints.",
        [("pair", "Ines Caradoc", "Pellmore General Hospital"),
         ("pair", "Priya Sandford", "Pellmore General Hospital"),
         ("no_pair", None, "Pellmore General Hospital")],
    ),
    (
        "what-someone-will-do-is-no-accusation",
        "Actor Lionel Brackwell sued his former co-star Corinna Valdane for defamation on "
        "Tuesday. Valdane's attorney, Lucia Okonkwo-Brandt, said her client \"stands by every "
        "word\" and called the lawsuit \"an attempt to punish a woman for speaking.\" She said "
        "Valdane would ask the court to dismiss it.",
        [("pair", "Lionel Brackwell", "Corinna Valdane"), ("no_pair", None, "Corinna Valdane")],
    ),
    (
        "a-descriptor-before-the-accused-company",
        "Pellham Robotics filed a lawsuit on Monday accusing rival Skyward Dynamics of stealing "
        "trade secrets.",
        [("pair", "Pellham Robotics", "Skyward Dynamics")],
    ),
    (
        "a-bank-spokesman-denies-for-the-bank",
        "Former teller Rosamond Achterberg sued Harlow Trust Bank on Monday, accusing the bank of "
        "firing her for reporting fake accounts. A bank spokesman, Corwin Adeleke, said the "
        "bank's review had found \"no evidence\" of fake accounts and denied that she was fired "
        "for reporting them.",
        [("denier", "Harlow Trust Bank"), ("no_denier", "Corwin Adeleke")],
    ),
    (
        "the-plaintiffs-are-a-list-and-the-company-is-no-restaurant",
        "PHILADELPHIA (NP) — Four former cooks sued Harrowgate Hospitality Group on Tuesday, "
        "accusing the restaurant company of stealing tips.\n\nThe plaintiffs are Jerome "
        "Batiste-Kell, Ottilie Fromberg, Danika Pruszak and Hollis Amberly. All worked at the "
        "group's flagship restaurant, Ember & Sage, between 2019 and 2024.\n\nThe suit says the "
        "company kept at least $310,000 in pooled tips over five years.",
        [("pair", "Ottilie Fromberg", "Harrowgate Hospitality Group"),
         ("pair", "Jerome Batiste-Kell", "Harrowgate Hospitality Group"),
         ("not_accused", "Ember & Sage")],
    ),
    (
        "he-is-suing-me-in-a-quote-names-no-accuser",
        "Software entrepreneur Ignatz Ferrow sued his former business partner, Hespera Valdane, "
        "for defamation on Friday. Ferrow's suit accuses Valdane of posting false claims about "
        "him. \"I told the truth about the company, and now he's suing me for not being "
        "quiet,\" Valdane said.",
        [("pair", "Ignatz Ferrow", "Hespera Valdane"), ("no_pair", None, "Hespera Valdane")],
    ),
    (
        "a-person-set-off-after-a-prepositional-phrase",
        "Another graduate student in the department, Tobias Ferreira-Lund, told the campus "
        "paper that Professor Anselm Grau had made comments about his body. A larger rival, "
        "Helixgate, declined to comment.",
        [("person", "Tobias Ferreira-Lund"), ("no_org", "Tobias Ferreira-Lund")],
    ),
    (
        "a-statute-is-no-organisation",
        "Harwick's Title IX office concluded that Professor Anton Gellner harassed the student. "
        "The complaint cites Section C of the code.",
        [("no_org", "Title IX"), ("no_org", "Section C")],
    ),
    (
        "the-company-inside-a-misparsed-subject-does-not-sue",
        "The chief executive of payments startup Quillmark has sued Odile Brask, a former "
        "employee who accused him of harassment, for extortion.",
        [("no_pair", "Quillmark", "Odile Brask")],
    ),
    (
        "a-parallel-he-stays-the-reported-one",
        "Photographer Nolan Reddick faces accusations from four models. Tamsin Okafor wrote on "
        "Twitter that Reddick kissed her without warning in 2015. Two others, who asked not to "
        "be identified, told a fashion blog that he pressured them to pose nude.",
        [("no_pair", None, "Tamsin Okafor")],
    ),
]


def _check(report: dict[str, Any], kind: str, args: tuple[Any, ...]) -> bool:
    pairs = _pairs(report)
    if kind == "pair":
        return (args[0], args[1]) in pairs
    if kind == "no_pair":
        return (args[0], args[1]) not in pairs
    if kind == "not_accused":
        return all(b != args[0] for _, b in pairs)
    if kind == "denier":
        return args[0] in _deniers(report)
    if kind == "no_denier":
        return args[0] not in _deniers(report)
    if kind in {"person", "no_person"}:
        return any(p["name"] == args[0] for p in report["people"]) == (kind == "person")
    if kind == "no_org":
        return all(o["name"] != args[0] for o in report["organisations"])
    raise AssertionError(f"unknown expectation {kind}")


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_precision_constructions(text: str, expected: list[tuple[Any, ...]]) -> None:
    report = extract(text, META)
    failed = [e for e in expected if not _check(report, e[0], e[1:])]
    assert not failed, (failed, report["allegations"], report["denials"])


def test_the_outlet_by_its_initials_is_the_outlet() -> None:
    """'LOS ANGELES (NP) —', 'told NP': the publishing outlet (Northgate Press), not another
    organisation, and so never an accuser."""
    text = (
        "Northgate Press\n\nProducer faces accusations from actresses\n\nLOS ANGELES (NP) — Five "
        "actresses have accused film producer Emmerich Solvay of sexual misconduct spanning two "
        "decades.\n\nActresses Genevra Lachaise and Ottavia Brisbois told NP that Solvay exposed "
        "himself to them during meetings at his home.\n\nNP writer Hadley Rosskamp contributed."
    )
    report = extract(text, {"outlet": "Northgate Press", "title": "t"})
    orgs = {o["name"]: o["aliases"] for o in report["organisations"]}
    assert orgs.get("Northgate Press") == ["NP"] and "NP" not in orgs
    assert all(x != "NP" for x, _ in _pairs(report))


def test_a_company_tagged_as_a_person_by_its_short_name_is_the_company() -> None:
    """'Harrowgate Hospitality denied ...' tagged PERSON beside 'Harrowgate Hospitality Group':
    the company; 'Harvey Brandt' beside 'Harvey Brandt Group' stays a person (a given name)."""
    doc = get_nlp()("Harrowgate Hospitality Group and Harrowgate Hospitality. Harvey Brandt "
                    "Group and Harvey Brandt.")
    reg = Registry(doc)
    group = Entity("Harrowgate Hospitality Group", "org")
    short = Entity("Harrowgate Hospitality", "person")
    firm = Entity("Harvey Brandt Group", "org")
    man = Entity("Harvey Brandt", "person")
    for ent, (start, end) in ((group, (0, 3)), (short, (4, 6)), (firm, (7, 10)), (man, (11, 13))):
        reg.entities.append(ent)
        ent.tokens.append(start)
        reg.add_mention(start, end, ent, doc[start:end].text)
    fold_org_short_people(reg)
    assert short not in reg.entities and "Harrowgate Hospitality" in group.aliases
    assert reg.by_token[4].entity is group
    assert man in reg.entities and man.kind == "person"


def test_the_outlet_by_its_last_word_is_the_outlet() -> None:
    """'a copy of which was reviewed by the Courier': the publishing outlet, not a party."""
    text = (
        "The former finance chief of Marrowfield Foods has filed a complaint alleging that "
        "chief executive Bram Oyelowo-Hart hid recall costs. In the complaint, a copy of which "
        "was reviewed by the Courier, Tobiah Wrenfield says Oyelowo-Hart told him to hide them."
    )
    report = extract(text, {"outlet": "Lakeside Business Courier", "title": "t"})
    orgs = {o["name"]: o["aliases"] for o in report["organisations"]}
    assert "Courier" not in orgs
    assert orgs.get("Lakeside Business Courier") == ["Courier"]


def test_a_staff_credit_line_names_no_party() -> None:
    """'Tallyrand's Ravi Okolo-Marsh contributed reporting.' ends a story: a staff reporter of
    the outlet, neither a person in the story nor an organisation."""
    text = (
        "Former cook Dagny Holm accused chef Rufus Tarrant of shoving her in the kitchen. "
        "Tarrant denied it.\n\nTallyrand's Ravi Okolo-Marsh contributed reporting."
    )
    report = extract(text, {"outlet": "Tallyrand", "title": "t"})
    names = {p["name"] for p in report["people"]} | {o["name"] for o in report["organisations"]}
    assert "Ravi Okolo-Marsh" not in names
    assert ("Dagny Holm", "Rufus Tarrant") in _pairs(report)
