// `/path?from={id}&to={id}`: the `connections` query drawn as paths, each hop with its quotes;
// when nothing joins the two, say so and how far each side reaches.
import { CITE, HOP, NODE, REL, badge, citations, gql, h, kindOf, label, link, load, params,
         rendered, show } from "../kb.js";

const QUERY = `query($from: ID!, $to: ID!, $hops: Int!) {
  a: node(id: $from) { ...N } b: node(id: $to) { ...N }
  connections(from: $from, to: $to, maxHops: $hops) { length hops { ${HOP} forward } }
} ${NODE} ${CITE}`;
const REACH = `query($id: ID!) { neighbourhood(of: $id, first: 500) { from { ...N } to { ...N } } } ${NODE}`;
const FIND = `query($text: String!) { search(text: $text, first: 1) { __typename id name } }`;

function pickForm(fromId, toId) {
  const field = (id, text) => [h("label", { for: id }, text, " "),
    h("input", { id, name: id, type: "search", required: true, size: 28, placeholder: "a name" }), " "];
  const status = h("p", { role: "status" });
  return h("form", { class: "pick", onsubmit: async (ev) => {
    ev.preventDefault();
    const ids = {};
    for (const key of ["from", "to"]) {
      const given = { from: fromId, to: toId }[key];
      const input = ev.target.elements[key];
      if (!input) { ids[key] = given; continue; }
      const found = (await gql(FIND, { text: input.value })).search[0];
      if (!found) { status.textContent = `No person or organisation matches “${input.value}”.`; return; }
      ids[key] = found.id;
    }
    window.location.search = `?from=${encodeURIComponent(ids.from)}&to=${encodeURIComponent(ids.to)}`;
  } },
  fromId ? "" : field("from", "From"), toId ? "" : field("to", "To"),
  h("button", { type: "submit" }, "Find connections"), status);
}

async function reach(id) {
  const data = await gql(REACH, { id });
  const seen = new Set();
  for (const x of data.neighbourhood) for (const n of [x.from, x.to]) if (kindOf(n) === "entity" && n.id !== id) seen.add(n.id);
  return seen.size;
}

async function main() {
  const from = params().get("from");
  const to = params().get("to");
  const maxHops = Math.min(Math.max(Number(params().get("hops")) || 4, 1), 6);
  if (!from || !to) {
    show(h("h1", {}, "Connections"), h("p", {}, "How are two people or organisations connected? Every step is a cited relationship."),
      pickForm(from, to));
    rendered();
    return;
  }
  const data = await load(QUERY, { from, to, hops: maxHops });
  if (!data) return;
  const { a, b, connections } = data;
  document.title = `${label(a)} ↔ ${label(b)} · kb`;
  const head = h("h1", {}, "Connections between ", link(a), " and ", link(b));
  if (!connections.length) {
    const [ra, rb] = await Promise.all([reach(a.id), reach(b.id)]);
    show(head, h("p", { class: "nopath", role: "status" },
      `No path of up to ${maxHops} cited relationships joins ${label(a)} and ${label(b)}. `,
      `${label(a)} reaches ${ra} other ${ra === 1 ? "entity" : "entities"} through its own claims and relationships; `,
      `${label(b)} reaches ${rb}.`),
      maxHops < 6 ? h("p", {}, h("a", { href: `/path?from=${encodeURIComponent(a.id)}&to=${encodeURIComponent(b.id)}&hops=6` }, "Try up to 6 hops")) : "",
      h("p", {}, h("a", { href: `/graph?focus=${encodeURIComponent(a.id)}` }, `Network around ${label(a)}`), " · ",
        h("a", { href: `/graph?focus=${encodeURIComponent(b.id)}` }, `Network around ${label(b)}`)));
    rendered();
    return;
  }
  show(head,
    h("p", {}, `${connections.length} shortest path${connections.length === 1 ? "" : "s"} of ${connections[0].length} hop${connections[0].length === 1 ? "" : "s"}.`),
    connections.map((p, i) => h("section", { class: "path", "aria-label": `Path ${i + 1}` },
      h("h2", {}, `Path ${i + 1}`),
      h("p", { class: "chain" }, link(p.hops[0].from),
        p.hops.map((x) => [h("span", { class: "arrow" }, x.forward ? ` —${REL[x.type] || x.type}→ ` : ` ←${REL[x.type] || x.type}— `), link(x.to)])),
      h("ol", { class: "hops" }, p.hops.map((x) => h("li", {},
        link(x.forward ? x.from : x.to), " ", badge(REL[x.type] || x.type, "rel"), " ",
        link(x.forward ? x.to : x.from), citations(x.citations)))))));
  rendered();
}

main();
