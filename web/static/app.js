// The graph explorer: search, an entity's card, its neighbourhood as a graph, paths read as
// sentences, stances, supply chains, timelines, and why each fact is believed.
import cytoscape from '/vendor/cytoscape.esm.min.mjs';
import { api } from '/static/api.js';

// Kinds, their colours and shapes come from the service's declared domain (GET /schema).
export const KIND_COLOURS = {};
const KIND_SHAPES = {};

const $ = (selector) => document.querySelector(selector);
const state = { selected: null, names: new Map() };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'onclick') node.addEventListener('click', value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : String(child));
  return node;
}

function status(message, isError = false) {
  $('#status').textContent = message;
  $('#status').classList.toggle('error', isError);
}

async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    status(error.message, true);
    return undefined;
  }
}

// --- the graph ---------------------------------------------------------------------------

const cy = cytoscape({
  container: $('#graph'),
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: {
      'background-color': (n) => KIND_COLOURS[n.data('kind')] || '#666',
      shape: (n) => KIND_SHAPES[n.data('kind')] || 'ellipse', label: 'data(name)',
      color: '#1b1f24', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 110,
      'text-valign': 'bottom', 'text-margin-y': 4, width: 26, height: 26 } },
    { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f0a500', width: 34, height: 34 } },
    { selector: 'edge', style: {
      width: 1.6, 'line-color': '#98a2b0', 'target-arrow-color': '#98a2b0',
      'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(type)',
      'font-size': 8, color: '#4a5360', 'text-rotation': 'autorotate', 'text-background-color': '#fff',
      'text-background-opacity': 0.8 } },
    { selector: 'edge.path', style: { width: 3.5, 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad' } },
  ],
});
window.kgExplorer = { cy };  // for tests and the curious

function addView(view) {
  for (const node of view.nodes) {
    state.names.set(node.id, node.name);
    if (cy.getElementById(node.id).empty()) {
      cy.add({ group: 'nodes', data: { id: node.id, name: node.name, kind: node.kind } });
    }
  }
  for (const edge of view.edges) {
    if (cy.getElementById(edge.id).empty()) {
      cy.add({ group: 'edges', data: { id: edge.id, source: edge.from_id, target: edge.to_id,
        type: edge.type, sentence: edge.sentence } });
    }
  }
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000 }).run();
  renderNodeList();
}

function renderNodeList() {
  const list = $('#node-list');
  list.replaceChildren(...cy.nodes().sort((a, b) => a.data('name').localeCompare(b.data('name')))
    .map((n) => el('li', {}, el('button', { class: 'link', type: 'button',
      onclick: () => select(n.id(), { expand: true }) }, `${n.data('name')} (${n.data('kind')})`))));
}

async function renderLegend() {
  const schema = await guarded(() => api.schema());
  if (!schema) return;
  for (const kind of schema.kinds) {
    KIND_COLOURS[kind.name] = kind.colour;
    KIND_SHAPES[kind.name] = kind.shape;
  }
  $('#legend').replaceChildren(...schema.kinds.map((kind) =>
    el('li', { title: kind.description },
      el('span', { style: `background:${kind.colour}`, 'aria-hidden': 'true' }), kind.name)));
  const kinds = $('#search-kind');
  for (const kind of schema.kinds) kinds.append(el('option', { value: kind.name }, kind.name));
  cy.style().update();
}

cy.on('tap', 'node', (event) => select(event.target.id(), { expand: true }));
cy.on('tap', 'edge', (event) => showFact(event.target.id()));

// --- search and the entity card --------------------------------------------------------

async function search(q, kind) {
  const page = await guarded(() => api.search(q, kind));
  if (!page) return;
  const results = $('#results');
  results.replaceChildren(...page.items.map((hit) => el('li', {},
    el('button', { class: 'link', type: 'button', onclick: () => select(hit.id, { replace: true }) },
      `${hit.name}`), ' ', el('span', { class: 'kind' }, hit.kind))));
  status(page.items.length ? `${page.items.length} result(s) for “${q}”` : `Nothing found for “${q}”`);
  if (page.items.length) results.querySelector('button').focus();
}

async function select(entityId, { replace = false, expand = false } = {}) {
  const found = await guarded(() => api.entity(entityId));
  if (!found) return;
  const entity = found.entity;
  state.selected = entity;
  state.names.set(entity.id, entity.name);
  if (replace) cy.elements().remove();
  const view = await guarded(() => api.neighbourhood(entity.id, replace ? $('#depth').value : 1));
  if (view) addView(view);
  cy.nodes().removeClass('selected');
  cy.getElementById(entity.id).addClass('selected');
  if (replace) cy.fit(undefined, 30);
  await renderCard(entity, view);
  if (!$('#path-from').value) $('#path-from').value = entity.name;
  status(`${entity.name}: ${view ? view.nodes.length - 1 : 0} neighbour(s)${expand ? ' added' : ''}`);
}

async function renderCard(entity, view) {
  $('#card').hidden = false;
  $('#card-heading').textContent = entity.name;
  $('#card-kind').textContent = entity.kind;
  $('#card-description').textContent = entity.description || '';
  $('#card-aliases').textContent = entity.aliases.length ? `Also known as: ${entity.aliases.join(', ')}` : '';
  const attributes = Object.entries(entity.attributes).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`);
  $('#card-attributes').textContent = attributes.join(' · ');
  const sources = await Promise.all(entity.sources.map((s) => api.source(s).catch(() => null)));
  $('#card-sources').replaceChildren(...sources.filter(Boolean).map((s) => el('li', {}, s.source.title)));
  const facts = (view ? view.edges : []).filter((e) => e.from_id === entity.id || e.to_id === entity.id);
  $('#card-facts').replaceChildren(...facts.map((e) => el('li', {},
    el('button', { class: 'link', type: 'button', onclick: () => showFact(e.id) }, e.sentence))));
  const actions = [];
  if (entity.kind === 'proposal') actions.push(['Stances', () => showStances(entity)]);
  if (['firm', 'facility'].includes(entity.kind)) {
    actions.push(['Supply chain: upstream', () => showSupplyChain(entity, 'upstream')]);
    actions.push(['Supply chain: downstream', () => showSupplyChain(entity, 'downstream')]);
  }
  actions.push(['Timeline', () => showTimeline(entity)]);
  $('#card-actions').replaceChildren(...actions.map(([label, run]) =>
    el('button', { type: 'button', onclick: run }, label)));
}

// --- the details panel -----------------------------------------------------------------

function panel(title, ...content) {
  $('#panel').hidden = false;
  $('#panel-heading').textContent = title;
  $('#panel-body').replaceChildren(...content);
  $('#panel-heading').setAttribute('tabindex', '-1');
  $('#panel-heading').focus();
}

function sourceLine(sources) {
  return el('p', { class: 'sources' }, 'Sources: ', sources.map((s) => s.title).join('; ') || 'none');
}

async function showFact(relId) {
  const fact = await guarded(() => api.fact(relId));
  if (!fact) return;
  const r = fact.relationship;
  const qualifiers = Object.entries(r.qualifiers).map(([k, v]) => `${k}: ${v}`).join(' · ');
  panel('Why this is believed',
    el('p', {}, el('strong', {}, `${fact.from_name} — ${r.type} → ${fact.to_name}`)),
    qualifiers ? el('p', {}, qualifiers) : '',
    el('p', {}, `Confidence ${r.confidence}`),
    ...r.attestations.map((a) => el('blockquote', {}, a.evidence,
      el('div', { class: 'sources' }, `— ${fact.sources.find((s) => s.id === a.source)?.title || a.source}, confidence ${a.confidence}`))),
    sourceLine(fact.sources));
}

async function showStances(entity) {
  const body = await guarded(() => api.stances(entity.id));
  if (!body) return;
  panel(`Stances on ${entity.name}`,
    el('p', {}, `Status: ${body.status ? body.status.replaceAll('_', ' ') : 'not stated'}`),
    el('ul', {}, body.stances.map((s) => el('li', {},
      el('strong', {}, `${s.actor.name} ${s.stance.toLowerCase()}`), s.statement ? `: ${s.statement}` : '',
      el('div', { class: 'sources' }, s.fact.attestations.map((a) => a.evidence).join(' ')),
      sourceLine(s.sources)))));
}

async function showSupplyChain(entity, direction) {
  const body = await guarded(() => api.supplyChain(entity.id, direction));
  if (!body) return;
  panel(`Supply chain of ${entity.name} (${direction})`,
    body.tiers.length ? el('ol', {}, body.tiers.map((tier) => el('li', {},
      `Tier ${tier.tier}: `, tier.entities.map((n) => n.name).join(', '),
      el('ul', {}, tier.links.map((link) => el('li', {}, link.sentence)))))) :
      el('p', {}, `No ${direction} links are recorded.`));
}

async function showTimeline(entity) {
  const body = await guarded(() => api.timeline(entity.id));
  if (!body) return;
  panel(`Timeline of ${entity.name}`,
    body.items.length ? el('ol', {}, body.items.map((i) => el('li', {},
      el('strong', {}, i.date || 'undated'), ' — ', i.sentence))) :
      el('p', {}, 'No events or dated facts are recorded.'));
}

// --- paths -------------------------------------------------------------------------------

async function resolveName(text) {
  const direct = await api.entity(text).catch(() => null);
  if (direct) return direct.entity.id;
  const hits = await api.search(text);
  if (!hits.items.length) throw new Error(`No entity matches “${text}”`);
  return hits.items[0].id;
}

async function findPaths(fromText, toText, mode) {
  const found = await guarded(async () => {
    const [from, to] = await Promise.all([resolveName(fromText), resolveName(toText)]);
    return api.paths(from, to, mode);
  });
  if (!found) return;
  cy.edges().removeClass('path');
  const box = $('#paths');
  if (!found.paths.length) {
    box.replaceChildren(el('p', {}, 'No path within 6 hops.'));
    return;
  }
  box.replaceChildren(...found.paths.map((p, i) => el('div', { class: 'path' },
    el('h3', {}, `Path ${i + 1} (${p.length} hop${p.length === 1 ? '' : 's'})`),
    el('ol', {}, p.edges.map((e) => el('li', {},
      el('button', { class: 'link', type: 'button', onclick: () => showFact(e.id) }, e.sentence)))),
    sourceLine(p.sources))));
  for (const p of found.paths) {
    addView({ nodes: p.nodes, edges: p.edges });
    for (const e of p.edges) cy.getElementById(e.id).addClass('path');
  }
  status(`${found.paths.length} path(s) found`);
}

// --- export ------------------------------------------------------------------------------

function download(name, href) {
  const link = el('a', { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

function exportJson() {
  const data = {
    nodes: cy.nodes().map((n) => ({ id: n.id(), name: n.data('name'), kind: n.data('kind') })),
    edges: cy.edges().map((e) => ({ id: e.id(), type: e.data('type'), from_id: e.data('source'),
      to_id: e.data('target'), sentence: e.data('sentence') })),
  };
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  download('kg-view.json', URL.createObjectURL(blob));
}

// --- wiring ------------------------------------------------------------------------------

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  search($('#search-input').value.trim(), $('#search-kind').value);
});
$('#path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  findPaths($('#path-from').value.trim(), $('#path-to').value.trim(), $('#path-mode').value);
});
$('#fit').addEventListener('click', () => cy.fit(undefined, 30));
$('#export-png').addEventListener('click', () =>
  download('kg-view.png', cy.png({ full: true, bg: '#ffffff', scale: 2 })));
$('#export-json').addEventListener('click', exportJson);
await renderLegend();
status('Search for an entity to begin.');
