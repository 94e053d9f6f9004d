/* lvliang-kg graph page: tooltips, legend with type filter, search, ego view, details.
 * Data: window.KG_DATA = {nodes, edges, options, meta}; vis-network is embedded above.
 * API for scripts and tests: window.network (vis.Network), window.kgViz. */
(function () {
  "use strict";
  var KG = window.KG_DATA;
  var meta = KG.meta;
  var container = document.getElementById("mynetwork");
  var statusEl = document.getElementById("kg-status");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clip(s, n) { s = s || ""; return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function docTitle(id) { var d = meta.documents[id]; return d ? d.title : id; }
  function docsText(ids, n) {
    var shown = ids.slice(0, n).map(function (d) { return d === "reference" ? "参考数据" : docTitle(d); });
    return shown.join("；") + (ids.length > n ? " 等 " + ids.length + " 篇" : "");
  }
  function typeText(n) {
    var core = meta.types[n.type] || {label: n.type};
    return n.cls_label + (n.cls !== n.type ? "（" + n.cls + "，" + core.label + "）" : "（" + n.cls + "）");
  }

  function nodeTip(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("b", null, n.label));
    function line(k, v) {
      if (v === undefined || v === null || v === "") return;
      var p = el("div"); p.appendChild(el("span", "kg-k", k + "：")); p.appendChild(document.createTextNode(v)); box.appendChild(p);
    }
    line("类型", typeText(n));
    if (n.aliases && n.aliases.length) line("别名", n.aliases.join("、"));
    if (n.type !== "Document") line("提及", n.mentions + " 次，" + n.documents.length + " 篇文档");
    if (n.documents && n.documents.length && n.type !== "Document") line("文档", docsText(n.documents, 3));
    if (n.source === "reference") line("来源", "参考数据（行政区划）");
    if (n.evidence) line("例句", "“" + clip(n.evidence, 160) + "”");
    return box;
  }
  function edgeTip(e) {
    var box = el("div", "kg-tip");
    var from = byId[e.from], to = byId[e.to];
    box.appendChild(el("b", null, (from ? from.label : e.from) + " → " + e.label + " → " + (to ? to.label : e.to)));
    var rel = meta.relations[e.relation];
    box.appendChild(el("div", "kg-k", "lv:" + e.relation + (rel ? "（" + rel.label + "）" : "")));
    if (e.documents && e.documents.length) box.appendChild(el("div", null, "出处：" + docsText(e.documents, 3)));
    if (e.evidence) box.appendChild(el("div", null, "“" + clip(e.evidence, 160) + "”"));
    return box;
  }

  var byId = {};
  KG.nodes.forEach(function (n) { byId[n.id] = n; });
  var adj = {};
  KG.nodes.forEach(function (n) { adj[n.id] = []; });
  KG.edges.forEach(function (e) {
    if (adj[e.from]) adj[e.from].push({other: e.to, edge: e, out: true});
    if (adj[e.to]) adj[e.to].push({other: e.from, edge: e, out: false});
  });
  KG.nodes.forEach(function (n) { n.title = nodeTip(n); });
  KG.edges.forEach(function (e) { e.title = edgeTip(e); });

  var nodes = new vis.DataSet(KG.nodes);
  var edges = new vis.DataSet(KG.edges);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, KG.options);
  window.network = network;

  var hiddenTypes = {};
  var egoSet = null;   // null: no ego view; else {id: true}
  var selected = null;
  var showIsolated = false;  // entities with no relation wait behind a toggle

  function visible(n) {
    if (hiddenTypes[n.type]) return false;
    if (egoSet) return n.id in egoSet;
    return !n.isolated || showIsolated;
  }
  function visibleIds() { return KG.nodes.filter(visible).map(function (n) { return n.id; }); }
  function setStatus(text, warn) { statusEl.textContent = text || ""; statusEl.className = warn ? "kg-warn" : ""; }
  function applyVisibility() {
    var upd = [];
    KG.nodes.forEach(function (n) {
      var h = !visible(n);
      if (!!n.hidden !== h) { n.hidden = h; upd.push({id: n.id, hidden: h}); }
    });
    if (upd.length) nodes.update(upd);
    var shown = visibleIds().length;
    setStatus(shown === KG.nodes.length ? "" : "显示 " + shown + " / " + KG.nodes.length + " 个节点");
  }

  /* legend + type filter */
  var typeList = document.getElementById("kg-types");
  meta.type_order.forEach(function (core) {
    var t = meta.types[core];
    if (!t.count) return;
    var li = el("li");
    li.dataset.type = core;
    var g = el("span", "kg-glyph", t.glyph); g.style.color = t.color;
    li.appendChild(g);
    li.appendChild(el("span", null, t.label + " " + core));
    li.appendChild(el("span", "kg-count", t.count));
    li.title = "显示/隐藏 " + t.label;
    li.addEventListener("click", function () { setTypeVisible(core, !!hiddenTypes[core]); });
    typeList.appendChild(li);
  });
  if (meta.has_reference) {
    var li = el("li"); li.style.cursor = "default";
    var g = el("span", "kg-glyph", "◌"); li.appendChild(g);
    li.appendChild(el("span", null, "虚线边框：参考数据中的地点"));
    typeList.appendChild(li);
  }
  var relList = document.getElementById("kg-relations");
  Object.keys(meta.relations).forEach(function (r) {
    var rel = meta.relations[r];
    if (!rel.count) return;
    var li = el("li");
    var line = el("span", "kg-line" + (rel.dashes ? " kg-dashed" : "")); line.style.borderTopColor = rel.color;
    li.appendChild(line);
    li.appendChild(el("span", null, rel.label + "  lv:" + r));
    li.appendChild(el("span", "kg-count", rel.count));
    relList.appendChild(li);
  });

  /* containment boxes: a place's box holds what is located in it; the 位于 edges it
   * implies are hidden and can be shown */
  var boxes = meta.boxes;
  var showImplied = false;
  if (boxes && boxes.order.length) {
    var bli = el("li"); bli.id = "kg-boxes-item";
    var sw = el("span", "kg-box-swatch"); bli.appendChild(sw);
    bli.appendChild(el("span", null, "方框：位于其中（" + boxes.order.length + " 个地点）"));
    var cb = el("input"); cb.type = "checkbox"; cb.id = "kg-implied"; cb.title = "也画出方框已表示的“位于”连线";
    var lab = el("label", "kg-count"); lab.appendChild(cb); lab.appendChild(document.createTextNode("连线"));
    bli.appendChild(lab);
    relList.appendChild(bli);
    cb.addEventListener("change", function () { setImpliedVisible(cb.checked); });
  }
  function setImpliedVisible(on) {
    showImplied = !!on;
    var upd = KG.edges.filter(function (e) { return e.implied; }).map(function (e) { return {id: e.id, hidden: !showImplied}; });
    if (upd.length) edges.update(upd);
  }
  var isoBtn = document.getElementById("kg-isolated");
  function syncIsolatedButton() {
    if (!isoBtn) return;
    isoBtn.hidden = !meta.isolated;
    isoBtn.textContent = (showIsolated ? "隐藏" : "显示") + "无关系实体 (" + meta.isolated + ")";
    isoBtn.setAttribute("aria-pressed", showIsolated ? "true" : "false");
  }
  function setIsolatedVisible(on) {
    showIsolated = !!on; egoSet = null;
    applyVisibility(); syncIsolatedButton();
    network.fit({animation: {duration: 300}});
  }
  if (isoBtn) isoBtn.addEventListener("click", function () { setIsolatedVisible(!showIsolated); });
  syncIsolatedButton();

  function setTypeVisible(core, on) {
    if (on) delete hiddenTypes[core]; else hiddenTypes[core] = true;
    var li = typeList.querySelector('li[data-type="' + core + '"]');
    if (li) li.classList.toggle("kg-off", !on);
    applyVisibility();
  }

  /* details panel */
  var details = document.getElementById("kg-details");
  function showDetails(id) {
    var n = byId[id];
    details.textContent = "";
    if (!n) return;
    details.appendChild(el("h3", null, n.label));
    var dl = el("dl");
    function row(k, v) {
      if (v === undefined || v === null || v === "" || (v.length === 0)) return;
      dl.appendChild(el("dt", null, k));
      var dd = el("dd");
      if (v instanceof Node) dd.appendChild(v); else dd.textContent = v;
      dl.appendChild(dd);
    }
    row("类型", typeText(n));
    row("IRI", n.iri);
    row("别名", (n.aliases || []).join("、"));
    if (n.type !== "Document") row("提及次数", String(n.mentions));
    if (n.documents && n.documents.length && n.type !== "Document") row("文档", docsText(n.documents, 10));
    if (n.evidence) row("例句", el("div", "kg-evidence", n.evidence));
    var nb = el("div");
    (adj[id] || []).slice(0, 60).forEach(function (a) {
      var o = byId[a.other]; if (!o) return;
      var p = el("div");
      p.appendChild(document.createTextNode(a.out ? a.edge.label + " → " : "← " + a.edge.label + " "));
      var link = el("a", null, o.label);
      link.addEventListener("click", function () { focusNode(o.id); });
      p.appendChild(link);
      nb.appendChild(p);
    });
    if (nb.childNodes.length) row("关系 (" + (adj[id] || []).length + ")", nb);
    details.appendChild(dl);
  }

  function focusNode(id) {
    if (!byId[id]) return false;
    if (!visible(byId[id])) {
      egoSet = null; delete hiddenTypes[byId[id].type];
      if (byId[id].isolated) { showIsolated = true; syncIsolatedButton(); }
      applyVisibility(); syncLegend();
    }
    selected = id;
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}});
    showDetails(id);
    return true;
  }
  function syncLegend() {
    Array.prototype.forEach.call(typeList.querySelectorAll("li[data-type]"), function (li) {
      li.classList.toggle("kg-off", !!hiddenTypes[li.dataset.type]);
    });
  }

  /* search */
  var names = document.getElementById("kg-names");
  var seen = {};
  KG.nodes.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (s) {
      if (s && !seen[s]) { seen[s] = true; var o = el("option"); o.value = s; names.appendChild(o); }
    });
  });
  function rank(n) { return -(n.mentions || 0) * 1000 - (adj[n.id] || []).length; }
  function find(text) {
    text = (text || "").trim();
    if (!text) return [];
    var tests = [
      function (n) { return n.label === text; },
      function (n) { return (n.aliases || []).indexOf(text) >= 0; },
      function (n) { return n.id === text || n.id.split("/").pop() === text; },
      function (n) { return n.label.indexOf(text) >= 0 || (n.aliases || []).some(function (a) { return a.indexOf(text) >= 0; }); },
    ];
    for (var i = 0; i < tests.length; i++) {
      var hits = KG.nodes.filter(tests[i]);
      if (hits.length) return hits.sort(function (a, b) { return rank(a) - rank(b); });
    }
    return [];
  }
  function search(text) {
    var hits = find(text);
    if (!hits.length) { setStatus("未找到：" + text, true); return null; }
    focusNode(hits[0].id);
    setStatus(hits.length > 1 ? "找到 " + hits.length + " 个，显示：" + hits[0].label : "找到：" + hits[0].label);
    return hits[0].id;
  }
  var input = document.getElementById("kg-search");
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(input.value); });
  input.addEventListener("change", function () { if (seen[input.value]) search(input.value); });
  document.getElementById("kg-search-btn").addEventListener("click", function () { search(input.value); });

  /* ego view */
  var depthSel = document.getElementById("kg-depth");
  if (meta.depth !== null && meta.depth !== undefined) {  // the page's own depth, shown
    var d = String(meta.depth);
    if (!depthSel.querySelector('option[value="' + d + '"]')) {
      var opt = el("option", null, d); opt.value = d; depthSel.insertBefore(opt, depthSel.firstChild);
    }
    depthSel.value = d;
  }
  function ego(id, depth) {
    if (!byId[id]) return [];
    depth = depth === undefined ? parseInt(depthSel.value, 10) : depth;
    var dist = {}; dist[id] = 0;
    var queue = [id];
    while (queue.length) {
      var cur = queue.shift();
      if (dist[cur] >= depth) continue;
      (adj[cur] || []).forEach(function (a) {
        if (!(a.other in dist) && byId[a.other] && !hiddenTypes[byId[a.other].type]) {
          dist[a.other] = dist[cur] + 1; queue.push(a.other);
        }
      });
    }
    egoSet = dist;
    delete hiddenTypes[byId[id].type]; syncLegend();
    applyVisibility();
    var ids = Object.keys(dist);
    selected = id;
    network.selectNodes([id]);
    network.fit({nodes: ids, animation: {duration: 300}});
    showDetails(id);
    setStatus(byId[id].label + " 的 " + depth + " 度邻域：" + ids.length + " 个节点");
    return ids;
  }
  function showAll() {
    egoSet = null; hiddenTypes = {}; syncLegend(); applyVisibility();
    network.fit({animation: {duration: 300}});
  }
  document.getElementById("kg-ego").addEventListener("click", function () {
    var id = selected || (network.getSelectedNodes()[0]);
    if (!id) { var s = search(input.value); id = s; }
    if (id) ego(id); else setStatus("先选择或搜索一个实体", true);
  });
  document.getElementById("kg-reset").addEventListener("click", showAll);

  network.on("click", function (p) { if (p.nodes.length) { selected = p.nodes[0]; showDetails(selected); } });
  network.on("doubleClick", function (p) { if (p.nodes.length) ego(p.nodes[0]); });

  /* the boxes (boxes.js), drawn under the network from the current positions */
  var boxLayer = boxes ? kgBoxes.attach(network, boxes, function (id) { return byId[id] && !byId[id].hidden; }) : null;
  function boxRects() { return boxLayer ? boxLayer.rects() : []; }

  /* readiness, for people (status) and scripts (data attributes) */
  var t0 = window.performance ? performance.now() : 0;
  function ready() {
    window.kgReadyAt = window.performance ? performance.now() : 0;  // ms since navigation start
    document.body.dataset.ready = "1";
  }
  function snapLabels() {
    var sizes = KG.nodes.filter(function (n) { return !n.hidden && n.font && n.font.size; })
                        .map(function (n) { return n.font.size; });
    kgBoxes.snapLabels(network, sizes, KG.options.nodes.scaling.label.drawThreshold);
  }
  network.once("afterDrawing", function () {
    if (meta.fit_nodes && meta.fit_nodes.length < KG.nodes.length) network.fit({nodes: meta.fit_nodes});
    else if (!meta.physics) { network.fit(); snapLabels(); }  // the shown nodes, not the hidden unconnected ones
    document.body.dataset.drawn = String(Math.round((window.performance ? performance.now() : 0) - t0));
    if (!KG.options.physics || KG.options.physics.enabled === false) ready();
  });
  /* Small components (isolated nodes, pairs) sit on rows outside the physics; once the
   * others have settled, the rows are moved just below them. */
  function packSmall() {
    var pos = network.getPositions();
    var main = {minX: Infinity, maxX: -Infinity, maxY: -Infinity};
    var small = {minX: Infinity, maxX: -Infinity, minY: Infinity};
    var packed = [];
    KG.nodes.forEach(function (n) {
      var p = pos[n.id]; if (!p) return;
      if (n.pack) {
        packed.push(n.id);
        small.minX = Math.min(small.minX, p.x); small.maxX = Math.max(small.maxX, p.x); small.minY = Math.min(small.minY, p.y);
      } else {
        main.minX = Math.min(main.minX, p.x); main.maxX = Math.max(main.maxX, p.x); main.maxY = Math.max(main.maxY, p.y);
      }
    });
    if (!packed.length || main.maxY === -Infinity) return;
    var dx = (main.minX + main.maxX) / 2 - (small.minX + small.maxX) / 2;
    var dy = main.maxY + 120 - small.minY;
    packed.forEach(function (id) { network.moveNode(id, pos[id].x + dx, pos[id].y + dy); });
  }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});  // keep the drawing still once settled
    packSmall();
    network.fit();
    ready();
  });

  window.kgViz = {
    network: network, nodes: nodes, edges: edges, search: search, find: function (t) { return find(t).map(function (n) { return n.id; }); },
    ego: ego, showAll: showAll, setTypeVisible: setTypeVisible, visibleIds: visibleIds, focus: focusNode,
    setIsolatedVisible: setIsolatedVisible, setImpliedVisible: setImpliedVisible, boxes: boxRects,
  };
  if (meta.focus && byId[meta.focus]) { network.once("afterDrawing", function () { network.selectNodes([meta.focus]); showDetails(meta.focus); selected = meta.focus; }); }
})();
