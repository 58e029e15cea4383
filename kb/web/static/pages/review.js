// `/review`: extracted claims waiting for a person's judgement, each with its sentence in
// context, and merge candidates. Editors get accept / reject / edit and merge / distinct;
// the API refuses everyone else, and the page then shows no buttons.
import { ApiError, badge, getToken, gql, h, link, load, rendered, show, tokenForm } from "../kb.js";

const QUEUE = `{ reviewQueue(first: 50) { id kind summary sentence context rule confidence reviewState
    publication { id title outlet published } claim { __typename id } }
  mergeCandidates(first: 50) { id reason left { __typename id name aliases }
    right { __typename id name aliases } } }`;
const ACCEPT = `mutation($id: ID!) { acceptClaim(id: $id) { id reviewState } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectClaim(id: $id, reason: $reason) { id reviewState } }`;
const EDIT = `mutation($id: ID!, $input: EditClaimInput!) { editClaim(id: $id, input: $input) { id summary reviewState } }`;
const MERGE = `mutation($keep: ID!, $merge: ID!, $reason: String!) { mergeEntities(keep: $keep, merge: $merge, reason: $reason) { __typename } }`;
const DISTINCT = `mutation($l: ID!, $r: ID!, $reason: String!) { markDistinct(left: $l, right: $r, reason: $reason) }`;

const status = h("p", { id: "review-status", role: "status", "aria-live": "polite" });

async function act(item, query, variables, done) {
  const buttons = item.querySelectorAll("button, input");
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const data = await gql(query, variables);
    done(data);
  } catch (err) {
    status.textContent = `Not done: ${err.message}`;
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** The context with the cited sentence marked. */
function context(r) {
  const at = r.context.indexOf(r.sentence);
  if (at < 0) return h("p", { class: "context" }, r.context);
  return h("p", { class: "context" }, r.context.slice(0, at),
    h("mark", { class: "sentence" }, r.sentence), r.context.slice(at + r.sentence.length));
}

function reasonForm(labelText, onReason, idSuffix) {
  const id = `reason-${idSuffix}`;
  const input = h("input", { id, type: "text", required: true, size: 40 });
  return h("form", { class: "reason", onsubmit: (ev) => { ev.preventDefault(); onReason(input.value.trim()); } },
    h("label", { for: id }, "Reason "), input, " ", h("button", { type: "submit" }, labelText));
}

function claimItem(r, i, editor) {
  const state = h("span", { class: "state" }, badge(r.reviewState.toLowerCase(), r.reviewState === "ACCEPTED" ? "accepted" : ""));
  const item = h("article", { class: "review-item", "aria-labelledby": `ri-${i}` },
    h("h3", { id: `ri-${i}` }, badge(r.kind), " ", r.claim ? link(r.claim, r.summary) : r.summary),
    h("p", { class: "small" }, `confidence ${r.confidence.toFixed(2)}`, r.rule ? ` · ${r.rule}` : "",
      r.publication ? [" · ", link({ ...r.publication, __typename: "Publication" }), ` (${r.publication.outlet})`] : "",
      " · ", state),
    context(r));
  if (!editor) return item;
  const done = (text, cls) => (data) => {
    const d = Object.values(data)[0];
    state.replaceChildren(badge(d.reviewState.toLowerCase(), cls));
    item.querySelector(".actions").replaceChildren(h("p", {}, text));
    status.textContent = `${text}: ${r.summary}`;
  };
  const actions = h("div", { class: "actions" },
    h("button", { type: "button", class: "primary", "aria-label": `Accept: ${r.summary}`,
      onclick: () => act(item, ACCEPT, { id: r.id }, done("Accepted", "accepted")) }, "Accept"),
    h("button", { type: "button", class: "danger", "aria-label": `Reject: ${r.summary}`,
      onclick: () => actions.replaceChildren(reasonForm("Reject", (reason) =>
        act(item, REJECT, { id: r.id, reason }, done("Rejected", "bad")), `r${i}`)) }, "Reject"),
    h("button", { type: "button", "aria-label": `Edit: ${r.summary}`,
      onclick: () => actions.replaceChildren(editForm(r, i, item, done)) }, "Edit"));
  item.append(actions);
  return item;
}

function editForm(r, i, item, done) {
  const fields = ["accuser", "accused", "denier", "category"].map((name) => {
    const id = `edit-${i}-${name}`;
    return [h("label", { for: id }, name, " "), h("input", { id, name, type: "text", size: 24 }), " "];
  });
  return h("form", { class: "edit", onsubmit: (ev) => {
    ev.preventDefault();
    const input = {};
    for (const el of ev.target.querySelectorAll("input")) if (el.value.trim()) input[el.name] = el.value.trim();
    act(item, EDIT, { id: r.id, input }, done("Edited", "accepted"));
  } }, h("p", { class: "small" }, "Names as the sentence gives them; empty fields stay as they are."),
  fields, h("button", { type: "submit" }, "Save the edit"));
}

function mergeItem(m, i, editor) {
  const names = (e) => [link(e), e.aliases.length ? ` (also ${e.aliases.join(", ")})` : ""];
  const item = h("article", { class: "review-item", "aria-labelledby": `mc-${i}` },
    h("h3", { id: `mc-${i}` }, "Same ", m.left.__typename === "Person" ? "person" : "organisation", "? ",
      names(m.left), " and ", names(m.right)),
    h("p", {}, m.reason));
  if (!editor) return item;
  const finished = (text) => () => {
    item.querySelector(".actions").replaceChildren(h("p", {}, text));
    status.textContent = text;
  };
  const actions = h("div", { class: "actions" },
    h("button", { type: "button", onclick: () => actions.replaceChildren(reasonForm(`Merge into ${m.left.name}`, (reason) =>
      act(item, MERGE, { keep: m.left.id, merge: m.right.id, reason }, finished(`Merged ${m.right.name} into ${m.left.name}`)), `m${i}`)) },
      `Merge into ${m.left.name}`),
    h("button", { type: "button", onclick: () => actions.replaceChildren(reasonForm("Mark distinct", (reason) =>
      act(item, DISTINCT, { l: m.left.id, r: m.right.id, reason }, finished(`${m.left.name} and ${m.right.name} are distinct`)), `d${i}`)) },
      "Not the same"));
  item.append(actions);
  return item;
}

async function main() {
  let data;
  try {
    data = await gql(QUEUE);
  } catch (err) {
    if (err instanceof ApiError
        && (err.codes.includes("FORBIDDEN") || err.codes.includes("UNAUTHENTICATED"))) {
      // Readers (FORBIDDEN) and anonymous visitors (UNAUTHENTICATED) see why, and no buttons.
      show(h("h1", {}, "Review queue"),
        getToken() ? h("p", { class: "error", role: "alert" }, `Reviewing is for editors: ${err.message}.`)
                   : tokenForm("Reviewing needs an editor token."));
      rendered();
      return;
    }
    await load(QUEUE);
    return;
  }
  const editor = true;  // the API answered the queue: this token may review
  show(h("h1", {}, "Review queue"), status,
    h("p", {}, "Is the quote read right? The quote itself is checked by machine; this is a person's judgement. Every decision goes to the audit log."),
    h("h2", {}, `Extracted claims (${data.reviewQueue.length})`),
    data.reviewQueue.length ? data.reviewQueue.map((r, i) => claimItem(r, i, editor)) : h("p", {}, "Nothing waits for review."),
    h("h2", {}, `Merge candidates (${data.mergeCandidates.length})`),
    data.mergeCandidates.length ? data.mergeCandidates.map((m, i) => mergeItem(m, i, editor)) : h("p", {}, "No merge candidates."));
  rendered();
}

main();
