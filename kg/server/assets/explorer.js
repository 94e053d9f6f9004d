/* lvliang-kg SPARQL explorer: named queries, editor, results table, graph view.
 * Talks only to this server: GET /queries, /prefixes, POST /sparql, /queries/{name}/run. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var editor = $("editor"), statusEl = $("status"), runBtn = $("run");
  var queries = [], current = null, prefixes = {}, lastResult = null, network = null;

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

  function run() {
    var text = editor.value;
    if (!text.trim()) { setStatus("查询为空", "warn"); return Promise.resolve(null); }
    var named = current && text === current.text;
    var url, body;
    if (named) {
      url = "/queries/" + encodeURIComponent(current.name) + "/run";
      body = new URLSearchParams(paramValues());
    } else {
      url = "/sparql";
      body = new URLSearchParams({query: text});
    }
    runBtn.disabled = true;
    setStatus("运行中 …");
    var t0 = performance.now();
    return fetch(url, {method: "POST", body: body, headers: {"Accept": ACCEPT}}).then(function (resp) {
      return resp.text().then(function (bodyText) {
        runBtn.disabled = false;
        var ms = Math.round(performance.now() - t0);
        if (!resp.ok) {
          setStatus(resp.status + " " + resp.statusText + "\n" + bodyText, "error");
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
        downloads(named ? null : text);
        return result;
      });
    }).catch(function (err) { runBtn.disabled = false; setStatus("请求失败：" + err, "error"); return null; });
  }

  function downloads(text) {
    var box = $("downloads");
    box.textContent = "";
    if (!text || lastResult.graph) return;
    [["csv", "CSV"], ["tsv", "TSV"], ["json", "JSON"], ["xml", "XML"]].forEach(function (f) {
      var a = el("a", null, f[1]);
      a.href = "/sparql?format=" + f[0] + "&query=" + encodeURIComponent(text);
      a.setAttribute("download", "result." + f[0]);
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

  function cell(term) {
    var td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.className = "iri";
      var a = el("a", null, shorten(term.value));
      a.title = term.value + "（点击查看该资源）";
      a.addEventListener("click", function () { describe(term.value); });
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
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
      result.vars.forEach(function (v) { r.appendChild(cell(row[v])); });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    view.appendChild(table);
  }
  function describe(iri) {
    current = null;
    renderList($("q-filter").value);
    $("params").textContent = "";
    $("q-title").textContent = "资源";
    $("q-desc").textContent = shorten(iri);
    editor.value = "SELECT ?p ?o ?oLabel WHERE {\n  <" + iri + "> ?p ?o .\n  OPTIONAL { ?o rdfs:label ?oLabel }\n}\nORDER BY ?p ?o\nLIMIT 500";
    run();
  }

  /* ---- graph view ---- */
  var COLORS = ["#2e7d32", "#1565c0", "#ef6c00", "#c62828", "#6a1b9a", "#d81b60", "#f9a825", "#546e7a"];
  function showGraph(result) {
    var view = $("graph-view");
    if (network) { network.destroy(); network = null; }
    view.textContent = "";
    if (!result || !result.rows.length || typeof vis === "undefined") {
      view.appendChild(el("p", "hint", "没有可绘制的资源")); return;
    }
    var nodes = {}, edges = [], order = [];
    function node(term, label, group) {
      var id = term.value;
      if (!nodes[id]) {
        if (order.length >= 500) return null;
        nodes[id] = {id: id, label: label || (term.type === "uri" ? localName(term.value) : term.value).slice(0, 40),
                     title: term.value, color: COLORS[group % COLORS.length], shape: term.type === "uri" ? "dot" : "box"};
        order.push(id);
      } else if (label && nodes[id].label !== label) {
        nodes[id].label = label;
      }
      return id;
    }
    var vars = result.vars;
    if (result.graph || (vars.length === 3 && vars[0] === "s" && vars[1] === "p" && vars[2] === "o")) {
      result.rows.forEach(function (r) {
        if (r.o.type === "literal") {
          if (/label$/i.test(r.p.value) && nodes[r.s.value]) nodes[r.s.value].label = r.o.value;
          return;
        }
        var a = node(r.s, null, 0), b = node(r.o, null, 1);
        if (a && b) edges.push({from: a, to: b, label: shorten(r.p.value), arrows: "to"});
      });
      result.rows.forEach(function (r) {  // labels given as literals
        if (r.o.type === "literal" && /label$/i.test(r.p.value) && nodes[r.s.value]) nodes[r.s.value].label = r.o.value;
      });
    } else {
      var iriVars = vars.filter(function (v) { return result.rows.some(function (r) { return r[v] && r[v].type === "uri"; }); });
      function labelFor(row, v, i) {
        var cands = [v + "Label", v + "_label", v + "label"];
        if (i === 0) cands.push("label", "name");
        for (var k = 0; k < cands.length; k++) if (row[cands[k]] && row[cands[k]].type === "literal") return row[cands[k]].value;
        return null;
      }
      result.rows.forEach(function (r) {
        var ids = iriVars.map(function (v, i) { return r[v] && r[v].type === "uri" ? node(r[v], labelFor(r, v, i), i) : null; });
        for (var i = 1; i < ids.length; i++) {
          if (ids[0] && ids[i] && ids[0] !== ids[i]) edges.push({from: ids[0], to: ids[i], label: iriVars[i], arrows: "to"});
        }
      });
    }
    if (!order.length) { view.appendChild(el("p", "hint", "结果中没有 IRI，无图可画")); return; }
    var seen = {};
    edges = edges.filter(function (e) { var k = e.from + "|" + e.to + "|" + e.label; if (seen[k]) return false; seen[k] = true; return true; });
    network = new vis.Network(view, {nodes: new vis.DataSet(order.map(function (id) { return nodes[id]; })), edges: new vis.DataSet(edges)}, {
      nodes: {font: {face: "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif", size: 13, strokeWidth: 3, strokeColor: "#fff"}, size: 10},
      edges: {font: {size: 10, strokeWidth: 3, strokeColor: "#fff"}, color: {color: "#8d9ba5"}, smooth: false},
      physics: {solver: "forceAtlas2Based", stabilization: {iterations: 150}},
      layout: {improvedLayout: order.length <= 100, randomSeed: 7}, interaction: {hover: true}
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
    window.explorerNetwork = network;
  }

  /* ---- wiring ---- */
  Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (b) {
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (x) { x.classList.toggle("active", x === b); });
      $("table-view").classList.toggle("hidden", b.dataset.tab !== "table");
      $("graph-view").classList.toggle("hidden", b.dataset.tab !== "graph");
      if (b.dataset.tab === "graph") showGraph(lastResult);
    });
  });
  runBtn.addEventListener("click", run);
  editor.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); } });
  $("q-filter").addEventListener("input", function () { renderList(this.value); });

  window.explorer = {run: run, select: select, queries: function () { return queries; }, result: function () { return lastResult; }};

  Promise.all([fetch("/queries").then(function (r) { return r.json(); }),
               fetch("/prefixes").then(function (r) { return r.json(); })]).then(function (res) {
    queries = res[0];
    prefixes = res[1];
    $("q-count").textContent = "(" + queries.length + ")";
    renderList("");
    var first = queries.filter(function (q) { return q.name === "most-mentioned"; })[0] || queries[0];
    if (first) select(first.name);
    document.body.dataset.ready = "1";
  }).catch(function (err) { setStatus("无法读取命名查询：" + err, "error"); });
})();
