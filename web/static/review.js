// The review view: a source's text with what its analysis found marked, and the candidate
// facts beside it, each accepted (its fact written, pointing at its sentence) or rejected
// with a reason. Only the service's public HTTP API.

import { $, el, status } from './dom.js';

const state = { source: '', text: '', marks: [], candidates: [] };
const id = (value) => encodeURIComponent(value);

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = $('#api-key').value.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const answer = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new Error(answer.detail || answer.title || `HTTP ${response.status}`);
  return answer;
}

async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    status(error.message, true);
    return undefined;
  }
}

// What the analysis marked in the text: mentions (not those within another's name) and
// names the graph does not hold, in text order, none overlapping.
function marksOf(read) {
  const marks = [
    ...read.mentions.filter((m) => !m.inside).map((m) => ({ ...m, cls: ['mention', m.ambiguous && 'ambiguous', m.reference && 'reference'] })),
    ...read.unknown_names.map((n) => ({ ...n, entities: [], cls: ['unknown'] })),
  ].sort((a, b) => a.start - b.start);
  let at = 0;
  return marks.filter((m) => (m.start >= at ? (at = m.end, true) : false));
}

// The text from `from` to `to` as nodes, its marks marked.
function rendered(from, to) {
  const parts = [];
  let at = from;
  for (const m of state.marks) {
    if (m.start < from || m.end > to) continue;
    parts.push(state.text.slice(at, m.start));
    const title = m.entities.length ? `names ${m.entities.join(' or ')}` : 'not in the graph';
    parts.push(el('mark', { class: m.cls.filter(Boolean).join(' '), title }, state.text.slice(m.start, m.end)));
    at = m.end;
  }
  parts.push(state.text.slice(at, to));
  return parts;
}

// The text, with a candidate's sentence (when given) set apart and brought into view.
function showText(sentence) {
  const box = $('#text');
  const length = state.text.length;
  if (!sentence || sentence.exact === null) {
    box.replaceChildren(...rendered(0, length));
    return;
  }
  const { start, end } = sentence;
  const picked = el('span', { class: 'sentence', tabindex: '-1' }, ...rendered(start, end));
  box.replaceChildren(...rendered(0, start), picked, ...rendered(end, length));
  picked.focus();
}

function candidateItem(c) {
  const what = `${c.type}: ${c.from_name ?? c.from_id} → ${c.to_name ?? c.to_id}`;
  const item = el('li', { class: `candidate ${c.status}` },
    el('button', { type: 'button', class: 'link', onclick: () => showText(c.sentence) }, what),
    el('p', { class: 'sources' }, `cues: ${c.cues.join(', ')}`, c.ambiguous ? ' · an end read from a shared name' : '', ` · ${c.status}`,
      c.fact_id ? ' · ' : '', c.fact_id ? el('a', { href: `/?entity=${id(c.from_id)}` }, 'see the fact') : '',
      c.reason ? ` · “${c.reason}”` : ''),
    c.sentence.exact ? el('blockquote', {}, c.sentence.exact) : '');
  if (c.status === 'open') {
    const why = el('input', { 'aria-label': `why ${what} is not a fact`, placeholder: 'why not (to reject)', maxlength: '500' });
    item.append(el('div', { class: 'actions' },
      el('button', { type: 'button', onclick: () => decide(c, 'accept', {}) }, 'Accept'),
      why,
      el('button', { type: 'button', onclick: () => decide(c, 'reject', { reason: why.value }) }, 'Reject')));
  }
  return item;
}

async function decide(candidate, verb, body) {
  const url = `/sources/${id(state.source)}/candidates/${candidate.id}/${verb}`;
  const done = await guarded(() => call('POST', url, body));
  if (done === undefined) return;
  status(verb === 'accept' ? `Accepted: ${done.relationship.relationship.sentence}` : 'Rejected.');
  await showCandidates();
}

async function showCandidates() {
  const wanted = $('#status-filter').value;
  const query = wanted ? `?status=${wanted}` : '';
  const found = await guarded(() => call('GET', `/sources/${id(state.source)}/candidates${query}`));
  if (found === undefined) return;
  state.candidates = found;
  $('#candidates').replaceChildren(...found.map(candidateItem));
  if (!found.length) $('#candidates').append(el('li', {}, 'None.'));
}

async function open(source) {
  state.source = source;
  history.replaceState(null, '', `/review?source=${id(source)}`);
  const text = await guarded(() => call('GET', `/sources/${id(source)}/text`));
  if (text === undefined) return;
  const read = await guarded(() => call('GET', `/sources/${id(source)}/analysis`));
  if (read === undefined) return;
  state.text = text;
  state.marks = marksOf(read);
  showText(null);
  status(`${read.mentions.length} mentions, ${read.unknown_names.length} names not in the graph.`);
  await showCandidates();
}

async function analyse() {
  if (!state.source) return;
  const done = await guarded(() => call('POST', `/sources/${id(state.source)}/analysis`));
  if (done === undefined) return;
  await open(state.source);
  status(`Analysed: ${done.candidates.found} candidates, ${done.candidates.new} new.`);
}

$('#source-form').addEventListener('submit', (event) => {
  event.preventDefault();
  open($('#source-input').value.trim());
});
$('#analyse').addEventListener('click', analyse);
$('#status-filter').addEventListener('change', showCandidates);
const asked = new URLSearchParams(window.location.search).get('source');
if (asked) {
  $('#source-input').value = asked;
  open(asked);
}
