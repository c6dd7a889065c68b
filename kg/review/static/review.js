/* kg review: the page. It reads /api/articles and /api/articles/<slug> and POSTs each decision to
   /api/decisions with this session's token (X-KG-Token, from the page's meta tag). Every text from an
   article goes into the page through textContent, never innerHTML, so an article cannot add markup.
   The root element's data-kg-ready names the article shown and data-kg-saved counts saved decisions:
   the browser tests wait on them. */
"use strict";
(function () {
  const token = document.querySelector('meta[name="kg-token"]').getAttribute("content");
  const root = document.documentElement;
  const state = { home: null, article: null, facts: [], selected: -1, spans: [], busy: false, pending: null, lastKind: "skill" };
  const $ = function (id) { return document.getElementById(id); };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function typeClass(fact) { return "t-" + (fact.type || fact.kind); }
  function kindLabel(kind) { return kind.replace(/_/g, " "); }
  function identity(f) { return [f.kind, f.subject, f.object, f.added ? "added" : ""].join("\u0000"); }

  function status(text, error) {
    const box = $("status");
    box.textContent = text || "";
    box.className = error ? "error" : "";
  }

  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-KG-Token": token },
    };
    const response = await fetch(path, options);
    const text = await response.text();
    if (!response.ok) throw new Error(text.trim() || response.statusText);
    return JSON.parse(text);
  }

  // --- routes: #/ is the list of articles, #/a/<slug> an article ------------------------------------
  function route() {
    const match = location.hash.match(/^#\/a\/(.+)$/);
    if (match) openArticle(decodeURIComponent(match[1]));
    else openHome();
  }

  async function openHome() {
    $("article").hidden = true;
    $("home").hidden = false;
    $("where").textContent = "";
    state.article = null;
    delete root.dataset.kgReady;
    try {
      state.home = await api("/api/articles");
    } catch (error) {
      return status(error.message, true);
    }
    renderHome();
    root.dataset.kgReady = "home";
  }

  function renderHome() {
    const data = state.home;
    const totals = data.totals;
    $("progress").textContent = totals.reviewed + " of " + totals.facts + " facts reviewed in " + totals.articles + " articles";
    $("totals").textContent = totals.open + " open";
    const query = $("filter").value.trim().toLowerCase();
    const show = $("show").value;
    const rows = [];
    data.articles.forEach(function (a) {
      if (query && !(a.title + " " + a.path + " " + a.role).toLowerCase().includes(query)) return;
      if ((show === "open" && !a.open) || (show === "done" && a.open)) return;
      const link = el("a", null, a.title);
      link.href = "#/a/" + encodeURIComponent(a.slug);
      const name = el("td");
      name.append(link, el("div", "meta", a.path));
      const meter = el("span", "meter");
      const fill = el("span");
      fill.style.width = (a.facts ? Math.round(100 * a.reviewed / a.facts) : 100) + "%";
      meter.append(fill);
      const progress = el("td");
      progress.append(meter);
      const row = el("tr");
      row.append(name, el("td", null, a.lang), el("td", "n", String(a.facts)), el("td", "n", String(a.reviewed)),
                 el("td", "n", String(a.open)), progress);
      rows.push(row);
    });
    $("articles").tBodies[0].replaceChildren.apply($("articles").tBodies[0], rows);
    const problems = $("problems");
    problems.replaceChildren.apply(problems, data.problems.map(function (p) { return el("li", null, p); }));
  }

  async function openArticle(slug, keep) {
    $("home").hidden = true;
    $("article").hidden = false;
    try {
      show(await api("/api/articles/" + encodeURIComponent(slug)), keep);
    } catch (error) {
      status(error.message, true);
    }
  }

  // --- an article: its text with the evidence marked, its facts beside it ---------------------------
  function show(article, keep) {
    const before = state.facts[state.selected];
    state.article = article;
    state.facts = article.facts;
    $("where").textContent = article.title;
    const counts = article.counts;
    $("progress").textContent = counts.reviewed + " of " + counts.facts + " facts reviewed, " + counts.open + " open";
    renderText();
    renderFacts();
    let index = -1;
    const want = (keep && keep.want) || (before && identity(before));
    if (want) index = state.facts.findIndex(function (f) { return identity(f) === want; });
    if (keep && keep.advance) index = nextOpen(index >= 0 ? index : state.selected);
    select(index >= 0 ? index : (state.facts.length ? 0 : -1));
    root.dataset.kgReady = article.slug;
  }

  function nextOpen(from) {
    for (let i = from + 1; i < state.facts.length; i++) if (state.facts[i].state === "open") return i;
    return Math.min(from + 1, state.facts.length - 1);
  }

  function renderText() {
    const article = state.article;
    const cuts = new Set();
    article.blocks.forEach(function (b) { cuts.add(b.start); cuts.add(b.end); });
    state.facts.forEach(function (f) {
      f.evidence.forEach(function (ev) {
        if (!ev.placed) return;
        cuts.add(ev.start);
        cuts.add(ev.end);
        ev.words.forEach(function (w) { cuts.add(w[0]); cuts.add(w[1]); });
      });
    });
    const points = Array.from(cuts).sort(function (a, b) { return a - b; });
    state.spans = [];
    const blocks = article.blocks.map(function (block) {
      const box = el("div", "block " + block.kind);
      let from = block.start;
      points.forEach(function (to) {
        if (to <= block.start || to > block.end) return;
        box.append(segment(from, to));
        from = to;
      });
      return box;
    });
    $("text").replaceChildren.apply($("text"), blocks);
  }

  function segment(from, to) {
    const span = el("span", null, state.article.text.slice(from, to));
    span.dataset.s = from;
    const sentences = [], words = [];
    state.facts.forEach(function (f, i) {
      f.evidence.forEach(function (ev) {
        if (!ev.placed || ev.start > from || ev.end < to) return;
        if (sentences.indexOf(i) < 0) sentences.push(i);
        const inWords = ev.words.some(function (w) { return w[0] <= from && to <= w[1]; });
        if (inWords && words.indexOf(i) < 0) words.push(i);
      });
    });
    const live = words.filter(function (i) { return state.facts[i].state !== "rejected"; });
    const info = { span: span, sentences: sentences, words: words, type: "" };
    if (sentences.length) span.classList.add("ev");
    if (words.length) {
      info.type = typeClass(state.facts[(live.length ? live : words)[0]]);
      span.classList.add("w", info.type);
      if (!live.length) span.classList.add("gone");
    }
    state.spans.push(info);
    return span;
  }

  function renderFacts() {
    const box = $("facts");
    const parts = [];
    let group = null;
    state.facts.forEach(function (f, i) {
      if (!group || group.dataset.kind !== f.kind) {
        group = el("section", "group " + typeClass(f));
        group.dataset.kind = f.kind;
        const heading = el("h2");
        heading.append(el("span", "swatch"), kindLabel(f.kind));
        group.append(heading);
        parts.push(group);
      }
      group.append(factItem(f, i));
    });
    if (!state.facts.length) parts.push(el("p", "hint", "No facts were extracted from this article: select words in the text and press n to add one."));
    box.replaceChildren.apply(box, parts);
  }

  function factItem(f, i) {
    const item = el("div", "fact s-" + f.state + " " + typeClass(f));
    item.dataset.i = i;
    item.append(el("span", "state", f.state), el("div", "label", f.label));
    if (f.label !== f.object && !f.added && f.kind !== "salary") item.append(el("div", "meta", "extracted as: " + f.object));
    if (f.subject !== state.article.role) item.append(el("div", "meta", "about: " + f.subject));
    const meta = [f.rules.join(", ")];
    if (f.confidence !== null && f.confidence !== undefined) meta.push("confidence " + f.confidence);
    if (f.date) meta.push("decided " + f.date);
    if (!f.in_graph && f.state === "open") meta.push("removed by a general entry of curation.yaml");
    if (f.curated === "merged") meta.push("merged by curation.yaml");
    item.append(el("div", "meta", meta.join(" · ")));
    const ev = f.evidence[0];
    if (ev) item.append(el("p", "quote", ev.quote + (f.evidence.length > 1 ? " (and " + (f.evidence.length - 1) + " more)" : "")));
    const actions = el("div", "actions");
    actions.append(button("Accept", "a", function () { decide("accept"); }), button("Reject", "r", function () { decide("reject"); }));
    if (f.renamable) actions.append(button("Edit label", "e", editLabel));
    if (f.retypable) actions.append(button("Type", "t", changeType));
    item.append(actions);
    item.addEventListener("click", function (event) {
      if (!event.target.closest("button, input, select")) select(i, "panel");
    });
    return item;
  }

  function button(text, key, action) {
    const b = el("button", null, text + " (" + key + ")");
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function item(i) { return $("facts").querySelector('.fact[data-i="' + i + '"]'); }

  function select(i, from) {
    if (i < 0 || i >= state.facts.length) return;
    state.selected = i;
    document.querySelectorAll(".fact.selected").forEach(function (n) { n.classList.remove("selected"); });
    const box = item(i);
    box.classList.add("selected");
    if (from !== "panel") box.scrollIntoView({ block: "nearest" });
    let first = null;
    state.spans.forEach(function (s) {
      const inSentence = s.sentences.indexOf(i) >= 0, inWords = s.words.indexOf(i) >= 0;
      s.span.classList.toggle("sel", inSentence);
      s.span.classList.toggle("selw", inWords);
      if (s.type) s.span.classList.remove(s.type, typeClass(state.facts[i]));
      if (inWords) s.span.classList.add(typeClass(state.facts[i]));
      else if (s.type) s.span.classList.add(s.type);
      if (!first && inSentence) first = s.span;
    });
    if (first && from !== "text") first.scrollIntoView({ block: "center" });
  }

  // --- decisions ------------------------------------------------------------------------------------
  function decide(action, extra) {
    const f = state.facts[state.selected];
    if (!f || state.busy) return;
    const body = Object.assign({ action: action, article: state.article.slug, kind: f.kind, subject: f.subject,
                                 object: f.object, added: f.added }, extra || {});
    let want = identity(f);
    if (action === "rename" && f.added) want = identity({ kind: f.kind, subject: f.subject, object: extra.label, added: true });
    if (action === "retype") want = identity({ kind: extra.new_kind, subject: f.subject, object: f.added ? f.object : extra.label, added: true });
    send(body, { want: want, advance: action === "accept" || action === "reject" });
  }

  async function send(body, keep) {
    state.busy = true;
    status("saving…");
    try {
      const article = await api("/api/decisions", body);
      status("saved to curation.yaml");
      show(article, keep);
      root.dataset.kgSaved = String(Number(root.dataset.kgSaved || 0) + 1);
    } catch (error) {
      status(error.message, true);
      renderFacts();
      select(state.selected, "panel");
    } finally {
      state.busy = false;
    }
  }

  function editLabel() {
    const f = state.facts[state.selected];
    if (!f || !f.renamable) return;
    const input = el("input");
    input.type = "text";
    input.value = f.label;
    input.setAttribute("aria-label", "New label");
    item(state.selected).querySelector(".label").replaceChildren(input);
    input.focus();
    input.select();
    input.addEventListener("keydown", function (event) {
      event.stopPropagation();
      if (event.key === "Enter" && input.value.trim()) {
        event.preventDefault();
        decide("rename", { label: input.value.trim() });
      } else if (event.key === "Escape") {
        event.preventDefault();
        renderFacts();
        select(state.selected, "panel");
      }
    });
  }

  function changeType() {
    const f = state.facts[state.selected];
    if (!f || !f.retypable) return;
    const picker = el("select");
    picker.size = Math.min(8, state.article.editable_kinds.length);
    picker.setAttribute("aria-label", "New type");
    state.article.editable_kinds.forEach(function (kind) {
      const option = el("option", null, kindLabel(kind));
      option.value = kind;
      option.selected = kind === f.kind;
      picker.append(option);
    });
    item(state.selected).append(picker);
    picker.focus();
    function choose() {
      if (picker.value && picker.value !== f.kind) decide("retype", { new_kind: picker.value, label: f.label });
      else { renderFacts(); select(state.selected, "panel"); }
    }
    picker.addEventListener("keydown", function (event) {
      event.stopPropagation();
      if (event.key === "Enter") { event.preventDefault(); choose(); }
      else if (event.key === "Escape") { event.preventDefault(); renderFacts(); select(state.selected, "panel"); }
    });
    picker.addEventListener("click", function (event) { if (event.detail > 0) choose(); });
  }

  // --- a new fact from the words selected in the text ----------------------------------------------
  function startAdd() {
    const range = selectedOffsets();
    if (!range) return status("select words of the article first, then press n", true);
    state.pending = range;
    const kinds = $("add-kind");
    kinds.replaceChildren.apply(kinds, state.article.editable_kinds.map(function (kind) {
      const option = el("option", null, kindLabel(kind));
      option.value = kind;
      option.selected = kind === state.lastKind;
      return option;
    }));
    $("add-label").value = state.article.text.slice(range.start, range.end).replace(/\s+/g, " ").trim();
    $("adder").hidden = false;
    $("add-label").focus();
    $("add-label").select();
  }

  function closeAdd() {
    $("adder").hidden = true;
    state.pending = null;
  }

  function saveAdd() {
    const range = state.pending, kind = $("add-kind").value, label = $("add-label").value.trim();
    if (!range || !label) return;
    state.lastKind = kind;
    closeAdd();
    send({ action: "add", article: state.article.slug, kind: kind, label: label, start: range.start, end: range.end },
         { want: identity({ kind: kind, subject: state.article.role, object: label, added: true }) });
  }

  function selectedOffsets() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0), pane = $("text");
    if (!pane.contains(range.startContainer) || !pane.contains(range.endContainer)) return null;
    let start = offsetOf(range.startContainer, range.startOffset), end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    const text = state.article.text;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return end > start ? { start: start, end: end } : null;
  }

  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const span = node.parentElement.closest("[data-s]");
      return span ? Number(span.dataset.s) + offset : null;
    }
    const child = node.childNodes[offset];
    if (child) {
      const first = child.nodeType === Node.TEXT_NODE ? child : document.createTreeWalker(child, NodeFilter.SHOW_TEXT).nextNode();
      if (first) return offsetOf(first, 0);
    }
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let last = null;
    while (walker.nextNode()) last = walker.currentNode;
    return last ? offsetOf(last, last.length) : null;
  }

  // --- keys and clicks --------------------------------------------------------------------------------
  const KEYS = {
    j: function () { select(Math.min(state.selected + 1, state.facts.length - 1)); },
    ArrowDown: function () { KEYS.j(); },
    k: function () { select(Math.max(state.selected - 1, 0)); },
    ArrowUp: function () { KEYS.k(); },
    a: function () { decide("accept"); },
    r: function () { decide("reject"); },
    x: function () { decide("reject"); },
    e: editLabel,
    t: changeType,
    n: startAdd,
    Escape: function () { location.hash = "#/"; },
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    if (!$("home").hidden) {
      if (event.key === "/") { event.preventDefault(); $("filter").focus(); }
      return;
    }
    const action = KEYS[event.key];
    if (!action || !state.article) return;
    event.preventDefault();
    action();
  });

  $("adder").addEventListener("keydown", function (event) {
    event.stopPropagation();
    if (event.key === "Enter") { event.preventDefault(); saveAdd(); }
    else if (event.key === "Escape") { event.preventDefault(); closeAdd(); }
  });

  $("text").addEventListener("click", function (event) {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;  // choosing words for a new fact
    const span = event.target.closest("[data-s]");
    const info = span && state.spans.find(function (s) { return s.span === span; });
    if (!info) return;
    const choices = info.words.concat(info.sentences.filter(function (i) { return info.words.indexOf(i) < 0; }));
    if (!choices.length) return;
    select(choices[(choices.indexOf(state.selected) + 1) % choices.length], "text");
  });

  $("filter").addEventListener("input", renderHome);
  $("show").addEventListener("change", renderHome);
  $("filter").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      const first = $("articles").querySelector("tbody a");
      if (first) location.hash = first.getAttribute("href");
    }
  });
  document.addEventListener("visibilitychange", function () {  // another tab may have decided meanwhile
    if (document.hidden) return;
    if (state.article) openArticle(state.article.slug);
    else if (!$("home").hidden) openHome();
  });
  window.addEventListener("hashchange", route);
  route();
})();
