// Small SVG charts for the customer 360 page: no library, no build step.
'use strict';
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1f6fbf', '#e07b39', '#2e9e5b', '#8e5cc7', '#c7435c', '#4fb3bf'];

  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(width, height, kind) {
    return el('svg', { viewBox: `0 0 ${width} ${height}`, class: `chart chart-${kind}`, role: 'img' });
  }

  function fmt(v) {
    return Math.abs(v) >= 1000 ? (v / 1000).toFixed(1) + 'k' : (Math.round(v * 100) / 100).toString();
  }

  function legend(series) {
    const d = document.createElement('div');
    d.className = 'legend';
    series.forEach((s, i) => {
      const span = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = COLORS[i % COLORS.length];
      span.append(swatch, s);
      d.append(span);
    });
    return d;
  }

  /** Lines over time: rows [{month: '2026-01', a: 1, b: 2}], one line per numeric field. */
  function timeSeries(rows, xKey) {
    const series = Object.keys(rows[0]).filter(k => k !== xKey && typeof rows[0][k] === 'number');
    const W = 520, H = 220, L = 44, B = 28, T = 10, R = 10;
    const max = Math.max(1, ...rows.flatMap(r => series.map(s => Number(r[s]) || 0)));
    const x = i => L + (rows.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (rows.length - 1));
    const y = v => T + (H - T - B) * (1 - v / max);
    const s = svg(W, H, 'time');
    [0, 0.5, 1].forEach(f => {
      s.append(el('line', { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), stroke: '#e6ebf0' }));
      s.append(el('text', { x: L - 6, y: y(max * f) + 4, 'text-anchor': 'end' }, fmt(max * f)));
    });
    const step = Math.max(1, Math.ceil(rows.length / 8));
    rows.forEach((r, i) => {
      if (i % step === 0) s.append(el('text', { x: x(i), y: H - 8, 'text-anchor': 'middle' }, String(r[xKey])));
    });
    series.forEach((name, si) => {
      const pts = rows.map((r, i) => `${x(i)},${y(Number(r[name]) || 0)}`).join(' ');
      s.append(el('polyline', { points: pts, fill: 'none', stroke: COLORS[si % COLORS.length], 'stroke-width': 2, class: 'series' }));
      rows.forEach((r, i) => s.append(el('circle', { cx: x(i), cy: y(Number(r[name]) || 0), r: 2.5, fill: COLORS[si % COLORS.length] })));
    });
    const wrap = document.createElement('div');
    wrap.append(s, legend(series));
    return wrap;
  }

  /** Horizontal bars: {web: 12, branch: 3}. */
  function bars(values) {
    const entries = Object.entries(values);
    const W = 520, row = 26, L = 120, H = entries.length * row + 10;
    const max = Math.max(1, ...entries.map(([, v]) => v));
    const s = svg(W, H, 'bars');
    entries.forEach(([k, v], i) => {
      const w = (W - L - 60) * v / max;
      s.append(el('text', { x: L - 8, y: i * row + 20, 'text-anchor': 'end' }, k));
      s.append(el('rect', { x: L, y: i * row + 7, width: Math.max(1, w), height: row - 10, rx: 3, fill: COLORS[i % COLORS.length], class: 'bar' }));
      s.append(el('text', { x: L + w + 6, y: i * row + 20 }, fmt(v)));
    });
    return s;
  }

  return { timeSeries, bars };
})();
