// Lineage graph of the lake for the console: datasets in columns by zone (raw → stage → analytics),
// edges from each input to the model reading it. Plain SVG, no library.
'use strict';
const LineageGraph = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const ZONES = ['raw', 'stage', 'analytics'];
  const W = 250, H = 24, GAP = 8, COL = 340, PAD = 10;

  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Datasets connected to `focus` through edges in one direction. */
  function reach(edges, focus, forward) {
    const seen = new Set();
    const todo = [focus];
    while (todo.length) {
      const d = todo.pop();
      edges.forEach(e => {
        const [from, to] = forward ? [e.from, e.to] : [e.to, e.from];
        if (from === d && !seen.has(to)) { seen.add(to); todo.push(to); }
      });
    }
    return seen;
  }

  /** The SVG of the graph; `focus` (a dataset id or null) and what feeds it / reads it are highlighted. */
  function draw(graph, focus, onClick) {
    const pos = {};
    const columns = ZONES.map(z => graph.nodes.filter(n => n.zone === z).map(n => n.id).sort());
    columns.forEach((ids, c) => ids.forEach((id, r) => { pos[id] = { x: PAD + c * COL, y: PAD + r * (H + GAP) }; }));
    const rows = Math.max(...columns.map(c => c.length), 1);
    const svg = el('svg', { viewBox: `0 0 ${PAD * 2 + (ZONES.length - 1) * COL + W} ${PAD * 2 + rows * (H + GAP)}`,
      class: 'lineage-graph', role: 'img' });
    const up = focus ? reach(graph.edges, focus, false) : new Set();
    const down = focus ? reach(graph.edges, focus, true) : new Set();
    const lit = id => !focus || id === focus || up.has(id) || down.has(id);
    graph.edges.forEach(e => {
      const a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mid = (x1 + x2) / 2;
      svg.append(el('path', { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
        class: 'edge' + (lit(e.from) && lit(e.to) && focus ? ' lit' : '') + (!focus || (lit(e.from) && lit(e.to)) ? '' : ' dim') }));
    });
    graph.nodes.forEach(n => {
      const p = pos[n.id];
      if (!p) return;
      const g = el('g', { class: 'node zone-' + n.zone + (n.id === focus ? ' focus' : '') + (lit(n.id) ? '' : ' dim'),
        transform: `translate(${p.x},${p.y})`, 'data-id': n.id });
      g.append(el('rect', { width: W, height: H, rx: 5 }), el('text', { x: 8, y: H / 2 + 4 }, n.id));
      g.addEventListener('click', () => onClick(n.id));
      svg.append(g);
    });
    return svg;
  }

  return { draw };
})();
