// Loads every cleaned payload of `xss_dump`'s JSON into Debian's Chromium (headless, driven by
// playwright-core, nothing fetched from any network) and fails on any sign of execution or on
// any difference between Chromium's tree of the cleaned HTML and html5ever's.
//
//   node tests/browser/run.mjs target/xss.json             # the test
//   node tests/browser/run.mjs --control target/xss.json   # the harness's own check
//
// The control run loads the raw, uncleaned payloads instead and compares with html5ever's
// tree of the raw payloads: it must report executions and the deep-nesting tree differences
// (html5ever has no depth limit, Chromium has), or the harness could not see them either.
//
// Markdown posts (source `markdown`) come as the HTML a blog would serve: `cleaned` is the
// rendering of the cleaned post by pulldown-cmark, `payload` the rendering of the raw one (see
// xss_dump.rs). The cleaned post's Markdown (`markdown`) is also rendered here by markdown-it
// (`html: true`, `linkify: true`, as hexo-renderer-markdown-it and VitePress run it), again
// with markdown-it-attrs (attribute lists: `{onclick=…}` is an attribute there), by
// marked (its defaults, as Hexo's default renderer runs it) and by commonmark.js (raw HTML
// kept): renderers refuse different links and definitions, and what
// one refuses is written as text. Those renderings (sources `markdown-it`, `markdown-it-attrs`, `marked`, `commonmark`) are
// searched for executions and unsafe markup; no html5ever tree is compared for them.
//
// For every payload, in its own pair of iframes (so one payload cannot hide another's effect):
//   (a) innerHTML: the cleaned HTML is assigned to a <div>'s innerHTML; Chromium's tree of that
//       div is compared with the `tree` html5ever built (same line format);
//   (b) document.write: the cleaned HTML is written into a fresh document (where scripts would
//       run at once); for whole documents its tree is compared too.
// Execution traps: alert/confirm/prompt/print replaced in both frames, window.onerror, the
// browser's own dialog event, and an init script for any frame a payload might create. After
// each batch the page idles so load/error/animation handlers would fire. The DOMs are also
// searched for what could execute later: <script>, on* attributes, javascript:/vbscript: and
// data:text/html URLs, srcdoc. Network requests are all aborted and listed.

import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import markdownItAttrs from "markdown-it-attrs";
import * as commonmark from "commonmark";
import { Marked } from "marked";

const control = process.argv.includes("--control");
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: node run.mjs [--control] XSS.json");
  process.exit(2);
}
// The control run leaves out the fixture inputs: they are sample pages, not attack vectors,
// and raw, their scripts may close or navigate the test page itself. It leaves out the raw
// Markdown renderings too: hundreds of live focus/error handlers in one page (the same
// payloads in six contexts) kill the test page; the vectors alone show what the harness sees.
const dumped = JSON.parse(readFileSync(file, "utf8"))
  .filter((e) => !control || (e.source !== "fixture" && e.source !== "markdown"))
  .map((e) => (control ? { ...e, cleaned: e.payload, kind: e.raw_kind, tree: e.raw_tree } : e));
const markdownIt = new MarkdownIt({ html: true, linkify: true });
// markdown-it with markdown-it-attrs (every attribute allowed, its default): `{key=value}`
// after inline elements, at the end of blocks and in a fence's info string.
const markdownItWithAttrs = new MarkdownIt({ html: true, linkify: true }).use(markdownItAttrs);
const commonmarkParser = new commonmark.Parser();
const commonmarkRenderer = new commonmark.HtmlRenderer({ safe: false });
// marked with its defaults (GFM: tables, URL literals; no footnotes), as Hexo's default
// renderer (hexo-renderer-marked) runs it.
const markedParser = new Marked();
const renderers = [
  ["markdown-it", (md) => markdownIt.render(md)],
  ["markdown-it-attrs", (md) => markdownItWithAttrs.render(md)],
  ["marked", (md) => markedParser.parse(md)],
  ["commonmark", (md) => commonmarkRenderer.render(commonmarkParser.parse(md))],
];
let nextId = Math.max(-1, ...dumped.map((e) => e.id)) + 1;
const entries = [...dumped];
for (const e of dumped.filter((e) => typeof e.markdown === "string")) {
  for (const [source, render] of renderers) {
    entries.push({ ...e, id: nextId++, source, cleaned: render(e.markdown), kind: "fragment", tree: null });
  }
}
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const BATCH = 25;
const SETTLE_MS = 400;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const requests = [];
const context = await browser.newContext();
await context.route("**/*", (route) => {
  requests.push(route.request().url());
  return route.abort();
});
// Runs in every new document of the context, including frames a payload creates.
await context.addInitScript(() => {
  const report = (how) => {
    try {
      const id = window.frameElement?.dataset?.id ?? "unattributed";
      window.top.__hits.push({ id, how, where: "init-script frame" });
    } catch {
      // A cross-origin top: the dialog event still catches an alert.
    }
  };
  for (const f of ["alert", "confirm", "prompt", "print"]) window[f] = () => report(f);
});

/** The page-side harness: dumps trees, traps executions, searches for unsafe markup. */
function harness() {
  const HTML = "http://www.w3.org/1999/xhtml";
  const SVG = "http://www.w3.org/2000/svg";
  const MATH = "http://www.w3.org/1998/Math/MathML";
  const XLINK = "http://www.w3.org/1999/xlink";
  const XML = "http://www.w3.org/XML/1998/namespace";
  const XMLNS = "http://www.w3.org/2000/xmlns/";
  window.__hits = [];

  // DOM properties read through the prototypes' getters: a payload's `<form>` can clobber
  // `form.attributes` and the like with its named controls.
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const get = {
    nodeType: getter(Node.prototype, "nodeType"),
    childNodes: getter(Node.prototype, "childNodes"),
    attributes: getter(Element.prototype, "attributes"),
    namespaceURI: getter(Element.prototype, "namespaceURI"),
    localName: getter(Element.prototype, "localName"),
    data: getter(CharacterData.prototype, "data"),
    content: getter(HTMLTemplateElement.prototype, "content"),
    doctypeName: getter(DocumentType.prototype, "name"),
    target: getter(ProcessingInstruction.prototype, "target"),
  };
  const nodeType = (n) => get.nodeType.call(n);
  const children = (n) => [...get.childNodes.call(n)];
  const attributes = (n) =>
    [...get.attributes.call(n)].map((a) => ({ ns: a.namespaceURI, local: a.localName, name: a.name, value: a.value }));
  const ns = (n) => get.namespaceURI.call(n);
  const local = (n) => get.localName.call(n);
  const isTemplate = (n) => local(n) === "template" && ns(n) === HTML;

  // The same format as examples/xss_dump.rs (html5lib's tree-construction test format).
  window.__dump = (nodes) => {
    const out = [];
    const stack = [...nodes].reverse().map((n) => [n, 0]);
    while (stack.length) {
      const [n, d] = stack.pop();
      const ind = "  ".repeat(d);
      const type = nodeType(n);
      if (type === 1) {
        const p = ns(n) === SVG ? "svg " : ns(n) === MATH ? "math " : "";
        out.push(`${ind}<${p}${local(n)}>`);
        const attrs = attributes(n)
          .map((a) => {
            const q = a.ns === XLINK ? "xlink " : a.ns === XML ? "xml " : a.ns === XMLNS ? "xmlns " : "";
            return [q + a.local, a.value];
          })
          .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
        for (const [k, v] of attrs) out.push(`${ind}  ${k}="${v}"`);
        const kids = children(n).map((c) => [c, d + 1]);
        if (isTemplate(n)) {
          out.push(`${ind}  content`);
          kids.push(...children(get.content.call(n)).map((c) => [c, d + 2]));
        }
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      } else if (type === 3) out.push(`${ind}"${get.data.call(n)}"`);
      else if (type === 8) out.push(`${ind}<!-- ${get.data.call(n)} -->`);
      else if (type === 10) out.push(`${ind}<!DOCTYPE ${get.doctypeName.call(n)}>`);
      else if (type === 7) out.push(`${ind}<?${get.target.call(n)} ${get.data.call(n)}>`);
    }
    return out;
  };

  // What the URL parser would see: no leading/trailing C0 controls or spaces, no tab/newline.
  const scheme = (v) =>
    v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "").toLowerCase();

  /** Markup that could execute later, anywhere under `root` (template contents included). */
  window.__unsafe = (root) => {
    const found = [];
    const stack = [root];
    while (stack.length) {
      const n = stack.pop();
      if (nodeType(n) === 1) {
        const el = local(n);
        if (el === "script") found.push(`<script> element (${ns(n)})`);
        for (const a of attributes(n)) {
          const name = a.local.toLowerCase();
          const v = scheme(a.value);
          if (name.startsWith("on")) found.push(`${el}[${a.name}] event handler`);
          if (name === "srcdoc") found.push(`${el}[srcdoc]`);
          if (/^(javascript|vbscript):/.test(v) || (v.includes("javascript:") && ["to", "from", "values", "by"].includes(name)))
            found.push(`${el}[${a.name}]=${a.value.slice(0, 80)}`);
          if (/^data:\s*(text\/html|application\/xhtml|image\/svg)/.test(v) && ["href", "src", "data", "action", "formaction", "xlink:href"].includes(a.name.toLowerCase()) && el !== "img")
            found.push(`${el}[${a.name}]=${a.value.slice(0, 80)}`);
        }
        if (isTemplate(n)) stack.push(get.content.call(n));
      }
      stack.push(...children(n));
    }
    return found;
  };

  const trap = (w, id, where) => {
    for (const f of ["alert", "confirm", "prompt", "print"])
      w[f] = () => window.__hits.push({ id, how: f, where });
    w.onerror = (msg) => window.__hits.push({ id, how: `error: ${msg}`, where });
    w.__xss = () => window.__hits.push({ id, how: "__xss", where });
  };

  const frame = (id) => {
    const f = document.createElement("iframe");
    f.dataset.id = String(id);
    f.width = 400;
    f.height = 200;
    document.body.append(f);
    return f;
  };

  /** Loads a batch; returns each entry's trees and findings (hits are collected later). */
  window.__load = (batch) =>
    batch.map(({ id, kind, cleaned }) => {
      const result = { id, innerTree: null, docTree: null, unsafe: [] };
      // (a) innerHTML into a <div>.
      const a = frame(id);
      trap(a.contentWindow, id, "innerHTML");
      const div = a.contentDocument.createElement("div");
      a.contentDocument.body.append(div);
      div.innerHTML = cleaned;
      if (kind === "fragment") result.innerTree = window.__dump(div.childNodes);
      result.unsafe.push(...window.__unsafe(div).map((u) => `innerHTML: ${u}`));
      // (b) document.write into a fresh document.
      const b = frame(id);
      const doc = b.contentDocument;
      doc.open();
      trap(b.contentWindow, id, "document.write");
      doc.write(cleaned);
      doc.close();
      if (kind === "document") result.docTree = window.__dump(doc.childNodes);
      result.unsafe.push(...window.__unsafe(doc).map((u) => `document.write: ${u}`));
      return result;
    });
}

const page = await context.newPage();
const dialogs = [];
page.on("dialog", async (d) => {
  dialogs.push(`${d.type()}: ${d.message()}`);
  await d.dismiss().catch(() => {});
});
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));

/** Runs `batch` in a fresh page; returns {results, hits, dialogs}. */
async function run(batch) {
  const dialogsBefore = dialogs.length;
  await page.setContent("<!DOCTYPE html><title>articlean browser test</title><body></body>");
  await page.evaluate(`(${harness})()`);
  const results = await page.evaluate((b) => window.__load(b), batch);
  await page.waitForTimeout(SETTLE_MS);
  const hits = await page.evaluate(() => window.__hits);
  return { results, hits, dialogs: dialogs.slice(dialogsBefore) };
}

const started = Date.now();
const executions = [];
const mismatches = [];
const unsafe = [];
const byId = new Map(entries.map((e) => [e.id, e]));
const describe = (e) => `#${e.id} [${e.source}] ${e.title}`;

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

for (let i = 0; i < entries.length; i += BATCH) {
  const batch = entries.slice(i, i + BATCH).map(({ id, kind, cleaned }) => ({ id, kind, cleaned }));
  let { results, hits, dialogs: batchDialogs } = await run(batch);
  // An alert nobody could attribute: run the batch again one payload at a time.
  const unattributed = batchDialogs.length > 0 || hits.some((h) => !byId.has(Number(h.id)));
  if (unattributed) {
    hits = hits.filter((h) => byId.has(Number(h.id)));
    for (const one of batch) {
      const single = await run([one]);
      for (const h of single.hits) hits.push({ ...h, id: one.id });
      for (const d of single.dialogs) hits.push({ id: one.id, how: `dialog ${d}`, where: "browser" });
    }
  }
  for (const h of hits) executions.push({ entry: byId.get(Number(h.id)), how: `${h.how} (${h.where})` });
  for (const r of results) {
    const e = byId.get(r.id);
    for (const u of r.unsafe) unsafe.push({ entry: e, what: u });
    if (e.tree === null) continue;
    const got = e.kind === "fragment" ? r.innerTree : r.docTree;
    const same = got.length === e.tree.length && got.every((line, k) => line === e.tree[k]);
    if (!same) {
      const k = firstDifference(got, e.tree);
      mismatches.push({ entry: e, line: k, chromium: got.slice(Math.max(0, k - 2), k + 3), html5ever: e.tree.slice(Math.max(0, k - 2), k + 3) });
    }
  }
}
await browser.close();

const show = (s) => JSON.stringify(s.length > 300 ? s.slice(0, 300) + "…" : s);
// A dump line as `depth: line`, without the indentation.
const lines = (ls) => JSON.stringify(ls.map((l) => `${(l.length - l.trimStart().length) / 2}: ${l.trimStart()}`));
// The control run expects hundreds of findings: only its summary (and the nesting-depth
// mismatches of the generated cases) is printed.
for (const x of control ? [] : executions) {
  console.log(`EXECUTION ${describe(x.entry)}: ${x.how}\n  payload: ${show(x.entry.payload)}\n  cleaned: ${show(x.entry.cleaned)}`);
}
for (const x of control ? [] : unsafe) {
  console.log(`UNSAFE ${describe(x.entry)}: ${x.what}\n  payload: ${show(x.entry.payload)}\n  cleaned: ${show(x.entry.cleaned)}`);
}
for (const m of control ? mismatches.filter((m) => m.entry.source === "generated") : mismatches) {
  console.log(`TREE MISMATCH ${describe(m.entry)} at line ${m.line}`);
  if (!control) console.log(`  cleaned: ${show(m.entry.cleaned)}`);
  console.log(`  chromium:  ${lines(m.chromium)}\n  html5ever: ${lines(m.html5ever)}`);
}
for (const e of control ? [] : pageErrors) console.log(`PAGE ERROR ${e}`);
// A script URL reaching the network layer is a navigation to it: an execution we cannot
// attribute to one payload. Other requests (images of kept <img>) are only listed.
const scriptUrls = [...new Set(requests.filter((u) => /^(javascript|vbscript):/i.test(u)))];
if (!control) for (const u of scriptUrls) console.log(`EXECUTION (navigation, unattributed): ${u}`);
const others = [...new Set(requests)].filter((u) => !scriptUrls.includes(u));
if (others.length) {
  console.log(`${requests.length} network requests aborted (not failures), e.g. ${others.slice(0, 5).join(" ")}`);
}

const count = (s) => entries.filter((e) => e.source === s).length;
const vectors = count("dompurify") + count("bluemonday") + count("ammonia");
const seconds = ((Date.now() - started) / 1000).toFixed(1);
for (const u of scriptUrls) executions.push({ entry: { id: "navigation" }, how: u });
const executed = new Set(executions.map((x) => x.entry.id)).size;
const what = control ? "RAW (uncleaned) payloads" : "cleaned payloads";
console.log(
  `${what}: ${vectors} vectors + ${count("fixture")} fixtures + ${count("generated")} generated cases + ${count("markdown")} rendered Markdown posts ` +
    `(+ ${count("markdown-it")} by markdown-it, ${count("markdown-it-attrs")} by markdown-it with markdown-it-attrs, ${count("marked")} by marked, ${count("commonmark")} by commonmark.js) in Chromium (${seconds}s): ` +
    `${executions.length} executions (${executed} payloads), ${unsafe.length} unsafe markup findings, ${mismatches.length} tree mismatches`,
);
if (vectors === 0) console.log("note: no shared XSS vectors in the input (../shared absent): fixtures and generated cases only");
if (control) {
  // The harness must see what it is there to see.
  const deepMismatch = mismatches.some((m) => m.entry.source === "generated" && m.entry.title.startsWith("1,000 nested div"));
  const onerror = executions.some((x) => x.entry.title.includes("image with onerror"));
  const ok = executed > 0 && onerror && deepMismatch && unsafe.length > 0;
  console.log(ok ? "control OK: the harness sees executions, unsafe markup and the nesting-depth differential" : "CONTROL FAILED: the harness missed what the raw payloads do");
  process.exit(ok ? 0 : 1);
}
process.exit(executions.length || unsafe.length || mismatches.length || pageErrors.length ? 1 : 0);
