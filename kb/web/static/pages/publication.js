// `/publication/{id}`: the stored text, every cited span highlighted; a span opens the
// relationships it supports. `#span-START-END` highlights and focuses one citation.
import { CITE, HOP, NODE, REL, badge, h, idFromPath, link, load, rendered, show } from "../kb.js";

const QUERY = `query($id: ID!) {
  node(id: $id) { __typename id ... on Publication { title outlet url published authors
    retracted retractionReason sha256 text } }
  supportedBy(publication: $id) { ${HOP} }
} ${NODE} ${CITE}`;

async function main() {
  const id = idFromPath("/publication/");
  const data = await load(QUERY, { id });
  if (!data) return;
  const pub = data.node;
  if (!pub || pub.__typename !== "Publication") {
    show(h("h1", {}, "Not found"), h("p", {}, "There is no publication with this id."));
    return;
  }
  document.title = `${pub.title} · kb`;
  // Each span of this text, with the relationships it is evidence for.
  const spans = new Map();
  for (const hop of data.supportedBy) {
    for (const c of hop.citations) {
      if (c.publication.id !== pub.id) continue;
      const key = `${c.start}-${c.end}`;
      if (!spans.has(key)) {
        spans.set(key, { start: c.start, end: c.end, quote: c.quote, superseded: c.supersededBy, hops: [] });
      }
      spans.get(key).hops.push(hop);
    }
  }
  const panel = h("aside", { id: "span-panel", class: "panel", "aria-live": "polite", "aria-label": "What this span supports" },
    h("p", {}, "Select a highlighted passage to see which relationships it supports."));
  const superseded = [...spans.values()].filter((s) => s.superseded);
  const text = h("div", { class: "pubtext", id: "pubtext" }, segments(pub.text, [...spans.values()], panel));
  show(
    pub.retracted ? h("div", { class: "banner retracted", role: "alert" },
      "This publication was retracted", pub.retractionReason ? `: ${pub.retractionReason}` : ".",
      " Claims that rest only on it are hidden from default views.") : "",
    superseded.length ? h("div", { class: "banner corrected", role: "alert" },
      `This publication was corrected: ${superseded.length} cited passage${superseded.length === 1 ? " is" : "s are"} no longer in its current text (struck through below). The text shown is the one the citations were made against.`) : "",
    h("h1", {}, pub.title),
    h("p", {}, pub.outlet, pub.published ? `, ${pub.published}` : "",
      pub.authors && pub.authors.length ? ` · by ${pub.authors.join(", ")}` : "",
      pub.url ? [" · ", h("a", { href: pub.url, rel: "noopener noreferrer" }, "original")] : "",
      ` · ${spans.size} cited span${spans.size === 1 ? "" : "s"} supporting ${data.supportedBy.length} relationship${data.supportedBy.length === 1 ? "" : "s"}`),
    h("div", { class: "reader" }, text, panel),
    h("p", { class: "small" }, `SHA-256 of the stored text: ${pub.sha256}`),
  );
  const m = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
  if (m) {
    const target = spans.get(`${m[1]}-${m[2]}`);
    const marks = [...text.querySelectorAll("mark")].filter((el) =>
      target && +el.dataset.start >= target.start && +el.dataset.end <= target.end);
    marks.forEach((el) => el.classList.add("target"));
    if (marks.length) {
      marks[0].focus();
      marks[0].scrollIntoView({ block: "center" });
      explain(panel, [target]);
    }
  }
  rendered();
}

/** The text cut at every span boundary; covered pieces become focusable marks. */
function segments(textValue, spans, panel) {
  const cuts = new Set([0, textValue.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = textValue.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { out.push(piece); continue; }
    const open = () => explain(panel, covering);
    out.push(h("mark", {
      tabindex: 0, role: "button", dataset: { start: a, end: b },
      title: `supports ${covering.reduce((n, s) => n + s.hops.length, 0)} relationship(s)`,
      class: [covering.length > 1 ? "overlap" : "", covering.some((s) => s.superseded) ? "superseded" : ""].join(" ").trim(),
      onclick: open, onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); } },
    }, piece));
  }
  return out;
}

function explain(panel, spans) {
  panel.replaceChildren(h("h2", {}, "This passage supports"),
    ...spans.map((s) => h("div", { class: "span-info" },
      h("blockquote", {}, s.quote),
      h("p", { class: "small" }, `chars ${s.start}–${s.end}`),
      h("ul", {}, s.hops.map((x) => h("li", {}, link(x.from), " ",
        badge(REL[x.type] || x.type, "rel"), " ", link(x.to),
        x.role ? ` (${x.role})` : "", x.kind ? ` (${x.kind})` : "", x.action ? ` (${x.action})` : ""))))));
}

main();
