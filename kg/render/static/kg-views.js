/* The one script of every kg page: role filter, networks, search, type filter, evidence panel.
   Every text from the graph goes through textContent, never innerHTML. */
"use strict";
(function () {
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    const a = el("a", null, text);
    a.href = href;
    return a;
  }

  function filterRoles() {
    const input = document.getElementById("role-filter");
    if (!input) return;
    const items = Array.from(document.querySelectorAll("#roles li"));
    input.addEventListener("input", function () {
      const query = input.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = query !== "" && !li.textContent.toLowerCase().includes(query); });
    });
  }

  function Views(model) {
    this.model = model;
    this.networks = {};
    this.panel = document.getElementById("panel");
  }

  Views.prototype.label = function (id) {
    const node = this.model.panel.nodes[id];
    return node ? node.label : id;
  };

  Views.prototype.evidence = function (evidence, more) {
    const list = el("ul", "evidence");
    evidence.forEach(function (ev) {
      const item = el("li");
      item.append(el("blockquote", null, ev.quote));
      const where = el("p", "where");
      where.append(el("span", "section", ev.section), " · ", link(ev.href, ev.article), " ", el("span", "line", ev.where));
      if (ev.curated) where.append(" ", el("span", "curated", "curated: " + ev.curated));
      item.append(where);
      list.append(item);
    });
    if (!evidence.length) list.append(el("li", "none", "No evidence recorded for this link."));
    if (more) list.append(el("li", "more", more + " more on the role page."));
    return list;
  };

  Views.prototype.showNode = function (id) {
    const node = this.model.panel.nodes[id];
    if (!node) return;
    const type = this.model.panel.types[node.type];
    const parts = [el("h2", null, node.label)];
    const kind = el("p", "type");
    const swatch = el("span", "swatch");
    swatch.style.background = type.color;
    kind.append(swatch, type.label);
    parts.push(kind);
    const labels = el("dl", "labels");
    Object.keys(node.labels).forEach(function (lang) {
      labels.append(el("dt", null, lang || "label"), el("dd", null, node.labels[lang]));
    });
    if (node.alt.length) labels.append(el("dt", null, "also"), el("dd", null, node.alt.join(", ")));
    parts.push(labels);
    if (node.page) {
      const page = el("p");
      page.append(link(node.page, "Open the role page"));
      parts.push(page);
    }
    this.model.panel.facts.forEach(function (fact) {
      if (fact.s !== id && (fact.literal || fact.o !== id)) return;
      const heading = fact.s === id
        ? fact.p + ": " + (fact.literal ? fact.o : this.label(fact.o))
        : this.label(fact.s) + " " + fact.p + " it";
      parts.push(el("h3", null, heading), this.evidence(fact.evidence, fact.more));
    }, this);
    this.panel.replaceChildren.apply(this.panel, parts);
  };

  Views.prototype.showEdge = function (edgeId) {
    const fact = this.model.panel.facts[Number(String(edgeId).slice(1))];
    if (!fact) return;
    this.panel.replaceChildren(
      el("h2", null, this.label(fact.s) + " " + fact.p + " " + this.label(fact.o)),
      el("p", "type", "fact: " + fact.p),
      this.evidence(fact.evidence, fact.more));
  };

  Views.prototype.focus = function (id) {
    for (const name in this.networks) {
      const view = this.networks[name];
      if (view.nodes.get(id)) {
        view.network.selectNodes([id]);
        view.network.focus(id, { scale: 1.1 });
        this.showNode(id);
        return true;
      }
    }
    return false;
  };

  Views.prototype.draw = function (done) {
    let pending = this.model.networks.length;
    const finish = function () { if (--pending === 0) done(); };
    if (!pending) done();
    this.model.networks.forEach(function (spec) {
      const nodes = new vis.DataSet(spec.nodes);
      const edges = new vis.DataSet(spec.edges);
      const network = new vis.Network(document.getElementById(spec.id), { nodes: nodes, edges: edges }, spec.options);
      this.networks[spec.id] = { network: network, nodes: nodes, edges: edges, spec: spec };
      if (!spec.nodes.length) {
        finish();  /* an empty network never stabilises: nothing to wait for */
      } else if (spec.options.physics.enabled) {
        network.once("stabilizationIterationsDone", function () {
          network.setOptions({ physics: { enabled: false } });  /* stop once stable: big graphs stay responsive */
          finish();
        });
      } else {
        network.once("afterDrawing", finish);
      }
      network.on("click", function (params) {
        if (params.nodes.length) this.showNode(params.nodes[0]);
        else if (params.edges.length) this.showEdge(params.edges[0]);
      }.bind(this));
    }, this);
  };

  Views.prototype.search = function () {
    const form = document.getElementById("search-form");
    const input = document.getElementById("search");
    const status = document.getElementById("search-status");
    const options = document.getElementById("search-labels");
    const index = [];
    const seen = new Set();
    for (const name in this.networks) {
      this.networks[name].spec.nodes.forEach(function (drawn) {
        const node = this.model.panel.nodes[drawn.id];
        Object.values(node.labels).concat(node.alt).forEach(function (label) {
          index.push([label.toLowerCase(), drawn.id]);
          if (!seen.has(label)) { seen.add(label); options.append(el("option", null, label)); }
        });
      }, this);
    }
    const find = function (query) {
      const exact = index.find(function (entry) { return entry[0] === query; });
      const partial = index.find(function (entry) { return entry[0].includes(query); });
      return (exact || partial || [])[1];
    };
    const go = function (event) {
      if (event) event.preventDefault();
      const query = input.value.trim().toLowerCase();
      if (!query) return;
      const id = find(query);
      status.textContent = id && this.focus(id) ? "" : "no node is called that";
    }.bind(this);
    form.addEventListener("submit", go);
    input.addEventListener("change", go);
  };

  Views.prototype.filterTypes = function () {
    const types = this.model.panel.types;
    document.querySelectorAll(".swatch[data-type]").forEach(function (swatch) {
      swatch.style.background = types[swatch.dataset.type].color;
    });
    document.querySelectorAll("input[data-filter-type]").forEach(function (box) {
      box.addEventListener("change", function () {
        for (const name in this.networks) {
          const view = this.networks[name];
          view.nodes.update(view.spec.nodes
            .filter(function (node) { return node.group === box.dataset.filterType; })
            .map(function (node) { return { id: node.id, hidden: !box.checked }; }));
        }
      }.bind(this));
    }, this);
  };

  function start() {
    filterRoles();
    const source = document.getElementById("kg-model");
    if (!source) return;
    const views = new Views(JSON.parse(source.textContent));
    window.kgViews = views;  /* for the browser tests and the curious */
    views.draw(function () {
      document.documentElement.dataset.kgReadyMs = String(Math.round(performance.now()));
      if (location.hash) views.focus(decodeURIComponent(location.hash.slice(1)));
    });
    views.search();
    views.filterTypes();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
