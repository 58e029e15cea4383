// `/allegation/{id}`: summary, status, parties, responses, reporting, every citation.
import { CITE, HOP, NODE, badge, citations, h, idFromPath, link, load, rendered, reviewBadge,
         show } from "../kb.js";

const QUERY = `query($id: ID!) {
  node(id: $id) { __typename id ... on Allegation { summary categories status
    accuserDescription firstReported independentSources unsupported reviewState
    statusHistory { status date quote outlet publicationId }
    reportingPublications(first: 100) { edges { node { id title outlet published retracted }
      citations(first: 100) { ...C } } } } }
  neighbourhood(of: $id, first: 500) { ${HOP} }
} ${NODE} ${CITE}`;

async function main() {
  const id = idFromPath("/allegation/");
  const data = await load(QUERY, { id });
  if (!data) return;
  const a = data.node;
  if (!a || a.__typename !== "Allegation") {
    show(h("h1", {}, "Not found"), h("p", {}, "There is no allegation with this id."));
    return;
  }
  document.title = `${a.summary} · kb`;
  const hops = data.neighbourhood;
  const touching = (type) => hops.filter((x) => x.type === type && (x.from.id === a.id || x.to.id === a.id));
  const party = (x) => (x.from.id === a.id ? x.to : x.from);
  const rows = (list) => h("ul", {}, list.map((x) => h("li", {}, link(party(x)), citations(x.citations))));
  const responses = touching("RESPONDS_TO").map((x) => {
    const r = x.from;
    const about = (type) => hops.filter((y) => y.type === type && y.from.id === r.id || y.type === type && y.to.id === r.id)
      .map((y) => (y.from.id === r.id ? y.to : y.from));
    const speakers = about("ISSUED");
    const forWhom = about("ON_BEHALF_OF");
    const via = forWhom.length && speakers.some((s) => !forWhom.some((p) => p.id === s.id));
    return h("li", {}, badge(r.type.replace(/_/g, " "), "response"), " ",
      via ? [forWhom.map((p) => link(p)), " via ", speakers.map((s) => link(s))]
          : (speakers.length ? speakers : forWhom).map((s) => link(s)),
      r.kind ? ` (${r.kind})` : "", r.summary ? `: ${r.summary}` : "", citations(x.citations));
  });
  const pubs = a.reportingPublications.edges;
  const all = new Map();
  for (const c of [...hops.flatMap((x) => x.citations), ...pubs.flatMap((e) => e.citations)]) {
    all.set(`${c.publication.id}:${c.start}:${c.end}`, c);
  }
  show(
    h("h1", {}, a.summary),
    h("p", {}, badge(a.status, "status"), reviewBadge(a.reviewState), a.unsupported ? badge("unsupported: every source retracted", "retracted") : "",
      ` · categories: ${a.categories.join(", ") || "none"}`,
      a.firstReported ? ` · first reported ${a.firstReported}` : "",
      ` · ${a.independentSources} independent source${a.independentSources === 1 ? "" : "s"}`),
    h("p", {}, h("a", { href: `/graph?focus=${encodeURIComponent(a.id)}` }, "Show on the network")),
    h("section", {}, h("h2", {}, "Status over time"),
      a.statusHistory.length ? h("ol", { class: "history" }, a.statusHistory.map((e) => h("li", {},
        e.date || "undated", " — ", badge(e.status, "status"), " “", e.quote, "” (",
        h("a", { href: `/publication/${encodeURIComponent(btoa(`Publication:${e.publicationId}`))}` }, e.outlet), ")")))
        : h("p", {}, "No dated status events are recorded.")),
    h("section", {}, h("h2", {}, "Accusers"),
      touching("ACCUSES").length ? rows(touching("ACCUSES"))
        : h("p", {}, a.accuserDescription || "Not named in the sources.")),
    h("section", {}, h("h2", {}, "Accused"), rows(touching("AGAINST"))),
    h("section", {}, h("h2", {}, `Responses (${responses.length})`),
      responses.length ? h("ul", {}, responses) : h("p", {}, "No response is recorded.")),
    h("section", {}, h("h2", {}, "Reported in"),
      h("ul", {}, pubs.map((e) => h("li", {}, link({ ...e.node, __typename: "Publication" }),
        ` — ${e.node.outlet}${e.node.published ? ", " + e.node.published : ""}`,
        e.node.retracted ? badge("retracted", "retracted") : ""))),
      touching("REPORTED_BY").length
        ? [h("h3", {}, "Outlets said to have reported it"), rows(touching("REPORTED_BY"))] : ""),
    h("section", {}, h("h2", {}, `Every citation (${all.size})`), citations([...all.values()])),
  );
  rendered();
}

main();
