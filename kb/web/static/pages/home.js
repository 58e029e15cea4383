// `/`: search people, organisations and allegations; recent publications; counts.
import { gql, h, label, link, load, params, rendered, show } from "../kb.js";

const OVERVIEW = `{
  people(first: 1) { totalCount } organisations(first: 1) { totalCount }
  allegations(first: 1) { totalCount }
  publications(first: 100) { totalCount edges { node { id title outlet published retracted } } }
}`;
const SEARCH = `query($text: String!) {
  search(text: $text, first: 20) { __typename id name aliases }
  allegations(first: 100) { edges { node { __typename id summary status } } }
}`;

async function main() {
  const data = await load(OVERVIEW);
  if (!data) return;
  const text = params().get("q") || "";
  const input = h("input", { id: "q", name: "q", type: "search", value: text, size: 40,
                             placeholder: "a name, an alias or words of an allegation" });
  const results = h("section", { id: "results", "aria-live": "polite" });
  const pubs = data.publications.edges.map((e) => e.node).reverse().slice(0, 10);
  show(
    h("h1", {}, "Search the graph"),
    h("form", { role: "search", action: "/", method: "get" },
      h("label", { for: "q" }, "Search "), input, " ", h("button", { type: "submit" }, "Search")),
    results,
    h("section", { class: "counts", "aria-label": "Counts" },
      h("p", {},
        `${data.people.totalCount} people · ${data.organisations.totalCount} organisations · `,
        `${data.allegations.totalCount} allegations · ${data.publications.totalCount} publications · `,
        h("a", { href: "/review" }, "review queue"), " · ", h("a", { href: "/audit" }, "audit"))),
    h("section", {}, h("h2", {}, "Recent publications"),
      h("ul", {}, pubs.map((p) => h("li", {}, link({ ...p, __typename: "Publication" }),
        ` — ${p.outlet}${p.published ? ", " + p.published : ""}`,
        p.retracted ? h("span", { class: "badge retracted" }, "retracted") : "")))),
  );
  if (text) await search(text, results);
  rendered();
}

async function search(text, results) {
  const data = await gql(SEARCH, { text });
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const allegations = data.allegations.edges.map((e) => e.node)
    .filter((a) => words.every((w) => a.summary.toLowerCase().includes(w)));
  results.replaceChildren(
    h("h2", {}, `People and organisations matching “${text}”`),
    data.search.length
      ? h("ul", {}, data.search.map((e) => h("li", {}, link(e), ` (${e.__typename})`,
          e.aliases.length ? ` — also ${e.aliases.join(", ")}` : "")))
      : h("p", {}, "No person or organisation matches."),
    h("h2", {}, "Allegations"),
    allegations.length
      ? h("ul", {}, allegations.map((a) => h("li", {}, link(a, label(a)), ` [${a.status}]`)))
      : h("p", {}, "No allegation summary contains these words."));
}

main();
