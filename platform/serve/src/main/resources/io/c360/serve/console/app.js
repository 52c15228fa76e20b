// c360 console: a plain-JS single page over the c360 HTTP API. The API key lives in sessionStorage.
'use strict';
const $ = sel => document.querySelector(sel);
const state = { key: sessionStorage.getItem('c360.key'), me: null };

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'onclick') e.addEventListener('click', v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  });
  children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
  return e;
}

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { ...(options.headers || {}), Authorization: 'Bearer ' + state.key } });
  if (res.status === 401) { logout('Your key was not accepted (unknown or revoked).'); throw new Error('unauthorized'); }
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(body && body.error ? body.error : `HTTP ${res.status}`);
  return body;
}

function logout(message) {
  sessionStorage.removeItem('c360.key');
  state.key = null; state.me = null;
  $('#nav').hidden = true; $('#logout').hidden = true; $('#who').textContent = '';
  $('#view').hidden = true; $('#login-view').hidden = false;
  $('#login-error').textContent = message || '';
}

async function login(key) {
  state.key = key;
  try {
    state.me = await api('/api/v1/whoami');
  } catch (e) {
    if (state.key) logout(e.message);
    return;
  }
  sessionStorage.setItem('c360.key', key);
  $('#login-view').hidden = true; $('#view').hidden = false; $('#nav').hidden = false; $('#logout').hidden = false;
  $('#who').textContent = `${state.me.name} · ${state.me.role}`;
  document.querySelectorAll('#nav a').forEach(a => { a.hidden = !a.dataset.roles.split(' ').includes(state.me.role); });
  route();
}

function view(...children) {
  const v = $('#view');
  v.replaceChildren(...children);
  return v;
}

function errorBox(e) {
  return h('div', { class: 'card error' }, e.message || String(e));
}

// --- tables ------------------------------------------------------------------------------------

function cell(v) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '—');
  if (typeof v === 'object') return h('code', {}, JSON.stringify(v));
  return String(v);
}

function table(columns, rows, onRow) {
  return h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.name, c.type ? h('small', {}, ' ' + c.type) : '')))),
    h('tbody', {}, rows.map(r => {
      const tr = h('tr', onRow ? { class: 'row-link', onclick: () => onRow(r) } : {},
        columns.map((c, i) => {
          const v = Array.isArray(r) ? r[i] : r[c.name];
          const cls = typeof v === 'number' ? 'num' : (/status|outcome|result/.test(c.name) && v ? 'status-' + String(v).toLowerCase() : undefined);
          return h('td', { class: cls }, cell(v));
        }));
      return tr;
    }))));
}

function objectsTable(items, onRow) {
  if (!items.length) return h('p', { class: 'muted' }, 'Nothing yet.');
  const names = [...new Set(items.flatMap(Object.keys))];
  return table(names.map(name => ({ name })), items, onRow);
}

function keyValues(obj) {
  return h('table', { class: 'kv' }, h('tbody', {}, Object.entries(obj).map(([k, v]) =>
    h('tr', {}, h('th', {}, k.replaceAll('_', ' ')), h('td', { class: typeof v === 'number' ? 'num' : undefined }, render(v))))));
}

/** Renders any JSON value: objects as key/value tables, lists of objects as tables. */
function render(v) {
  if (Array.isArray(v)) {
    if (v.length && v.every(x => x && typeof x === 'object' && !Array.isArray(x))) return objectsTable(v);
    return h('span', {}, v.map(x => h('span', { class: 'pill' }, cell(x))));
  }
  if (v && typeof v === 'object') return keyValues(v);
  return cell(v);
}

// --- customers ---------------------------------------------------------------------------------

function customersView(query) {
  const input = h('input', { id: 'search-input', placeholder: 'Name, email, CPF, phone, customer id or source key', size: 50, value: query || '' });
  const results = h('div', { id: 'search-results' });
  const form = h('form', { class: 'toolbar' }, input, h('button', { id: 'search-btn', type: 'submit' }, 'Search'));
  form.addEventListener('submit', ev => { ev.preventDefault(); location.hash = '#/customers?q=' + encodeURIComponent(input.value.trim()); });
  view(h('div', { class: 'card' }, h('h1', {}, 'Find a customer'), form, results));
  input.focus();
  if (!query) return;
  results.append(h('p', { class: 'muted' }, 'Searching…'));
  api('/api/v1/search?q=' + encodeURIComponent(query)).then(r => {
    results.replaceChildren(r.items.length
      ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Customer'), h('th', {}, 'Name'))),
          h('tbody', {}, r.items.map(c => h('tr', { class: 'search-result' },
            h('td', {}, h('a', { href: '#/customer/' + encodeURIComponent(c.customer_id) }, c.customer_id)), h('td', {}, c.name)))))
      : h('p', { class: 'muted' }, `No customer matches “${query}”.`));
  }).catch(e => results.replaceChildren(errorBox(e)));
}

const DIMENSION_ORDER = ['golden_record', 'identity', 'sources', 'loyalty', 'demographics', 'marketing', 'history', 'value', 'digital', 'risk'];

/** Charts found in a dimension: series over time, numeric mixes and scores. */
function chartsOf(name, value) {
  const charts = [];
  const walk = (label, v) => {
    if (Array.isArray(v) && v.length && typeof v[0] === 'object') {
      const xKey = Object.keys(v[0]).find(k => /month|date|day|week|period/.test(k));
      if (xKey && Object.values(v[0]).some(x => typeof x === 'number')) charts.push([label, Charts.timeSeries(v, xKey)]);
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v);
      if (entries.length > 1 && entries.every(([, x]) => typeof x === 'number') && label !== name) charts.push([label, Charts.bars(v)]);
      else entries.forEach(([k, x]) => walk(k, x));
    }
  };
  walk(name, value);
  return charts;
}

async function customerView(id) {
  view(h('p', { class: 'muted' }, 'Loading…'));
  let p;
  try {
    p = await api('/api/v1/customers/' + encodeURIComponent(id));
  } catch (e) {
    view(errorBox(e));
    return;
  }
  const doc = p.profile || {};
  const names = [...DIMENSION_ORDER.filter(d => d in doc), ...Object.keys(doc).filter(d => !DIMENSION_ORDER.includes(d))];
  const header = h('div', { class: 'card' },
    h('h1', { id: 'profile-name' }, p.name || p.customer_id),
    h('p', { class: 'muted' }, `Customer ${p.customer_id} · profile version ${p.version} (run ${p.run_id}, published ${p.published_at})`
      + (p.masked ? ' · personal data masked for your role' : '')),
    h('div', {}, h('strong', {}, 'Linked keys: '), p.keys.map(k => h('span', { class: 'pill' }, `${k.kind}: ${k.key}`))),
    p.branches.length ? h('div', {}, h('strong', {}, 'Branches: '), p.branches.map(b => h('span', { class: 'pill' }, b))) : '');
  const chartCards = names.flatMap(n => chartsOf(n, doc[n]).map(([label, chart]) =>
    h('div', { class: 'card chart-card' }, h('h2', {}, `${n.replaceAll('_', ' ')}: ${label.replaceAll('_', ' ')}`), chart)));
  const sections = names.map(n => h('div', { class: 'card dimension', 'data-dimension': n },
    h('h2', {}, n.replaceAll('_', ' ')), render(doc[n])));
  view(header, chartCards.length ? h('div', { class: 'grid', id: 'charts' }, chartCards) : '', h('div', { class: 'grid' }, sections));
}

// --- SQL ---------------------------------------------------------------------------------------

function sqlView() {
  const input = h('textarea', { id: 'sql-input', spellcheck: 'false' });
  input.value = sessionStorage.getItem('c360.sql') || 'SELECT * FROM analytics.customer_360 LIMIT 100';
  const status = h('div', { id: 'sql-status', class: 'muted' });
  const results = h('div', { id: 'sql-results' });
  const run = h('button', { id: 'sql-run' }, 'Run');
  const cancel = h('button', { class: 'secondary', disabled: '' }, 'Cancel');
  const csv = h('button', { class: 'secondary', id: 'sql-csv', disabled: '' }, 'Download CSV');
  let current = null;
  run.addEventListener('click', async () => {
    sessionStorage.setItem('c360.sql', input.value);
    results.replaceChildren(); run.disabled = true; csv.disabled = true; cancel.disabled = false;
    status.textContent = 'Submitting…';
    try {
      current = (await api('/api/v1/queries', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sql: input.value }) })).id;
      let s;
      do {
        await new Promise(r => setTimeout(r, 300));
        s = await api('/api/v1/queries/' + current);
        status.textContent = `Query ${s.status}…`;
      } while (s.status === 'queued' || s.status === 'running');
      if (s.status !== 'succeeded') throw new Error(`Query ${s.status}: ${s.error}`);
      const r = await api('/api/v1/queries/' + current + '/results?limit=1000');
      status.textContent = `${r.row_count} rows in ${r.elapsed_ms} ms` + (r.truncated ? ' (row limit reached)' : '')
        + (r.row_count > r.rows.length ? ` · showing the first ${r.rows.length}, download CSV for all` : '')
        + (r.columns.some(c => c.masked) ? ' · masked columns: ' + r.columns.filter(c => c.masked).map(c => c.name).join(', ') : '');
      results.replaceChildren(table(r.columns, r.rows));
      csv.disabled = false;
    } catch (e) {
      status.textContent = '';
      results.replaceChildren(errorBox(e));
    } finally {
      run.disabled = false; cancel.disabled = true;
    }
  });
  cancel.addEventListener('click', () => current && api('/api/v1/queries/' + current, { method: 'DELETE' }).catch(() => {}));
  csv.addEventListener('click', async () => {
    const res = await fetch('/api/v1/queries/' + current + '/results?format=csv', { headers: { Authorization: 'Bearer ' + state.key } });
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: `c360-query-${current}.csv` });
    document.body.append(a); a.click(); a.remove();
    URL.revokeObjectURL(url);
  });
  input.addEventListener('keydown', ev => { if ((ev.ctrlKey || ev.metaKey) && ev.key === 'Enter') run.click(); });
  view(h('div', { class: 'card' }, h('h1', {}, 'SQL'),
    h('p', { class: 'muted' }, 'Read-only Spark SQL over the lake: stage, analytics and ops tables. Ctrl+Enter runs.'),
    input, h('div', { class: 'toolbar' }, run, cancel, csv, status), results));
}

// --- ops and catalog ---------------------------------------------------------------------------

async function runsView() {
  const steps = h('div', { id: 'steps' });
  const runs = await api('/api/v1/ops/pipeline-runs');
  const batches = await api('/api/v1/ops/ingest-batches?limit=50');
  view(h('div', { class: 'card' }, h('h1', {}, 'Pipeline runs'), h('p', { class: 'muted' }, 'Click a run to see its steps.'),
      objectsTable(runs.items, async r => {
        const s = await api('/api/v1/ops/pipeline-runs/' + encodeURIComponent(r.run_id) + '/steps');
        steps.replaceChildren(h('h2', {}, `Steps of run ${r.run_id}`), objectsTable(s.items));
      }), steps),
    h('div', { class: 'card' }, h('h2', {}, 'Ingest batches'), objectsTable(batches.items)));
}

async function qualityView() {
  const r = await api('/api/v1/ops/dq-results');
  view(h('div', { class: 'card' }, h('h1', {}, 'Data quality'), objectsTable(r.items)));
}

function piiPill(pii) {
  return pii ? h('span', { class: 'pill pii' }, pii) : '';
}

async function catalogView() {
  const detail = h('div', { class: 'card', id: 'table-detail' }, h('p', { class: 'muted' }, 'Choose a table.'));
  const showTable = async (ns, name) => {
    const d = await api(`/api/v1/catalog/tables/${ns}/${name}`);
    const dataset = `${d.namespace}.${d.name}`;
    detail.replaceChildren(h('h2', { class: 'dataset' }, dataset), h('p', {}, d.description || ''),
      h('p', { class: 'muted' }, `owner ${d.owner || '—'} · built by ${d.built_by || '—'} · `
        + `${d.row_count === null ? 'no rows yet' : d.row_count + ' rows'} · last updated ${d.last_updated || 'never'} · ${d.freshness}`,
        ' · ', h('a', { href: '#/lineage/' + dataset }, 'lineage')),
      table([{ name: 'column' }, { name: 'type' }, { name: 'pii' }, { name: 'description' }],
        d.columns.map(c => [d.namespace === 'raw' || d.namespace === 'ops' ? c.name
          : h('a', { href: `#/lineage/${dataset}.${c.name}` }, c.name), c.type, piiPill(c.pii), c.description])),
      d.quality.length ? h('div', {}, h('h2', {}, 'Data quality (latest run)'), objectsTable(d.quality)) : '');
  };
  const input = h('input', { id: 'catalog-search', placeholder: 'Search names, descriptions, PII classes (e.g. email)', size: 45 });
  const hits = h('div', { id: 'catalog-hits' });
  const form = h('form', { class: 'toolbar' }, input, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const r = await api('/api/v1/catalog/search?q=' + encodeURIComponent(input.value.trim()));
      hits.replaceChildren(h('p', { class: 'muted' }, `${r.items.length} matches`), r.items.length ? table(
        [{ name: 'table' }, { name: 'column' }, { name: 'type' }, { name: 'pii' }, { name: 'description' }],
        r.items.map(x => [`${x.namespace}.${x.table}`, x.column, x.type, piiPill(x.pii), x.description]),
        row => { const [ns, ...rest] = row[0].split('.'); showTable(ns, rest.join('.')); }) : '');
    } catch (e) {
      hits.replaceChildren(errorBox(e));
    }
  });
  const r = await api('/api/v1/catalog/tables');
  const list = h('div', { class: 'card' }, h('h1', {}, 'Catalog'), form, hits,
    objectsTable(r.items, t => showTable(t.namespace, t.name)));
  view(h('div', { class: 'grid' }, list, detail));
}

function lineagePath(node) {
  return h('ul', { class: 'lineage-path' }, node.upstream.map(u => h('li', {},
    h('a', { href: '#/lineage/' + u.column }, u.column), h('span', { class: 'muted' }, ` (${u.via.subtype.toLowerCase()})`),
    lineagePath(u))));
}

function inputsText(inputs) {
  return inputs.map(i => `${i.dataset}.${i.column} (${i.type.toLowerCase()} ${i.subtype.toLowerCase()})`).join(', ');
}

async function lineageView(target) {
  const graph = await api('/api/v1/lineage/graph');
  const parts = target ? target.split('.') : [];
  const focus = parts.length >= 2 ? parts[0] + '.' + parts[1] : null;
  const detail = h('div', { class: 'card', id: 'lineage-detail' });
  const picture = h('div', { class: 'card' }, h('h1', {}, 'Lineage'),
    h('p', { class: 'muted' }, 'Derived from the models’ SQL (Spark’s analyzed plan). Click a table to see its columns.'),
    LineageGraph.draw(graph, focus, id => { location.hash = '#/lineage/' + id; }),
    Object.keys(graph.unavailable).length ? h('p', { class: 'error' }, 'No lineage yet for: '
      + Object.entries(graph.unavailable).map(([t, why]) => `${t} (${why})`).join('; ')) : '');
  view(picture, detail);
  if (!focus) {
    detail.replaceChildren(h('p', { class: 'muted' }, 'Choose a table in the graph.'));
    return;
  }
  const [ns, name] = focus.split('.');
  if (parts.length === 3) {
    const c = await api(`/api/v1/lineage/columns/${ns}/${name}/${encodeURIComponent(parts[2])}`);
    const indirect = c.inputs.filter(i => i.type === 'INDIRECT');
    detail.replaceChildren(h('h2', { id: 'lineage-column', class: 'dataset' }, c.column), lineagePath(c.path),
      indirect.length ? h('p', {}, h('strong', {}, 'Decided by: '), inputsText(indirect)) : '',
      h('p', {}, h('a', { href: '#/lineage/' + focus }, '← all columns of ' + focus)));
    return;
  }
  const t = await api(`/api/v1/lineage/tables/${ns}/${name}`);
  detail.replaceChildren(h('h2', { class: 'dataset' }, t.table),
    h('p', {}, h('strong', {}, 'Reads: '), t.inputs.join(', ') || '—'),
    h('p', {}, h('strong', {}, 'Read by: '), t.downstream.join(', ') || '—'),
    t.raw_batches.length ? h('p', {}, h('strong', {}, 'Raw batches: '),
      t.raw_batches.map(b => `${b.model}: ${b.count} (latest ${b.latest[0]})`).join('; ')) : '',
    t.columns.length ? table([{ name: 'column' }, { name: 'type' }, { name: 'inputs' }],
      t.columns.map(c => [h('a', { href: `#/lineage/${t.table}.${c.name}` }, c.name), c.type, inputsText(c.inputs)])) : '');
}

// --- routing -----------------------------------------------------------------------------------

async function route() {
  if (!state.me) return;
  const hash = location.hash || '#/customers';
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  try {
    if (hash.startsWith('#/customer/')) await customerView(decodeURIComponent(hash.slice('#/customer/'.length)));
    else if (hash.startsWith('#/sql')) sqlView();
    else if (hash.startsWith('#/runs')) await runsView();
    else if (hash.startsWith('#/quality')) await qualityView();
    else if (hash.startsWith('#/catalog')) await catalogView();
    else if (hash.startsWith('#/lineage')) await lineageView(decodeURIComponent(hash.slice('#/lineage/'.length)));
    else customersView(new URLSearchParams(hash.split('?')[1] || '').get('q'));
  } catch (e) {
    view(errorBox(e));
  }
}

$('#login-form').addEventListener('submit', ev => { ev.preventDefault(); login($('#api-key').value.trim()); });
$('#logout').addEventListener('click', () => logout());
window.addEventListener('hashchange', route);
if (state.key) login(state.key);
