/* lvliang-kg SPARQL explorer: named queries, editor, results table, graph view.
 * Talks only to this server: GET /queries, /prefixes, POST /sparql, /queries/{name}/run. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var editor = $("editor"), statusEl = $("status"), runBtn = $("run");
  var queries = [], current = null, prefixes = {}, lastResult = null, network = null;
  var titles = {};   // document IRI → dcterms:title: a document is shown by its title
  var docIds = {};   // document identifier (dcterms:identifier, e.g. 003_50ea…) → title
  var labels = {};   // IRI → rdfs:label, filled for the IRIs a graph draws
  var coreOf = {};   // IRI → core type (lv:Place …), filled with the labels
  var coreTypes = [];  // GET /types: the core types with the graph pages' colours

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function setStatus(text, kind) { statusEl.textContent = text || ""; statusEl.className = kind || ""; }

  function shorten(iri) {
    var best = "", name = "";
    Object.keys(prefixes).forEach(function (p) {
      var ns = prefixes[p];
      if (iri.indexOf(ns) === 0 && ns.length > best.length) { best = ns; name = p; }
    });
    return best ? name + ":" + iri.slice(best.length) : iri;
  }
  function localName(iri) {
    var s = iri.replace(/[#/]+$/, "");
    var i = Math.max(s.lastIndexOf("#"), s.lastIndexOf("/"));
    try { return decodeURIComponent(s.slice(i + 1)); } catch (e) { return s.slice(i + 1); }
  }

  /* ---- result panels: a new query, resource or error replaces all of them ---- */
  function clearResults(hint) {
    lastResult = null;
    $("downloads").textContent = "";
    if (network) { network.destroy(); network = null; window.explorerNetwork = null; }
    $("graph-view").textContent = "";
    var view = $("table-view");
    view.textContent = "";
    if (hint) view.appendChild(el("p", "hint", hint));
  }
  function showError(text) {
    clearResults();
    var box = el("div", "error-box");
    box.appendChild(el("strong", null, "查询失败"));
    box.appendChild(el("pre", null, text));
    $("table-view").appendChild(box);
    $("graph-view").appendChild(el("p", "hint", "查询失败，没有可绘制的结果"));
  }

  /* ---- named queries ---- */
  function renderList(filter) {
    var ul = $("q-list");
    ul.textContent = "";
    filter = (filter || "").toLowerCase();
    queries.forEach(function (q) {
      if (filter && (q.name + " " + q.title + " " + q.description).toLowerCase().indexOf(filter) < 0) return;
      var li = el("li");
      li.dataset.name = q.name;
      li.appendChild(el("span", null, q.title));
      li.appendChild(el("span", "qn", q.name));
      li.title = q.description;
      if (current && current.name === q.name) li.classList.add("active");
      li.addEventListener("click", function () { select(q.name); });
      ul.appendChild(li);
    });
  }
  function select(name) {
    current = queries.filter(function (q) { return q.name === name; })[0] || null;
    if (!current) return;
    editor.value = current.text;
    clearResults("运行查询以查看“" + current.title + "”的结果。");
    setStatus("");
    $("q-title").textContent = current.title + " (" + current.name + ")";
    $("q-desc").textContent = current.description;
    var box = $("params");
    box.textContent = "";
    current.params.forEach(function (p) {
      var lab = el("label", null, p.name + (p.required ? " *" : "") + " ");
      var inp = el("input");
      inp.dataset.param = p.name;
      inp.placeholder = p.default !== null ? p.default : (p.required ? "必填" : "全部");
      inp.title = p.description + " (" + p.type + ")";
      inp.addEventListener("keydown", function (ev) { if (ev.key === "Enter") run(); });
      lab.appendChild(inp);
      box.appendChild(lab);
    });
    renderList($("q-filter").value);
  }

  /* ---- running ---- */
  function paramValues() {
    var out = {};
    Array.prototype.forEach.call(document.querySelectorAll("#params input"), function (i) {
      if (i.value.trim() !== "") out[i.dataset.param] = i.value.trim();
    });
    return out;
  }
  var ACCEPT = "application/sparql-results+json, application/ld+json;q=0.9";
  var runs = 0;

  function run() {
    var text = editor.value;
    if (!text.trim()) { setStatus("查询为空", "warn"); return Promise.resolve(null); }
    var named = current && text === current.text;
    if (!named && current) {  // an edited named query is the editor's own query now
      $("q-title").textContent = "SPARQL（修改自 " + current.name + "）";
      $("q-desc").textContent = "";
      $("params").textContent = "";
      current = null;
      renderList($("q-filter").value);
    }
    var source = named ? {name: current.name, params: paramValues()} : {text: text};
    var mine = ++runs;  // a later run (or a resource clicked meanwhile) wins over this one
    var url, body;
    if (named) {
      url = "/queries/" + encodeURIComponent(current.name) + "/run";
      body = new URLSearchParams(paramValues());
    } else {
      url = "/sparql";
      body = new URLSearchParams({query: text});
    }
    runBtn.disabled = true;
    clearResults("运行中 …");
    setStatus("运行中 …");
    var t0 = performance.now();
    return fetch(url, {method: "POST", body: body, headers: {"Accept": ACCEPT}}).then(function (resp) {
      return resp.text().then(function (bodyText) {
        if (mine !== runs) return null;
        runBtn.disabled = false;
        var ms = Math.round(performance.now() - t0);
        if (!resp.ok) {
          setStatus(resp.status + " " + resp.statusText, "error");
          showError(bodyText);
          return null;
        }
        var ctype = resp.headers.get("content-type") || "";
        var result = ctype.indexOf("ld+json") >= 0 ? fromJsonLd(JSON.parse(bodyText)) : fromSparqlJson(JSON.parse(bodyText));
        var truncated = resp.headers.get("x-kg-result-truncated") === "true";
        var limit = resp.headers.get("x-kg-result-limit");
        lastResult = result;
        showTable(result);
        if (!$("graph-view").classList.contains("hidden")) showGraph(result);
        var n = result.boolean !== undefined ? "ASK: " + result.boolean : result.rows.length + " 行";
        setStatus(n + " · " + ms + " ms" + (truncated ? " · 结果已截断为前 " + limit + " 行 (server limit)" : ""),
                  truncated ? "warn" : "");
        downloads(source, result);
        return result;
      });
    }).catch(function (err) {
      if (mine !== runs) return null;
      runBtn.disabled = false; setStatus("请求失败", "error"); showError(String(err)); return null;
    });
  }

  /* Downloads of the result just shown: the same query run again by the server in the
   * chosen format (a named query with its parameters, or the editor's text). */
  function downloads(source, result) {
    var box = $("downloads");
    box.textContent = "";
    var formats = result.graph ? [["turtle", "Turtle", "ttl"], ["jsonld", "JSON-LD", "jsonld"], ["nt", "N-Triples", "nt"]]
      : [["csv", "CSV", "csv"], ["tsv", "TSV", "tsv"], ["json", "JSON", "srj"], ["xml", "XML", "srx"]];
    box.appendChild(el("span", "dl-label", "下载"));
    formats.forEach(function (f) {
      var a = el("a", null, f[1]);
      var qs = new URLSearchParams(source.name ? source.params : {query: source.text});
      qs.set("format", f[0]);
      a.href = (source.name ? "/queries/" + encodeURIComponent(source.name) + "/run?" : "/sparql?") + qs.toString();
      a.setAttribute("download", (source.name || "result") + "." + f[2]);
      a.dataset.format = f[0];
      box.appendChild(a);
    });
  }

  /* ---- results ---- */
  function fromSparqlJson(doc) {
    if (doc.boolean !== undefined) return {vars: ["boolean"], rows: [{boolean: {type: "literal", value: String(doc.boolean)}}], boolean: doc.boolean};
    return {vars: doc.head.vars, rows: doc.results.bindings};
  }
  function fromJsonLd(doc) {
    var rows = [];
    var nodes = Array.isArray(doc) ? doc : (doc["@graph"] || [doc]);
    nodes.forEach(function (node) {
      var s = node["@id"];
      var sTerm = s && s.indexOf("_:") === 0 ? {type: "bnode", value: s.slice(2)} : {type: "uri", value: s};
      Object.keys(node).forEach(function (k) {
        if (k === "@id") return;
        var vals = Array.isArray(node[k]) ? node[k] : [node[k]];
        var p = k === "@type" ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" : k;
        vals.forEach(function (v) {
          var o;
          if (k === "@type") o = {type: "uri", value: v};
          else if (v["@id"] !== undefined) o = v["@id"].indexOf("_:") === 0 ? {type: "bnode", value: v["@id"].slice(2)} : {type: "uri", value: v["@id"]};
          else { o = {type: "literal", value: String(v["@value"])}; if (v["@language"]) o["xml:lang"] = v["@language"]; if (v["@type"]) o.datatype = v["@type"]; }
          rows.push({s: sTerm, p: {type: "uri", value: p}, o: o});
        });
      });
    });
    return {vars: ["s", "p", "o"], rows: rows, graph: true};
  }

  /* [[identifier, title], …] when every part of a literal is a document identifier */
  function docTitles(text) {
    var parts = String(text).split(/[\s,;|]+/).filter(function (x) { return x; });
    if (!parts.length || !parts.every(function (p) { return p in docIds; })) return null;
    return parts.map(function (p) { return [p, docIds[p]]; });
  }
  function cell(term, column) {
    var td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.className = "iri";
      var title = titles[term.value];
      var a = el("a", title ? "doc" : null, title || shorten(term.value));
      a.title = term.value + "（点击查看该资源）";
      a.addEventListener("click", function () { describe(term.value); });
      td.appendChild(a);
      if (title) td.appendChild(el("span", "sub", shorten(term.value)));
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else if (!/id(entifier)?$/i.test(column || "") && docTitles(term.value)) {
      // document identifiers (a column listing the documents) read as their titles
      var ts = docTitles(term.value);
      td.className = "docs";
      ts.forEach(function (t) { td.appendChild(el("div", "doc", t[1])).title = t[0]; });
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.appendChild(el("span", "lang", "@" + term["xml:lang"]));
      if (term.datatype && /#(integer|decimal|double|float|int|long|nonNegativeInteger)$/.test(term.datatype)) td.className = "num";
    }
    return td;
  }
  function showTable(result) {
    var view = $("table-view");
    view.textContent = "";
    if (!result.rows.length) { view.appendChild(el("p", "hint", "没有结果 (0 rows)")); return; }
    var table = el("table"), thead = el("thead"), tr = el("tr");
    result.vars.forEach(function (v) { tr.appendChild(el("th", null, v)); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    result.rows.slice(0, 5000).forEach(function (row) {
      var r = el("tr");
      result.vars.forEach(function (v) { r.appendChild(cell(row[v], v)); });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    view.appendChild(table);
  }
  function describe(iri) {
    current = null;
    renderList($("q-filter").value);
    $("params").textContent = "";
    $("q-title").textContent = "资源：" + (titles[iri] || labels[iri] || localName(iri));
    $("q-desc").textContent = shorten(iri);
    editor.value = "SELECT ?p ?o ?oLabel WHERE {\n  <" + iri + "> ?p ?o .\n  OPTIONAL { ?o rdfs:label ?oLabel }\n}\nORDER BY ?p ?o\nLIMIT 500";
    run();
  }

  /* ---- graph view ----
   * Nodes: the result's IRIs (at most 500), named by a label column (?xLabel), a document's
   * title or the resource's rdfs:label (fetched for the IRIs drawn), coloured by core type
   * (GET /types: the graph pages' colours) or else by column.
   * Containment (lv:locatedIn, or the located-in query's ?via column) is drawn as boxes
   * (boxes.js) laid out here, not as a star of edges; other graphs settle with physics. */
  var COLORS = ["#2e7d32", "#1565c0", "#ef6c00", "#c62828", "#6a1b9a", "#d81b60", "#f9a825", "#546e7a"];
  var FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";
  var MAX_NODES = 500;
  function isContainment(label) { return label === "via" || /(^|[:#/])locatedIn$/.test(label); }

  /* rdfs:label and core type of the IRIs a graph draws, asked once per IRI */
  function fetchInfo(iris) {
    iris = iris.filter(function (i) { return !(i in coreOf) && /^[^<>"{}|^`\\\s]+$/.test(i); });
    if (!iris.length) return Promise.resolve();
    var cores = coreTypes.map(function (t) { return "<" + t.iri + ">"; }).join(" ");
    var q = "SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?core) AS ?type) WHERE { VALUES ?s { " +
            iris.map(function (i) { return "<" + i + ">"; }).join(" ") + " } " +
            "OPTIONAL { ?s rdfs:label ?l } " +
            (cores ? "OPTIONAL { VALUES ?core { " + cores + " } ?s a/rdfs:subClassOf* ?core } " : "") +
            "} GROUP BY ?s";
    return fetch("/sparql", {method: "POST", body: new URLSearchParams({query: q}), headers: {"Accept": "application/sparql-results+json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        iris.forEach(function (i) { coreOf[i] = null; });  // asked once, found or not
        if (doc) doc.results.bindings.forEach(function (b) {
          if (b.label && !(b.s.value in labels)) labels[b.s.value] = b.label.value;
          if (b.type) coreOf[b.s.value] = b.type.value;
        });
      }).catch(function () {});
  }
  function typeRank(iri) {
    var i = coreTypes.map(function (t) { return t.iri; }).indexOf(coreOf[iri]);
    return i < 0 ? coreTypes.length : i;
  }
  function coreStyle(iri) {
    var t = coreOf[iri];
    return t ? coreTypes.filter(function (c) { return c.iri === t; })[0] || null : null;
  }

  function buildGraph(result) {
    var nodes = {}, edges = [], order = [], groups = [];
    function node(term, label, group) {
      var id = term.value;
      if (!nodes[id]) {
        if (order.length >= MAX_NODES) return null;
        if (groups.indexOf(group) < 0) groups.push(group);
        nodes[id] = {id: id, given: label || null, iri: term.type === "uri", group: group, title: term.value};
        order.push(id);
      } else if (label) {
        nodes[id].given = label;
      }
      return id;
    }
    var vars = result.vars;
    if (result.graph || (vars.length === 3 && vars[0] === "s" && vars[1] === "p" && vars[2] === "o")) {
      result.rows.forEach(function (r) {
        if (r.o.type === "literal") return;
        var a = node(r.s, null, "s"), b = node(r.o, null, "o");
        if (a && b) edges.push({from: a, to: b, label: shorten(r.p.value)});
      });
      result.rows.forEach(function (r) {  // labels given as literals
        if (r.o.type === "literal" && /label$/i.test(r.p.value) && nodes[r.s.value]) nodes[r.s.value].given = r.o.value;
      });
    } else {
      var iriVars = vars.filter(function (v) { return result.rows.some(function (r) { return r[v] && r[v].type === "uri"; }); });
      var labelFor = function (row, v, i) {
        var cands = [v + "Label", v + "_label", v + "label"];
        if (i === 0) cands.push("label", "name");
        for (var k = 0; k < cands.length; k++) if (row[cands[k]] && row[cands[k]].type === "literal") return row[cands[k]].value;
        return null;
      };
      result.rows.forEach(function (r) {
        var ids = iriVars.map(function (v, i) { return r[v] && r[v].type === "uri" ? node(r[v], labelFor(r, v, i), v) : null; });
        for (var i = 1; i < ids.length; i++) {
          if (ids[0] && ids[i] && ids[0] !== ids[i]) edges.push({from: ids[0], to: ids[i], label: iriVars[i]});
        }
      });
    }
    var seen = {};
    edges = edges.filter(function (e) { var k = e.from + "|" + e.to + "|" + e.label; if (seen[k]) return false; seen[k] = true; return true; });
    edges.forEach(function (e, i) { e.id = "e" + i; });
    return {nodes: nodes, order: order, edges: edges, groups: groups};
  }

  function labelWidth(text, font) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += text.charCodeAt(i) >= 0x2E80 ? 1 : 0.6;
    return w * font;
  }

  /* Nested blocks: a container's node on top, what it holds on shelves below; blocks sized
   * by their labels, so labels of one size never overlap (as kg.viz.grouping does). */
  function nestedLayout(g, aspect) {
    var parents = {};
    g.edges.forEach(function (e) { if (e.contains && e.from !== e.to) (parents[e.from] = parents[e.from] || []).push(e.to); });
    var level = {}, onPath = {};
    function lv(n) {
      if (n in level) return level[n];
      onPath[n] = true;
      var best = -1;
      (parents[n] || []).forEach(function (p) { if (!onPath[p]) best = Math.max(best, lv(p)); });
      delete onPath[n];
      return (level[n] = best + 1);
    }
    g.order.forEach(lv);
    var parent = {};
    g.order.forEach(function (n) {
      var cands = (parents[n] || []).filter(function (p) { return level[p] < level[n]; });
      if (cands.length) parent[n] = cands.sort(function (a, b) { return level[b] - level[a] || (a < b ? -1 : 1); })[0];
    });
    var kids = {};
    g.order.forEach(function (n) { if (n in parent) (kids[parent[n]] = kids[parent[n]] || []).push(n); });
    var GAP = 10, PAD = 14;
    function leaf(n) {
      var d = g.nodes[n], w = Math.max(labelWidth(d.label, d.font), 2 * d.size) + GAP;
      var pos = {}; pos[n] = [w / 2, GAP / 2 + d.size];
      return {w: w, h: 2 * d.size + 1.35 * d.font + GAP, pos: pos};
    }
    function shelves(blocks, width, top, left) {
      var pos = {}, x = left, y = top, rowH = 0, used = 0;
      blocks.forEach(function (b) {
        if (x > left && x + b.w > left + width) { x = left; y += rowH + GAP; rowH = 0; }
        Object.keys(b.pos).forEach(function (n) { pos[n] = [x + b.pos[n][0], y + b.pos[n][1]]; });
        x += b.w + GAP; used = Math.max(used, x - GAP - left); rowH = Math.max(rowH, b.h);
      });
      return {pos: pos, used: used, bottom: y + rowH};
    }
    function widthFor(blocks) {
      var area = 0, maxW = 0;
      blocks.forEach(function (b) { area += b.w * b.h * 1.15; maxW = Math.max(maxW, b.w); });
      return Math.max(maxW, Math.sqrt(area * aspect));
    }
    function block(n) {
      var ks = kids[n];
      if (!ks) return leaf(n);
      var inner = ks.slice().sort(function (a, b) {  // by type (a row of memorials …), then by name
        return typeRank(a) - typeRank(b) || (g.nodes[a].label < g.nodes[b].label ? -1 : 1);
      }).map(block);
      inner.sort(function (a, b) { return (Object.keys(b.pos).length > 1 ? b.w * b.h : 0) - (Object.keys(a.pos).length > 1 ? a.w * a.h : 0); });
      var head = leaf(n);
      var sh = shelves(inner, Math.max(widthFor(inner), head.w), PAD + head.h, PAD);
      sh.pos[n] = [PAD + head.pos[n][0], PAD + head.pos[n][1]];
      return {w: Math.max(sh.used, head.w) + 2 * PAD, h: sh.bottom + PAD, pos: sh.pos};
    }
    var tops = g.order.filter(function (n) { return !(n in parent); }).map(block);
    tops.sort(function (a, b) { return b.w * b.h - a.w * a.h; });
    var sh = shelves(tops, widthFor(tops), 0, 0);
    var implied = {};
    g.order.forEach(function (n) {
      var up = {}, p = n;
      while (p in parent) { p = parent[p]; up[p] = true; }
      (parents[n] || []).forEach(function (q) { if (up[q]) implied[n + "|" + q] = true; });
    });
    var ext = {}, depth = {}, orderBoxes = Object.keys(kids);
    g.order.forEach(function (n) {
      var d = g.nodes[n];
      ext[n] = [Math.max(labelWidth(d.label, d.font), 2 * d.size) / 2, d.size, d.size + 1.35 * d.font];
    });
    orderBoxes.forEach(function (b) { var k = 0, p = b; while (p in parent) { p = parent[p]; k++; } depth[b] = k; });
    orderBoxes.sort(function (a, b) { return depth[b] - depth[a]; });
    return {pos: sh.pos, implied: implied, boxes: {parent: parent, ext: ext, order: orderBoxes, depth: depth}};
  }

  function legend(g, nested) {
    var box = el("div", null);
    box.id = "graph-legend";
    box.appendChild(el("strong", null, "图例"));
    var ul = el("ul");
    coreTypes.forEach(function (t) {  // colour by core type where the graph knows it
      var n = g.order.filter(function (id) { return coreOf[id] === t.iri; }).length;
      if (!n) return;
      var li = el("li"), dot = el("span", "dot"); dot.style.background = t.color;
      li.appendChild(dot);
      li.appendChild(el("span", null, t.label + " " + t.type + " (" + n + ")"));
      ul.appendChild(li);
    });
    g.groups.forEach(function (grp, i) {  // the rest by the result column they come from
      var n = g.order.filter(function (id) { return g.nodes[id].group === grp && !coreStyle(id); }).length;
      if (!n) return;
      var li = el("li"), dot = el("span", "dot"); dot.style.background = COLORS[i % COLORS.length];
      li.appendChild(dot);
      li.appendChild(el("span", null, "?" + grp + " (" + n + ")"));
      ul.appendChild(li);
    });
    var rels = {};
    g.edges.forEach(function (e) { if (!e.hidden) rels[e.label] = (rels[e.label] || 0) + 1; });
    Object.keys(rels).sort().forEach(function (r) {
      var li = el("li"); li.appendChild(el("span", "line"));
      li.appendChild(el("span", null, r + " (" + rels[r] + ")")); ul.appendChild(li);
    });
    if (nested) {
      var li = el("li"); li.appendChild(el("span", "swatch"));
      li.appendChild(el("span", null, "方框：位于其中（" + nested + " 个容器）")); ul.appendChild(li);
    }
    box.appendChild(ul);
    box.appendChild(el("div", "hint-small", "滚轮缩放显示更多名称；悬停查看 IRI"));
    return box;
  }

  function showGraph(result) {
    var view = $("graph-view");
    if (network) { network.destroy(); network = null; window.explorerNetwork = null; }
    view.textContent = "";
    if (!result || !result.rows.length || typeof vis === "undefined") {
      view.appendChild(el("p", "hint", "没有可绘制的资源")); return Promise.resolve(null);
    }
    var g = buildGraph(result);
    if (!g.order.length) { view.appendChild(el("p", "hint", "结果中没有 IRI，无图可画")); return Promise.resolve(null); }
    var drawnFor = result;
    return fetchInfo(g.order.filter(function (id) { return g.nodes[id].iri; })).then(function () {
      if (lastResult !== drawnFor) return null;  // a newer result replaced this one meanwhile
      return drawGraph(view, g);
    });
  }

  function drawGraph(view, g) {
    view.textContent = "";
    g.edges.forEach(function (e) { e.contains = isContainment(e.label); });
    var nested = g.edges.some(function (e) { return e.contains; });
    var holds = {};
    g.edges.forEach(function (e) { if (e.contains) holds[e.to] = (holds[e.to] || 0) + 1; });
    var small = g.order.length <= 40;
    g.order.forEach(function (id) {
      var d = g.nodes[id];
      d.label = String(d.given || titles[id] || labels[id] || (d.iri ? localName(id) : id)).slice(0, 40);
      // containers are titled legibly at the opening view; the rest appear as one zooms in
      d.font = small ? 16 : (holds[id] ? 36 : 14);
      d.size = holds[id] ? 14 : 8;
    });
    var rect = view.getBoundingClientRect();
    var layout = nested ? nestedLayout(g, Math.max(0.8, (rect.width || 1000) / (rect.height || 500))) : null;
    var data = g.order.map(function (id) {
      var d = g.nodes[id], st = coreStyle(id);
      var n = {id: id, label: d.label, title: id, size: d.size, font: {size: d.font},
        color: st ? st.color : COLORS[g.groups.indexOf(d.group) % COLORS.length], shape: d.iri ? "dot" : "box"};
      if (layout) { n.x = layout.pos[id][0]; n.y = layout.pos[id][1]; }
      return n;
    });
    g.edges.forEach(function (e) {
      e.arrows = "to";
      if (layout && layout.implied[e.from + "|" + e.to]) e.hidden = true;
    });
    view.appendChild(legend(g, layout ? layout.boxes.order.length : 0));
    var canvasBox = el("div"); canvasBox.id = "graph-canvas";
    view.appendChild(canvasBox);
    network = new vis.Network(canvasBox, {nodes: new vis.DataSet(data), edges: new vis.DataSet(g.edges)}, {
      nodes: {font: {face: FONT, size: 14, strokeWidth: 3, strokeColor: "#fff"},
              scaling: {label: {enabled: false, drawThreshold: 12, maxVisible: 40}}},
      edges: {font: {face: FONT, size: 11, strokeWidth: 3, strokeColor: "#fff"}, color: {color: "#8d9ba5"},
              smooth: false, scaling: {label: {drawThreshold: 12}}},
      physics: layout ? {enabled: false} : {solver: "forceAtlas2Based", stabilization: {iterations: 150}},
      layout: {improvedLayout: !layout && g.order.length <= 100, randomSeed: 7}, interaction: {hover: true}
    });
    if (layout) {
      var shownNode = function () { return true; };
      window.explorerBoxes = kgBoxes.attach(network, layout.boxes, shownNode);
      network.fit();
      kgBoxes.snapLabels(network, g.order.map(function (id) { return g.nodes[id].font; }), 12);
    } else {
      network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
    }
    window.explorerNetwork = network;
    return network;
  }

  /* ---- wiring ---- */
  Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (b) {
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (x) { x.classList.toggle("active", x === b); });
      $("table-view").classList.toggle("hidden", b.dataset.tab !== "table");
      $("graph-view").classList.toggle("hidden", b.dataset.tab !== "graph");
      document.body.classList.toggle("graph-mode", b.dataset.tab === "graph");  // a smaller editor, a larger drawing
      if (b.dataset.tab === "graph") showGraph(lastResult);
    });
  });
  runBtn.addEventListener("click", run);
  editor.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); } });
  $("q-filter").addEventListener("input", function () { renderList(this.value); });

  window.explorer = {run: run, select: select, describe: describe, showGraph: function () { return showGraph(lastResult); },
                     queries: function () { return queries; }, result: function () { return lastResult; },
                     titles: function () { return titles; }};

  var TITLES = "PREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX lv: <https://w3id.org/lvliang-kg/ontology#>\n" +
               "SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?i) AS ?id) WHERE { ?d a lv:Document ; dcterms:title ?t " +
               "OPTIONAL { ?d dcterms:identifier ?i } } GROUP BY ?d";
  Promise.all([fetch("/queries").then(function (r) { return r.json(); }),
               fetch("/prefixes").then(function (r) { return r.json(); }),
               fetch("/types").then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; }),
               fetch("/sparql", {method: "POST", body: new URLSearchParams({query: TITLES}),
                                 headers: {"Accept": "application/sparql-results+json"}})
                 .then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })]).then(function (res) {
    queries = res[0];
    prefixes = res[1];
    coreTypes = res[2];
    if (res[3]) res[3].results.bindings.forEach(function (b) {
      if (!b.title) return;
      titles[b.d.value] = b.title.value;
      if (b.id) docIds[b.id.value] = b.title.value;
    });
    $("q-count").textContent = "(" + queries.length + ")";
    renderList("");
    var first = queries.filter(function (q) { return q.name === "most-mentioned"; })[0] || queries[0];
    if (first) select(first.name);
    document.body.dataset.ready = "1";
  }).catch(function (err) { setStatus("无法读取命名查询：" + err, "error"); });
})();
