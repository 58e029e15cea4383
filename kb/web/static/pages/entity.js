// `/entity/{id}`: a person or organisation with everything the graph says about them,
// each item with its status, its quotes and its sources.
import { CITE, HOP, NODE, REL, badge, citations, h, idFromPath, label, link, load, rendered,
         reviewBadge, show } from "../kb.js";

const QUERY = `query($id: ID!) {
  node(id: $id) { __typename id ... on Entity { name aliases description } }
  neighbourhood(of: $id, first: 500) { ${HOP} }
} ${NODE} ${CITE}`;

async function main() {
  const id = idFromPath("/entity/");
  const data = await load(QUERY, { id });
  if (!data) return;
  const me = data.node;
  if (!me || !me.name) {
    show(h("h1", {}, "Not found"), h("p", {}, "There is no person or organisation with this id."));
    return;
  }
  document.title = `${me.name} · kb`;
  const hops = data.neighbourhood;
  const is = (n) => n.id === me.id;
  const by = (type, pred) => hops.filter((x) => x.type === type && pred(x));
  const others = (type, claimId, skip) =>
    hops.filter((x) => x.type === type && (x.from.id === claimId || x.to.id === claimId))
      .map((x) => (x.from.id === claimId ? x.to : x.from)).filter((n) => !skip || !skip(n));
  const names = (nodes) => nodes.length
    ? nodes.flatMap((n, i) => [i ? ", " : "", link(n)]) : ["(not named)"];

  const responsesTo = (alg) => by("RESPONDS_TO", (x) => x.to.id === alg.id).map((x) => x.from);
  const responseLine = (r) => {
    const speakers = others("ISSUED", r.id);
    const party = others("ON_BEHALF_OF", r.id);
    const via = party.length && speakers.some((s) => !party.some((p) => p.id === s.id));
    return h("li", {}, badge(r.type.replace(/_/g, " "), "response"), " ",
      via ? [names(party), " via ", names(speakers)] : names(speakers.length ? speakers : party),
      r.kind ? ` (${r.kind})` : "", r.summary ? `: ${r.summary}` : "",
      citations(hops.filter((x) => x.from.id === r.id || x.to.id === r.id)
        .filter((x) => x.type === "ISSUED").flatMap((x) => x.citations)));
  };
  const allegationItem = (edge, alg, role) => {
    const parties = role === "faced" ? others("ACCUSES", alg.id) : others("AGAINST", alg.id, is);
    return h("li", { class: "claim" },
      h("p", {}, badge(alg.status, "status"), reviewBadge(alg.reviewState), " ", link(alg), " ",
        role === "faced" ? ["— alleged by ", names(parties)] : ["— against ", names(parties)],
        ` · ${alg.independentSources} independent source${alg.independentSources === 1 ? "" : "s"}`),
      citations(edge.citations),
      responsesTo(alg).length
        ? h("ul", { class: "responses" }, responsesTo(alg).map(responseLine)) : "");
  };
  const relationItem = (x, other, text) =>
    h("li", {}, text, " ", link(other), citations(x.citations));

  const faced = by("AGAINST", (x) => is(x.to));
  const made = by("ACCUSES", (x) => is(x.from));
  const issued = by("ISSUED", (x) => is(x.from)).map((x) => x.to);
  const forMe = by("ON_BEHALF_OF", (x) => is(x.to)).map((x) => x.from)
    .filter((r) => !issued.some((i) => i.id === r.id));
  const affiliations = by("AFFILIATED_WITH", (x) => is(x.from) || is(x.to));
  const associations = by("ASSOCIATED_WITH", (x) => is(x.from) || is(x.to));
  const actions = by("ACTED_ON", (x) => is(x.from) || is(x.to));
  const outlets = new Map();
  for (const x of hops) {
    if (x.type === "REPORTED_BY") outlets.set(x.to.id, link(x.to));
    for (const c of x.citations) if (!outlets.has(c.publication.outlet)) outlets.set(c.publication.outlet, c.publication.outlet);
  }
  const section = (title, items) => items.length
    ? h("section", {}, h("h2", {}, `${title} (${items.length})`), h("ul", {}, items)) : "";
  const other = (x) => (is(x.from) ? x.to : x.from);

  show(
    h("h1", {}, me.name, " ", badge(me.__typename === "Person" ? "person" : "organisation")),
    me.aliases.length ? h("p", {}, "Also named: ", me.aliases.join(", ")) : "",
    me.description ? h("p", {}, me.description) : "",
    h("p", {}, h("a", { href: `/graph?focus=${encodeURIComponent(me.id)}` }, "Show on the network"),
      " · ", h("a", { href: `/path?from=${encodeURIComponent(me.id)}` }, "Find a connection")),
    section("Allegations faced", faced.map((x) => allegationItem(x, x.from, "faced"))),
    section("Allegations made", made.map((x) => allegationItem(x, x.to, "made"))),
    section("Responses given", issued.map(responseLine)),
    section("Responses given on their behalf", forMe.map(responseLine)),
    section("Affiliations", affiliations.map((x) =>
      relationItem(x, other(x), `${x.role || "affiliated"}${is(x.from) ? " at" : ": member"}`))),
    section("Associations", associations.map((x) => relationItem(x, other(x), x.kind || "associated with"))),
    section("Actions", actions.map((x) => relationItem(x, other(x),
      is(x.from) ? `${x.action || REL.ACTED_ON} →` : `${x.action || REL.ACTED_ON} by`))),
    section("Reported by", [...outlets.values()].map((o) => h("li", {}, o))),
    hops.length ? "" : h("p", {}, `Nothing in the graph involves ${label(me)} yet.`),
  );
  rendered();
}

main();
