// `/graph?focus={id}`: the network around an entity, allegation or response. A click on a node
// expands its neighbours; a click on an edge opens its citations. The table below lists the
// same (visible) edges with their quotes, for keyboards and screen readers.
import cytoscape from "/static/vendor/cytoscape/cytoscape.esm.min.js";
import { CITE, HOP, NODE, REL, badge, citation, gql, h, href, kindOf, label, link, load,
         params, rendered, reviewBadge, show } from "../kb.js";

const QUERY = `query($id: ID!) { node(id: $id) { ...N }
  neighbourhood(of: $id, first: 500) { ${HOP} } } ${NODE} ${CITE}`;

const nodes = new Map();  // id -> node
const hops = new Map();   // relationshipId -> hop
const expanded = new Set();
let cy;
let focusId;

const short = (text, n = 38) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
// Unreviewed machine output: no person accepted it and no citation was made by a person.
const machineOnly = (hop) => hop.reviewState !== "ACCEPTED"
  && hop.citations.every((c) => !c.method.startsWith("curated"));

function elementsFor(list) {
  const out = [];
  for (const hop of list) {
    for (const n of [hop.from, hop.to]) {
      if (!nodes.has(n.id)) {
        nodes.set(n.id, n);
        const kind = kindOf(n) === "entity" ? n.__typename.toLowerCase() : kindOf(n);
        out.push({ group: "nodes", data: { id: n.id, label: short(label(n)) }, classes: kind });
      }
    }
    if (!hops.has(hop.relationshipId)) {
      hops.set(hop.relationshipId, hop);
      out.push({ group: "edges", data: { id: hop.relationshipId, source: hop.from.id,
                                         target: hop.to.id, label: REL[hop.type] || hop.type } });
    }
  }
  return out;
}

async function expand(id) {
  if (expanded.has(id)) return;
  expanded.add(id);
  const data = await gql(QUERY, { id });
  const added = cy.add(elementsFor(data.neighbourhood));
  if (added.length) {
    buildFilters();
    applyFilters();
    cy.layout({ ...layoutFor(cy.nodes().length), randomize: false }).run();
  }
}

// Force-directed for small networks; rings by degree beyond (cose grows quadratically).
const layoutFor = (n) => (n <= 80
  ? { name: "cose", animate: false, nodeDimensionsIncludeLabels: true }
  : { name: "concentric", animate: false, minNodeSpacing: 6, avoidOverlap: true,
      concentric: (node) => node.degree(), levelWidth: () => 1 });

// -- filters ----------------------------------------------------------------------------------
const filterBox = h("form", { class: "filters", "aria-label": "Filters", onsubmit: (ev) => ev.preventDefault() });
const state = { types: new Set(), status: "", from: "", to: "", minSources: 0, hideMachine: false };

function buildFilters() {
  const types = [...new Set([...hops.values()].map((x) => x.type))].sort();
  for (const t of types) if (!state.seen?.has(t)) { state.types.add(t); }
  state.seen = new Set(types);
  const statuses = [...new Set([...nodes.values()].filter((n) => n.status).map((n) => n.status))].sort();
  const onChange = () => applyFilters();
  filterBox.replaceChildren(
    h("fieldset", {}, h("legend", {}, "Relationship types"),
      types.map((t) => h("label", {}, h("input", { type: "checkbox", name: "type", value: t,
        checked: state.types.has(t), onchange: (ev) => { ev.target.checked ? state.types.add(t) : state.types.delete(t); onChange(); } }), ` ${REL[t] || t}`))),
    h("fieldset", {}, h("legend", {}, "Allegations"),
      h("label", { for: "f-status" }, "Status"),
      h("select", { id: "f-status", onchange: (ev) => { state.status = ev.target.value; onChange(); } },
        h("option", { value: "" }, "any"), statuses.map((s) => h("option", { value: s, selected: state.status === s }, s))),
      h("label", { for: "f-min" }, "Minimum independent sources"),
      h("input", { id: "f-min", type: "number", min: 0, max: 50, value: state.minSources, size: 4,
        onchange: (ev) => { state.minSources = Number(ev.target.value) || 0; onChange(); } })),
    h("fieldset", {}, h("legend", {}, "Sources published"),
      h("label", { for: "f-from" }, "From"),
      h("input", { id: "f-from", type: "date", value: state.from, onchange: (ev) => { state.from = ev.target.value; onChange(); } }),
      h("label", { for: "f-to" }, "To"),
      h("input", { id: "f-to", type: "date", value: state.to, onchange: (ev) => { state.to = ev.target.value; onChange(); } })),
    h("label", { class: "switch" }, h("input", { id: "f-machine", type: "checkbox", role: "switch",
      checked: state.hideMachine, onchange: (ev) => { state.hideMachine = ev.target.checked; onChange(); } }),
      " Hide unreviewed machine-extracted claims"));
}

function nodeVisible(n) {
  if (n.__typename !== "Allegation") return true;
  if (state.status && n.status !== state.status) return false;
  return (n.independentSources ?? 0) >= state.minSources;
}

function hopVisible(hop) {
  if (!state.types.has(hop.type)) return false;
  if (!nodeVisible(hop.from) || !nodeVisible(hop.to)) return false;
  if (state.hideMachine && machineOnly(hop)) return false;
  if (state.from || state.to) {
    const dated = hop.citations.filter((c) => c.publication.published
      && (!state.from || c.publication.published >= state.from)
      && (!state.to || c.publication.published <= state.to));
    if (!dated.length) return false;
  }
  return true;
}

function applyFilters() {
  const visible = [...hops.values()].filter(hopVisible);
  const shown = new Set([focusId]);
  for (const x of visible) { shown.add(x.from.id); shown.add(x.to.id); }
  const ids = new Set(visible.map((x) => x.relationshipId));
  cy.batch(() => {
    cy.edges().forEach((e) => e.toggleClass("hidden", !ids.has(e.id())));
    cy.nodes().forEach((n) => n.toggleClass("hidden", !shown.has(n.id())));
  });
  renderTable(visible);
  document.getElementById("edge-count").textContent =
    `${shown.size} nodes, ${visible.length} relationships shown (${nodes.size} and ${hops.size} loaded)`;
}

// -- side panel and table ---------------------------------------------------------------------
const panel = h("aside", { id: "edge-panel", class: "panel", "aria-live": "polite", "aria-label": "Details" },
  h("p", {}, "Select a line to see its quotes, or a node to expand it."));

function showHop(hop) {
  panel.replaceChildren(
    h("h2", {}, link(hop.from), " ", badge(REL[hop.type] || hop.type, "rel"), " ", link(hop.to)),
    reviewBadge(hop.reviewState),
    hop.role ? h("p", {}, `Role: ${hop.role}`) : "", hop.kind ? h("p", {}, `Kind: ${hop.kind}`) : "",
    hop.action ? h("p", {}, `Action: ${hop.action}`) : "",
    h("p", { class: "small" }, `${hop.citations.length} citation${hop.citations.length === 1 ? "" : "s"}`),
    ...hop.citations.map(citation));
}

function showNode(n) {
  panel.replaceChildren(h("h2", {}, link(n)),
    n.status ? h("p", {}, badge(n.status, "status"), ` ${n.independentSources} independent source(s)`) : "",
    h("p", {}, h("a", { href: href(n) }, "Open its page"), " · ",
      h("a", { href: `/graph?focus=${encodeURIComponent(n.id)}` }, "Focus the network here")));
}

const table = h("tbody");
function renderTable(visible) {
  const cell = (n) => h("td", {}, link(n), " ", kindOf(n) === "publication" ? "" :
    h("button", { type: "button", class: "small", "aria-label": `Expand ${label(n)}`,
                  onclick: () => expand(n.id) }, "expand"));
  table.replaceChildren(...visible.map((x) => h("tr", {},
    cell(x.from), h("td", {}, REL[x.type] || x.type, x.role ? ` (${x.role})` : ""), cell(x.to),
    h("td", {}, x.citations.map(citation)))));
}

async function main() {
  focusId = params().get("focus");
  if (!focusId) {
    show(h("h1", {}, "Network"), h("p", {}, "Open the network from an entity or allegation page, or ",
      h("a", { href: "/" }, "search"), " for one."));
    rendered();
    return;
  }
  const data = await load(QUERY, { id: focusId });
  if (!data) return;
  if (!data.node) { show(h("h1", {}, "Not found"), h("p", {}, "Nothing in the graph has this id.")); return; }
  document.title = `Network: ${label(data.node)} · kb`;
  nodes.set(data.node.id, data.node);
  expanded.add(focusId);
  const container = h("div", { id: "cy", role: "img",
    "aria-label": `Network around ${label(data.node)}; the table below lists the same relationships` });
  show(
    h("h1", {}, "Network around ", link(data.node)),
    h("p", { id: "edge-count", class: "small", "aria-live": "polite" }),
    h("div", { class: "graph-layout" }, filterBox, container, panel),
    h("h2", { id: "table-title" }, "The relationships shown, with their quotes"),
    h("table", { "aria-labelledby": "table-title" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "From"), h("th", { scope: "col" }, "Relationship"),
        h("th", { scope: "col" }, "To"), h("th", { scope: "col" }, "Quotes"))), table));
  const kind = kindOf(data.node) === "entity" ? data.node.__typename.toLowerCase() : kindOf(data.node);
  const elements = [{ group: "nodes", data: { id: data.node.id, label: short(label(data.node)) }, classes: `${kind} focus` },
    ...elementsFor(data.neighbourhood)];
  cy = cytoscape({
    container, elements, minZoom: 0.1, maxZoom: 3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap",
        "text-max-width": 120, "text-valign": "bottom", "text-margin-y": 3, color: "#1a1a1a",
        width: 22, height: 22, "background-color": "#5b6470" } },
      { selector: "node.person", style: { "background-color": "#2f6fdb", shape: "ellipse" } },
      { selector: "node.organisation", style: { "background-color": "#1e8a4c", shape: "round-rectangle" } },
      { selector: "node.allegation", style: { "background-color": "#d9822b", shape: "diamond", width: 26, height: 26 } },
      { selector: "node.response", style: { "background-color": "#8a5bd6", shape: "triangle" } },
      { selector: "node.focus", style: { "border-width": 4, "border-color": "#1a1a1a", width: 32, height: 32 } },
      { selector: "edge", style: { width: 2, "line-color": "#9aa5b5", "target-arrow-color": "#9aa5b5",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)",
        "font-size": 8, color: "#4a4a4a", "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.8 } },
      { selector: "edge:selected", style: { "line-color": "#1a73e8", "target-arrow-color": "#1a73e8", width: 4 } },
      { selector: ".hidden", style: { display: "none" } },
    ],
  });
  cy.on("tap", "edge", (ev) => showHop(hops.get(ev.target.id())));
  cy.on("tap", "node", (ev) => { const n = nodes.get(ev.target.id()); showNode(n); expand(n.id); });
  buildFilters();
  applyFilters();
  cy.one("layoutstop", () => rendered());
  window.kbTimes = { data: Math.round(performance.now()) };
  cy.layout(layoutFor(cy.nodes().length)).run();
  window.kbGraph = { cy, hops, nodes, expanded };  // for the browser tests
}

main();
