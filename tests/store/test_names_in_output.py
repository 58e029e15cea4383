"""What a person reads names things: `kb show`, `kb audit`, `kb log`, and the API's hint
when a `dbId` is given where a global id belongs."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api_helpers import Api, codes
from tests.conftest import REPO, Graph

REPORT = REPO / "tests" / "fixtures" / "reports" / "orbis-theatre-quell.yaml"
URL = "https://gazette.example.org/arts/orbis-quell-suspended"
BARE_ID = re.compile(r"^\s*(per|org|alg|rsp|pub|cit|rel)_[0-9a-f]+\s*$")


def loaded(graph: Graph) -> Graph:
    graph.kb("load", str(REPORT), check=True)
    return graph


def section(text: str, heading: str) -> list[str]:
    """The lines under a heading of `kb show`, up to the next blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    out = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        out.append(line)
    return [line for line in out if line.startswith("  - ") or line.startswith("    ")]


def items(text: str, heading: str) -> list[str]:
    return [line for line in section(text, heading) if line.startswith("  - ")]


def test_show_a_person_names_affiliations_actions_associations_and_outlets(
        graph: Graph) -> None:
    shown = loaded(graph).kb("show", "Marta Quell", check=True).stdout
    assert "    reported by Lantern Post" in section(shown, "Allegations against Marta Quell: 1")
    assert any(line.startswith("    response by Ivo Brandt for Marta Quell: denial")
               for line in shown.splitlines()), shown
    assert items(shown, "Responses given for Marta Quell by someone else: 1") == [
        "  - denial (full) by Ivo Brandt: denies every word of the accusation"]
    assert items(shown, "Affiliations of Marta Quell: 1") == [
        "  - Orbis Theatre (artistic director)"]
    assert items(shown, "Actions taken on Marta Quell: 1") == ["  - Orbis Theatre (suspended)"]
    assert items(shown, "People Marta Quell is connected to: 1") == [
        "  - Teodor Quell (husband)"]
    # Each of them with its evidence, quoted.
    assert '"Orbis Theatre said it had suspended Quell" (Harbour Gazette' in shown
    # The other end of the association sees it too.
    other = graph.kb("show", "Teodor Quell", check=True).stdout
    assert items(other, "People Teodor Quell is connected to: 1") == [
        "  - Marta Quell (husband)"]
    lawyer = graph.kb("show", "Ivo Brandt", check=True).stdout
    assert items(lawyer, "Responses given by Ivo Brandt: 1") == [
        "  - denial (full) for Marta Quell: denies every word of the accusation"]


def test_show_an_organisation_names_its_members_actions_and_reports(graph: Graph) -> None:
    theatre = loaded(graph).kb("show", "Orbis Theatre", check=True).stdout
    assert items(theatre, "Members of Orbis Theatre: 1") == [
        "  - Marta Quell (artistic director)"]
    assert items(theatre, "Actions taken by Orbis Theatre: 1") == ["  - Marta Quell (suspended)"]
    outlet = graph.kb("show", "Lantern Post", check=True).stdout
    # Its status is the latest status event: the denial answering it.
    assert items(outlet, "Allegations reported by Lantern Post: 1") == [
        "  - [denied] against Marta Quell: took credit for her set designs"]


def test_audit_text_and_html_name_what_each_listed_id_stands_for(
        graph: Graph, tmp_path: Path) -> None:
    text = loaded(graph).kb("audit", check=True).stdout
    alg = graph.query("MATCH (a:Allegation) RETURN a.id AS id")[0]["id"]
    assert f"      took credit for her set designs (against Marta Quell) ({alg})" in text
    assert not [line for line in text.splitlines() if BARE_ID.match(line)], text
    page = tmp_path / "audit.html"
    graph.kb("audit", "--format", "html", "-o", str(page), check=True)
    assert (f"<li>took credit for her set designs (against Marta Quell) <code>{alg}</code></li>"
            in page.read_text())


def test_log_names_the_publication_and_the_claims_an_event_touched(graph: Graph) -> None:
    loaded(graph).kb("retract", URL, "--reason", "a test", check=True)
    out = graph.kb("log", check=True).stdout
    assert "retractPublication" in out
    assert "Orbis Theatre suspends artistic director over design credit claims " \
           "(Harbour Gazette) (pub_" in out
    assert "took credit for her set designs (against Marta Quell) (alg_" in out
    assert not [line for line in out.splitlines() if BARE_ID.match(line)], out


def test_connections_given_a_db_id_says_which_global_id_to_pass(
        graph: Graph, dev_api: Api) -> None:
    loaded(graph)
    rows = graph.query("MATCH (p:Person) WHERE p.name IN ['Rena Hollis', 'Ivo Brandt'] "
                       "RETURN p.name AS name, p.id AS id ORDER BY name")
    brandt, hollis = rows[0]["id"], rows[1]["id"]
    query = "query($a: ID!, $b: ID!) { connections(from: $a, to: $b) { length } }"

    def hinted(a: str, b: str, field: str, db_id: str) -> str:
        body = dev_api.post(query, {"a": a, "b": b})
        assert codes(body) == ["INVALID_INPUT"]
        message = str(body["errors"][0]["message"])
        assert message.startswith(f"{field}: {db_id!r} is a dbId"), message
        found = re.search(r'"([A-Za-z0-9+/=]+)"$', message)
        assert found is not None, message
        return found.group(1)

    start = hinted(hollis, brandt, "from", hollis)
    end = hinted(start, brandt, "to", brandt)
    # The ids the hints give are the ones that work: Hollis's allegation, Brandt's denial.
    paths = dev_api.data(query, {"a": start, "b": end})["connections"]
    assert [p["length"] for p in paths] == [3]
