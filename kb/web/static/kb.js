// Shared by every page: the GraphQL client (bearer token, never a cookie), safe DOM building
// (text nodes only: nothing from the graph is ever parsed as HTML), links and citations.

const TOKEN_KEY = "kb.token";

export const main = () => document.getElementById("main");
export const params = () => new URLSearchParams(window.location.search);

/** The id after a page prefix, e.g. idFromPath("/entity/"). */
export function idFromPath(prefix) {
  return decodeURIComponent(window.location.pathname.slice(prefix.length));
}

/** An element: attributes, event handlers (onclick: fn) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the page's content. */
export function show(...children) {
  const m = main();
  m.replaceChildren();
  append(m, children);
}

// -- tokens and requests ----------------------------------------------------------------------

export const getToken = () => window.localStorage.getItem(TOKEN_KEY);
export function setToken(token) {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join("; "));
    this.codes = errors.map((e) => (e.extensions || {}).code);
  }
}

/** POST a GraphQL document; the data, or an ApiError carrying the error codes. */
export async function gql(query, variables = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch("/graphql", {
    method: "POST", headers, body: JSON.stringify({ query, variables }), credentials: "omit",
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `the API answered ${response.status}` }]);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  return body.data;
}

/** gql for a page: without a valid token (UNAUTHENTICATED), or with one whose role is too
 * low (FORBIDDEN), ask for a token; on anything else say what went wrong. */
export async function load(query, variables = {}) {
  try {
    return await gql(query, variables);
  } catch (err) {
    if (err instanceof ApiError
        && (err.codes.includes("UNAUTHENTICATED") || err.codes.includes("FORBIDDEN"))) {
      show(tokenForm(err.message));
    } else {
      show(h("p", { class: "error", role: "alert" }, `Could not load this page: ${err.message}`));
    }
    return null;
  }
}

export function tokenForm(reason) {
  const input = h("input", { id: "token", type: "password", autocomplete: "off", required: true,
                             size: 40 });
  return h("form", {
    class: "token-form", "aria-labelledby": "token-title",
    onsubmit: (ev) => { ev.preventDefault(); setToken(input.value.trim()); window.location.reload(); },
  },
  h("h1", { id: "token-title" }, "An API token is needed"),
  h("p", {}, reason || "This page needs a token.",
    " Ask an admin for one (kb token create --role reader|editor). It stays in this browser and is sent only as a bearer header."),
  h("label", { for: "token" }, "API token "), input, " ",
  h("button", { type: "submit" }, "Use this token"));
}

function renderAuth() {
  const box = document.getElementById("auth");
  if (!box) return;
  if (getToken()) {
    box.replaceChildren(h("span", {}, "Using a token "),
      h("button", { type: "button", onclick: () => { setToken(null); window.location.reload(); } },
        "Forget token"));
  } else {
    box.replaceChildren(h("button", { type: "button", onclick: () => show(tokenForm()) },
      document.body.dataset.anonymousRead === "true" ? "Use a token (to edit)" : "Use a token"));
  }
}

// -- names and links: never a bare id in front of a person ------------------------------------

export const RESPONSE_TYPES = ["Denial", "Admission", "Apology", "NoComment", "DoesNotRecall"];

export function kindOf(node) {
  const t = node.__typename;
  if (t === "Person" || t === "Organisation") return "entity";
  if (t === "Allegation") return "allegation";
  if (t === "Publication") return "publication";
  if (RESPONSE_TYPES.includes(t)) return "response";
  return "other";
}

export function label(node) {
  if (!node) return "(unknown)";
  if (node.name) return node.name;
  if (node.title) return node.title;
  if (kindOf(node) === "response") {
    const type = (node.type || node.__typename).replace(/_/g, " ");
    return node.summary ? `${type}: ${node.summary}` : type;
  }
  if (node.summary) return node.summary;
  return node.__typename || "(unnamed)";
}

export function href(node) {
  const id = encodeURIComponent(node.id);
  switch (kindOf(node)) {
    case "entity": return `/entity/${id}`;
    case "allegation": return `/allegation/${id}`;
    case "publication": return `/publication/${id}`;
    default: return `/graph?focus=${id}`;
  }
}

export const link = (node, text) => h("a", { href: href(node) }, text || label(node));

export const REL = {
  ACCUSES: "accuses", AGAINST: "against", REPORTS: "reports", REPORTED_BY: "reported by",
  ISSUED: "issued", ON_BEHALF_OF: "on behalf of", RESPONDS_TO: "responds to",
  AFFILIATED_WITH: "affiliated with", ASSOCIATED_WITH: "associated with", ACTED_ON: "acted on",
};

export const spanHref = (c) =>
  `/publication/${encodeURIComponent(c.publication.id)}#span-${c.start}-${c.end}`;

/** One citation: the exact quote, where it is from, and a link to it in the stored text. */
export function citation(c) {
  const pub = c.publication;
  return h("figure", { class: "citation" },
    h("blockquote", {}, c.quote),
    h("figcaption", {},
      pub.outlet, pub.published ? `, ${pub.published}` : "", " · ",
      h("a", { href: spanHref(c) }, `“${pub.title}”, chars ${c.start}–${c.end}`),
      c.method && !c.method.startsWith("curated") ? h("span", { class: "badge machine", title: c.method }, "machine-extracted") : "",
      pub.retracted ? h("span", { class: "badge retracted" }, "retracted") : "",
      c.supersededBy ? h("span", { class: "badge bad" }, "no longer in the corrected text")
        : c.verified === false ? h("span", { class: "badge bad" }, "quote not verified") : ""));
}

export const citations = (list) => h("div", { class: "citations" }, list.map(citation));

export function badge(text, cls = "") {
  return h("span", { class: `badge ${cls}` }, text);
}

// Fragments every page selects for nodes and citations (kept small: the API counts tokens).
export const NODE = `fragment N on Node { __typename id ... on Entity { name }
  ... on Allegation { summary status independentSources reviewState }
  ... on Response { type kind summary reviewState } ... on Publication { title } }`;
export const CITE = `fragment C on Citation { quote start end method verified supersededBy
  publication { id title outlet published retracted } }`;
export const HOP = `type relationshipId role kind action reviewState from { ...N } to { ...N }
  citations { ...C }`;

/** A person's judgement, when there is one worth saying. */
export function reviewBadge(state) {
  if (state === "ACCEPTED") return badge("reviewed: accepted", "accepted");
  if (state === "REJECTED") return badge("rejected by a reviewer", "bad");
  return "";
}

/** Mark a page done rendering (the browser tests read this to time it). */
export function rendered() {
  document.body.dataset.rendered = String(Math.round(performance.now()));
}

renderAuth();
