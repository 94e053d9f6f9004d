/* lvliang-kg: containment drawn as boxes under a vis-network drawing, for the graph pages
 * and the explorer's graph view.
 *
 *   var layer = kgBoxes.attach(network, spec, shown);
 *
 * spec = {parent: {child: box}, ext: {id: [halfWidth, above, below]}, order: [box, …]
 * (deepest first), depth: {box: n}}; shown(id) says whether a node is drawn. Each box is
 * computed at every drawing from the current positions (nodes can be dragged): the extents
 * of its own node, its members and its inner boxes, plus a margin. layer.rects() lists
 * them ({id, rect: [x0, y0, x1, y1], depth}, outermost first), in canvas coordinates.
 *
 *   kgBoxes.snapLabels(network, fontSizes, drawThreshold);
 *
 * At the opening view a label is either legible or not drawn: a label size that would land
 * in vis-network's fade band (just under drawThreshold) is moved out of it by a small zoom,
 * in when the drawing still fits nearly whole, else out; and when the whole drawing is too
 * large for even the largest labels to be read, the view zooms in on its centre until they are. */
(function () {
  "use strict";
  var PAD = 12;
  function attach(network, spec, shown) {
    var kids = {};
    Object.keys(spec.parent).forEach(function (c) { (kids[spec.parent[c]] = kids[spec.parent[c]] || []).push(c); });
    var ids = Object.keys(spec.ext);
    function rects() {
      var pos = network.getPositions(ids);
      var rect = {}, out = [];
      function own(id) {
        var p = pos[id], e = spec.ext[id];
        if (!p || !e || !shown(id)) return null;
        return [p.x - e[0], p.y - e[1], p.x + e[0], p.y + e[2]];
      }
      spec.order.forEach(function (b) {
        var r = own(b);
        (kids[b] || []).forEach(function (c) {
          var q = rect[c] || own(c);
          if (!q) return;
          r = r ? [Math.min(r[0], q[0]), Math.min(r[1], q[1]), Math.max(r[2], q[2]), Math.max(r[3], q[3])] : q.slice();
        });
        if (!r) return;
        rect[b] = [r[0] - PAD, r[1] - PAD, r[2] + PAD, r[3] + PAD];
        out.push({id: b, rect: rect[b], depth: spec.depth[b] || 0});
      });
      return out.sort(function (a, b) { return a.depth - b.depth; });
    }
    network.on("beforeDrawing", function (ctx) {
      rects().forEach(function (b) {
        var r = b.rect, w = r[2] - r[0], h = r[3] - r[1], rad = Math.min(18, w / 4, h / 4);
        ctx.beginPath();
        ctx.moveTo(r[0] + rad, r[1]);
        ctx.arcTo(r[2], r[1], r[2], r[3], rad); ctx.arcTo(r[2], r[3], r[0], r[3], rad);
        ctx.arcTo(r[0], r[3], r[0], r[1], rad); ctx.arcTo(r[0], r[1], r[2], r[1], rad);
        ctx.closePath();
        ctx.fillStyle = "rgba(46, 125, 50, 0.06)";
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = "rgba(46, 125, 50, 0.45)";
        ctx.stroke();
      });
    });
    return {rects: rects};
  }
  function snapLabels(network, fontSizes, threshold) {
    if (!threshold) return;
    var s = network.getScale(), target = s, seen = {};
    fontSizes.forEach(function (f) { seen[f] = true; });
    Object.keys(seen).map(Number).forEach(function (f) {
      var px = f * target;
      if (px >= threshold - 1 && px < threshold + 0.3) {
        var up = (threshold + 0.3) / f, down = (threshold - 1.05) / f;
        target = up / s <= 1.06 ? up : Math.min(target, down);
      }
    });
    // never so far out that even the largest labels vanish: then the centre, legibly
    var largest = Math.max.apply(null, Object.keys(seen).map(Number).concat([0]));
    if (largest && largest * target < threshold + 0.3) target = (threshold + 0.3) / largest;
    if (target !== s) network.moveTo({scale: target});
  }
  window.kgBoxes = {attach: attach, snapLabels: snapLabels};
})();
