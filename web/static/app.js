// The graph explorer: search, an entity's card, its neighbourhood as a graph, paths read as
// sentences, stances, supply chains, exposure, timelines, and why each fact is believed (which source
// states it, or why it was inferred).
import { api } from '/static/api.js';
import { $, el, status } from '/static/dom.js';
import {
  KIND_COLOURS, KIND_SHAPES, TYPE_LABELS, addView, createGraph, fit, isInferred, labelOverlaps, layOut,
} from '/static/graph.js';
import { choose, pickEntity, resolve } from '/static/names.js';

export { KIND_COLOURS };

// root: the entity opened; expanded: nodes clicked open since; paths: the last path query.
// `pages`: how many pages of the opened entity's neighbourhood are drawn (the "Show more"
// button adds one); `next`: the cursor of the page after them; `pageSize`: the service's
// default when undefined.
const state = {
  root: null, expanded: [], paths: null, generation: 0, schema: null,
  pages: 1, next: null, pageSize: undefined,
};

async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    status(error.message, true);
    return undefined;
  }
}

// --- the graph ---------------------------------------------------------------------------

const cy = createGraph($('#graph'));
window.kgExplorer = { cy, labelOverlaps: () => labelOverlaps(cy), state };  // for tests and the curious

const checked = (box) => [...box.querySelectorAll('input:checked')].map((input) => input.value);
const allChecked = (box) => box.querySelectorAll('input:not(:checked)').length === 0;

// What every view is asked with: the toolbar's depth, direction, filters and stated-only.
function viewOptions() {
  return {
    depth: Number($('#depth').value),
    direction: $('#direction').value,
    types: allChecked($('#type-filter')) ? undefined : checked($('#type-filter')),
    kinds: allChecked($('#kind-filter')) ? undefined : checked($('#kind-filter')),
    statedOnly: $('#stated-only').checked,
    limit: state.pageSize,
  };
}

function renderNodeList() {
  const list = $('#node-list');
  list.replaceChildren(...cy.nodes().sort((a, b) => a.data('name').localeCompare(b.data('name')))
    .map((n) => el('li', {}, el('button', { class: 'link', type: 'button',
      onclick: () => expand(n.id()) }, `${n.data('name')} (${n.data('kind')})`))));
}

function markSelected(entityId) {
  cy.nodes().removeClass('selected');
  cy.getElementById(entityId).addClass('selected');
}

function filterBoxes(box, items) {
  box.append(...items.map(([value, label, title]) => el('label', { class: 'check', title },
    el('input', { type: 'checkbox', value, checked: 'checked' }), ` ${label}`)));
}

async function loadSchema() {
  const schema = await guarded(() => api.schema());
  if (!schema) return;
  state.schema = schema;
  for (const kind of schema.kinds) {
    KIND_COLOURS[kind.name] = kind.colour;
    KIND_SHAPES[kind.name] = kind.shape;
  }
  for (const type of schema.relationship_types) TYPE_LABELS[type.name] = type.label;
  $('#legend').replaceChildren(...schema.kinds.map((kind) =>
    el('li', { title: kind.description },
      el('span', { style: `background:${kind.colour}`, 'aria-hidden': 'true' }), kind.name)));
  for (const kind of schema.kinds) $('#search-kind').append(el('option', { value: kind.name }, kind.name));
  filterBoxes($('#type-filter'), schema.relationship_types.map((t) => [t.name, t.label, t.name]));
  filterBoxes($('#kind-filter'), schema.kinds.map((k) => [k.name, k.name, k.description]));
  cy.style().update();
}

// Draws the opened entity's neighbourhood again from nothing, with the toolbar's options,
// then what was expanded since (each at depth 1) and the last paths asked for.
async function redraw() {
  if (!state.root) return;
  const generation = ++state.generation;
  const options = viewOptions();
  if (options.types?.length === 0 || options.kinds?.length === 0) {
    status('Choose at least one type and one kind in Filters.', true);
    return;
  }
  const views = [];
  let root = await guarded(() => api.neighbourhood(state.root, options));
  if (!root || generation !== state.generation) return;
  views.push(root);
  // the pages shown before, again: each one's edges join it to the pages before it
  while (views.length < state.pages && root.next_cursor) {
    const cursor = root.next_cursor;
    root = await guarded(() => api.neighbourhood(state.root, { ...options, cursor }));
    if (!root || generation !== state.generation) return;
    views.push(root);
  }
  state.pages = views.length;
  state.next = root.next_cursor || null;
  const present = new Set(views.flatMap((view) => view.nodes.map((n) => n.id)));
  for (const entityId of state.expanded.filter((id) => present.has(id))) {
    const view = await guarded(() => api.neighbourhood(entityId, { ...options, depth: 1 }));
    if (generation !== state.generation) return;
    if (!view) continue;
    views.push(view);
    for (const n of view.nodes) present.add(n.id);
  }
  cy.elements().remove();
  for (const view of views) addView(cy, view);
  layOut(cy, { fresh: true });
  markSelected(state.selected || state.root);
  fit(cy);
  renderNodeList();
  if (state.paths) await showPaths(state.paths, { quiet: true });
  onScreen(options);
}

// Says what is drawn, and offers the next page of the neighbourhood while there is one.
function onScreen(options) {
  const depth = options.depth === 1 ? '' : ` within ${options.depth} hops`;
  $('#more').hidden = !state.next;
  status(`${cy.nodes().length} entities and ${cy.edges().length} facts on screen${depth}` +
    `${options.statedOnly ? ' (stated facts only)' : ''}` +
    `${state.next ? '; more are within reach: Show more' : ''}`);
}

// Draws the next page of the opened entity's neighbourhood beside what is on screen.
async function showMore() {
  if (!state.root || !state.next) return;
  const generation = state.generation;
  const options = viewOptions();
  const cursor = state.next;
  const page = await guarded(() => api.neighbourhood(state.root, { ...options, cursor }));
  if (!page || generation !== state.generation) return;
  state.pages += 1;
  state.next = page.next_cursor || null;
  if (addView(cy, page)) layOut(cy);
  renderNodeList();
  onScreen(options);
}

// Opens an entity: its card, and its neighbourhood drawn afresh at the chosen depth.
async function open(entityId) {
  state.root = entityId;
  state.expanded = [];
  state.pages = 1;
  state.selected = entityId;
  const card = showCard(entityId);
  await redraw();
  await card;
}

// Adds an entity's own neighbours (depth 1, same filters) to what is on screen.
async function expand(entityId) {
  if (!state.root) return open(entityId);
  state.selected = entityId;
  const view = await guarded(() => api.neighbourhood(entityId, { ...viewOptions(), depth: 1 }));
  if (!view) return undefined;
  if (!state.expanded.includes(entityId)) state.expanded.push(entityId);
  const added = addView(cy, view);
  if (added) layOut(cy);
  markSelected(entityId);
  renderNodeList();
  await showCard(entityId, view);
  const name = cy.getElementById(entityId).data('name') || entityId;
  status(added ? `${name}: ${added} entit${added === 1 ? 'y' : 'ies'} added`
    : `${name}: its neighbours are all on screen already`);
  return undefined;
}

cy.on('tap', 'node', (event) => expand(event.target.id()));
cy.on('tap', 'edge', (event) => showFact(event.target.id()));

// --- search and the entity card --------------------------------------------------------

async function search(q, kind) {
  if (!q) {
    status('Type a name, or part of one, to search for.', true);
    return;
  }
  const page = await guarded(() => api.search(q, kind));
  if (!page) return;
  $('#results').replaceChildren(...page.items.map((hit) => el('li', {},
    el('button', { class: 'link', type: 'button', onclick: () => open(hit.id) }, hit.name),
    ' ', el('span', { class: 'kind' }, hit.kind),
    hit.match && hit.match !== 'exact' ? el('span', { class: 'match' }, ` ${hit.match} match`) : '')));
  const found = await guarded(() => resolve(q, kind));
  if (!found) return;
  const partial = `${page.items.length} result(s) for “${q}”`;
  if (found.matches.length && !found.ambiguous) {
    status(partial);
    await open(found.matches[0].id);
    $('#results button')?.focus();
    return;
  }
  if (found.ambiguous) {
    status(`“${q}” names ${found.matches.length} entities: choose one.`);
    const chosen = await choose($('#search-choice'), q, found.matches);
    if (chosen) await open(chosen.id);
    return;
  }
  status(page.items.length ? `Nothing is named “${q}”; ${partial}` : `Nothing found for “${q}”`);
  if (page.items.length) $('#results button').focus();
}

async function showCard(entityId, view) {
  const found = await guarded(() => api.entity(entityId));
  if (!found) return;
  const entity = found.entity;
  if (!$('#path-from').value) setEndpoint($('#path-from'), entity);
  $('#card').hidden = false;
  $('#card-heading').textContent = entity.name;
  $('#card-kind').textContent = entity.kind;
  $('#card-description').textContent = entity.description || '';
  $('#card-aliases').textContent = entity.aliases.length ? `Also known as: ${entity.aliases.join(', ')}` : '';
  const attributes = Object.entries(entity.attributes || {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`);
  $('#card-attributes').textContent = attributes.join(' · ');
  const sources = await Promise.all(entity.sources.map((s) => api.source(s).catch(() => null)));
  $('#card-sources').replaceChildren(...sources.filter(Boolean).map((s) => el('li', {}, s.source.title)));
  const own = view || await guarded(() => api.neighbourhood(entity.id, { ...viewOptions(), depth: 1 }));
  const facts = (own ? own.edges : []).filter((e) => e.from_id === entity.id || e.to_id === entity.id);
  $('#card-facts').replaceChildren(...facts.map((e) => el('li', {},
    el('button', { class: 'link', type: 'button', onclick: () => showFact(e.id) }, e.sentence),
    isInferred(e) ? el('span', { class: 'basis inferred' }, ' inferred') : '')));
  // which questions a kind takes part in is the declaration's to say (GET /schema)
  const kind = state.schema && state.schema.kinds.find((k) => k.name === entity.kind);
  const analyses = kind ? kind.analyses : ['timeline'];
  const actions = [];
  if (analyses.includes('stances')) actions.push(['Stances', () => showStances(entity)]);
  if (analyses.includes('supply_chain')) {
    actions.push(['Supply chain: upstream', () => showSupplyChain(entity, 'upstream')]);
    actions.push(['Supply chain: downstream', () => showSupplyChain(entity, 'downstream')]);
  }
  if (analyses.includes('exposure')) actions.push(['Exposure', () => showExposure(entity)]);
  if (analyses.includes('timeline')) actions.push(['Timeline', () => showTimeline(entity)]);
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

function basisOf(attestation) {
  if (attestation.basis === 'stated') {
    return el('p', { class: 'basis stated' }, 'Stated by the source.');
  }
  if (attestation.basis === 'inferred') {
    return el('p', { class: 'basis inferred' }, 'Inferred by the editor, not stated by the source',
      attestation.reason ? `: ${attestation.reason}` : '.');
  }
  return el('p', { class: 'basis' }, 'Whether the source states this is not recorded.');
}

function attestationItem(attestation, sources) {
  const source = sources.find((s) => s.id === attestation.source);
  const title = source?.title || attestation.source;
  return el('li', { class: 'attestation' },
    el('blockquote', {}, attestation.evidence),
    quoteOf(attestation.selector),
    el('div', { class: 'sources' }, '— ', source?.url ? el('a', { href: source.url }, title) : title,
      source?.publisher ? ` (${source.publisher})` : '', `, confidence ${attestation.confidence}`),
    basisOf(attestation));
}

// The source's own words for the fact, with a little of the text around them: where an
// attestation's evidence span points in its source's stored text.
function quoteOf(selector) {
  if (!selector) return '';
  return el('figure', { class: 'quote' },
    el('figcaption', {}, `In the source's words (characters ${selector.start}–${selector.end}):`),
    el('blockquote', {},
      el('span', { class: 'context' }, selector.prefix ? `…${selector.prefix}` : ''),
      el('mark', {}, selector.exact),
      el('span', { class: 'context' }, selector.suffix ? `${selector.suffix}…` : '')));
}

async function showFact(relId) {
  const fact = await guarded(() => api.fact(relId));
  if (!fact) return;
  cy.edges().removeClass('chosen');
  cy.getElementById(relId).addClass('chosen');
  const r = fact.relationship;
  const qualifiers = Object.entries(r.qualifiers || {}).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`);
  const dates = [r.valid_from && `from ${r.valid_from}`, r.valid_to && `until ${r.valid_to}`].filter(Boolean);
  const stated = r.attestations.filter((a) => a.basis === 'stated').length;
  const inferred = r.attestations.filter((a) => a.basis === 'inferred').length;
  const standing = stated ? `Stated by ${stated} source${stated === 1 ? '' : 's'}`
    : inferred ? 'Inferred: no source states it' : '';
  panel('Why this is believed',
    el('p', {}, el('strong', {}, r.sentence)),
    el('p', { class: 'sources' }, `${fact.from_name} — ${TYPE_LABELS[r.type] || r.type} → ${fact.to_name}`),
    qualifiers.length || dates.length ? el('p', {}, [...qualifiers, ...dates].join(' · ')) : '',
    el('p', {}, `Confidence ${r.confidence}`, standing ? ` · ${standing}` : ''),
    el('h3', {}, 'What each source says'),
    el('ul', { class: 'plain' }, r.attestations.map((a) => attestationItem(a, fact.sources))),
    claimsSection(r),
    sourceLine(fact.sources),
    el('h3', {}, 'History'),
    el('ol', { id: 'fact-history', class: 'history' }, el('li', {}, 'Loading…')));
  const history = await guarded(() => api.factHistory(relId));
  if (history) $('#fact-history').replaceChildren(...history.items.map(revisionItem));
}

// Competing claims: shown only when sources disagree, the chosen one first, with the rule.
function claimsSection(r) {
  if (!r.disputed) return '';
  const describe = (values) => Object.entries(values).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`).join(' · ') || '(no values)';
  return el('div', { class: 'claims' },
    el('h3', {}, 'Sources disagree'),
    el('p', { class: 'sources' }, `Shown: the preferred claim, chosen by ${r.choice}.`),
    el('ul', { class: 'plain' }, r.claims.map((c) => el('li', { class: c.current ? 'claim current' : 'claim' },
      el('strong', {}, c.current ? 'Shown: ' : 'Also claimed: '), describe(c.values),
      el('div', { class: 'sources' }, `${c.sources.join(', ')} · rank ${c.rank}`)))));
}

// Stored bookkeeping a reader does not need named: the sources' words show above.
const BOOKKEEPING = new Set(['id', 'key', 'type', 'from_id', 'to_id', 'created_at', 'updated_at',
  'bases', 'claims', 'ranks', 'reasons', 'confidences', 'evidence', 'choice', 'disputed',
  'source_ids', 'confidence', 'attribute_claims', 'selectors']);

function revisionItem(revision) {
  const fields = Object.keys(revision.changes || {});
  const changed = revision.op === 'created' ? [] : fields.filter((k) => !BOOKKEEPING.has(k));
  if (revision.op !== 'created' && fields.includes('source_ids')) changed.push('sources');
  if (revision.op !== 'created' && fields.includes('selectors')) changed.push('evidence spans');
  return el('li', {},
    `${revision.at.slice(0, 19).replace('T', ' ')} · ${revision.op} by ${revision.by}`,
    revision.reason ? ` · “${revision.reason}”` : '',
    changed.length ? el('div', { class: 'sources' }, `changed: ${changed.join(', ')}`) : '');
}

async function showStances(entity) {
  const body = await guarded(() => api.stances(entity.id));
  if (!body) return;
  panel(`Stances on ${entity.name}`,
    el('p', {}, Object.entries(body.attributes).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`).join(' · ')),
    el('ul', {}, body.stances.map((s) => el('li', {},
      el('strong', {}, `${s.actor.name} ${s.stance.toLowerCase()}`), s.statement ? `: ${s.statement}` : '',
      el('div', { class: 'sources' }, s.fact.attestations.map((a) => a.evidence).join(' ')),
      isInferred(s.fact) ? el('p', { class: 'basis inferred' }, 'Inferred, not stated by the source') : '',
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

async function showExposure(entity) {
  const body = await guarded(() => api.exposure(entity.id));
  if (!body) return;
  panel(`Exposure of ${entity.name}`,
    body.exposed.length ? el('ul', {}, body.exposed.map((x) => el('li', {},
      el('strong', {}, x.entity.name), ` (${x.entity.kind}, ${x.distance} step${x.distance === 1 ? '' : 's'})`,
      el('ul', {}, x.via.map((fact) => el('li', {}, fact.sentence)))))) :
      el('p', {}, 'Nothing recorded depends on it.'),
    body.truncated ? el('p', { class: 'sources' }, 'Only the nearest are shown.') : '');
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

// An endpoint filled in by the page (or chosen among several) remembers which entity it is;
// typing in it forgets that.
function setEndpoint(input, entity) {
  input.value = entity.name;
  input.dataset.id = entity.id;
  input.dataset.name = entity.name;
}

async function endpoint(input, what) {
  const text = input.value.trim();
  if (!text) throw new Error(`Type a name or an id for “${what}”.`);
  if (input.dataset.id && input.dataset.name === text) return { id: input.dataset.id, name: text };
  const entity = await pickEntity(text, { box: $('#path-choice'), what,
    onAsk: (matches) => status(`“${text}” names ${matches.length} entities: choose the ${what} one.`) });
  if (entity) setEndpoint(input, entity);
  return entity;
}

async function findPaths(mode) {
  const ends = await guarded(async () => {
    const from = await endpoint($('#path-from'), 'from');
    if (!from) return null;
    const to = await endpoint($('#path-to'), 'to');
    return to ? [from, to] : null;
  });
  if (!ends) {
    if (ends === null) status('No path asked for: the choice was cancelled.');
    return;
  }
  await showPaths({ from: ends[0].id, to: ends[1].id, mode });
}

async function showPaths(query, { quiet = false } = {}) {
  const found = await guarded(() =>
    api.paths(query.from, query.to, query.mode, { statedOnly: $('#stated-only').checked }));
  if (!found) return;
  state.paths = query;
  cy.edges().removeClass('path');
  const box = $('#paths');
  if (!found.paths.length) {
    box.replaceChildren(el('p', {}, 'No path within 6 hops.'));
    if (!quiet) status('No path found');
    return;
  }
  box.replaceChildren(...found.paths.map((p, i) => el('div', { class: 'path' },
    el('h3', {}, `Path ${i + 1} (${p.length} hop${p.length === 1 ? '' : 's'})`),
    el('ol', {}, p.edges.map((e) => el('li', {},
      el('button', { class: 'link', type: 'button', onclick: () => showFact(e.id) }, e.sentence),
      isInferred(e) ? el('span', { class: 'basis inferred' }, ' inferred') : ''))),
    sourceLine(p.sources))));
  let added = 0;
  for (const p of found.paths) added += addView(cy, { nodes: p.nodes, edges: p.edges });
  if (added) layOut(cy, { fresh: cy.nodes().length === added });
  for (const p of found.paths) for (const e of p.edges) cy.getElementById(e.id).addClass('path');
  renderNodeList();
  if (added) fit(cy);
  if (!quiet) status(`${found.paths.length} path(s) found`);
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
  findPaths($('#path-mode').value);
});
for (const input of [$('#path-from'), $('#path-to')]) {
  input.addEventListener('input', () => { delete input.dataset.id; delete input.dataset.name; });
}
// other options are another neighbourhood: drawn again from its first page
const redrawFromFirstPage = () => { state.pages = 1; return redraw(); };
for (const control of ['#depth', '#direction', '#stated-only']) {
  $(control).addEventListener('change', redrawFromFirstPage);
}
$('#filters').addEventListener('change', redrawFromFirstPage);
$('#more').addEventListener('click', showMore);
$('#fit').addEventListener('click', () => fit(cy));
$('#export-png').addEventListener('click', () =>
  download('kg-view.png', cy.png({ full: true, bg: '#ffffff', scale: 2 })));
$('#export-json').addEventListener('click', exportJson);
await loadSchema();
// ?entity=<id> opens that entity (the reconciliation service's view URL links here)
const asked = new URLSearchParams(window.location.search).get('entity');
if (asked) await guarded(() => open(asked));
else status('Search for an entity to begin.');
