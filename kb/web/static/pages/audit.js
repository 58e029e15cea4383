// `/audit`: the provenance audit (admins), every id shown as a name with a link.
import { NODE, REL, badge, gql, h, link, load, rendered, show, spanHref } from "../kb.js";

const AUDIT = `{ audit { ok totals { citations publications retractedPublications
  nodesByLabel { name count } relationshipsByType { name count } }
  violations { kind message ids } warnings { kind message ids } } }`;
const DESCRIBE = `query($ids: [String!]!) { describe(ids: $ids) { dbId node { ...N ... on Publication { title } }
  relationship { type from { ...N } to { ...N } }
  citation { quote start end publication { id title outlet } } } } ${NODE}`;

// The messages name graph ids; the ids are listed (by name) under each finding instead.
const plain = (message) => message.replace(/\s*\b[a-z]{2,4}_[0-9a-f]{12,}\b/g, "");

async function main() {
  const data = await load(AUDIT);
  if (!data) return;
  const a = data.audit;
  const ids = [...new Set([...a.violations, ...a.warnings].flatMap((f) => f.ids))].slice(0, 200);
  const named = new Map();
  if (ids.length) {
    for (const d of (await gql(DESCRIBE, { ids })).describe) named.set(d.dbId, d);
  }
  const item = (id) => {
    const d = named.get(id);
    if (!d) return h("li", {}, h("span", { class: "small" }, "(no longer in the graph) "), id);
    if (d.node) return h("li", {}, link(d.node), " ", badge(d.node.__typename));
    if (d.citation) {
      const c = d.citation;
      return h("li", {}, "the quote “", c.quote, "” in ",
        h("a", { href: spanHref(c) }, `${c.publication.title} (${c.publication.outlet})`));
    }
    const r = d.relationship;
    return h("li", {}, link(r.from), " ", badge(REL[r.type] || r.type, "rel"), " ", link(r.to));
  };
  const findings = (list, cls) => list.length
    ? h("ul", {}, list.map((f) => h("li", { class: cls }, h("strong", {}, f.kind.replace(/_/g, " ")), `: ${plain(f.message)}`,
        f.ids.length ? h("ul", {}, f.ids.map(item)) : "")))
    : h("p", {}, "None.");
  const counts = (rows, what) => h("table", {}, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, what), h("th", { scope: "col" }, "count"))),
    h("tbody", {}, rows.map((r) => h("tr", {}, h("td", {}, r.name), h("td", {}, String(r.count))))));
  show(
    h("h1", {}, "Provenance audit"),
    h("p", { class: a.ok ? "" : "error", role: "status" }, a.ok
      ? "Every relationship is cited and every quote is where its citation says."
      : `${a.violations.length} violation(s): the citation contract is broken.`),
    h("p", {}, `${a.totals.citations} citations, ${a.totals.publications} publications (${a.totals.retractedPublications} retracted).`),
    h("h2", {}, `Violations (${a.violations.length})`), findings(a.violations, "bad"),
    h("h2", {}, `Warnings (${a.warnings.length})`), findings(a.warnings, "warn"),
    h("h2", {}, "Totals"),
    h("div", { class: "reader" }, counts(a.totals.nodesByLabel, "label"), counts(a.totals.relationshipsByType, "relationship type")));
  rendered();
}

main();
