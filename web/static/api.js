// The page's only way to the data: the service's public HTTP API.

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    for (const item of [].concat(value)) query.append(key, item);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body, response.status);
  return body;
}

const id = (value) => encodeURIComponent(value);

// What a view is asked with: { depth, direction, types: [..], kinds: [..], statedOnly },
// and for a page after the first, the `cursor` the one before gave (`limit`: page size).
function viewParams({ depth, direction, types, kinds, statedOnly, limit, cursor } = {}) {
  return {
    depth, direction, types, kind: kinds, stated_only: statedOnly ? 'true' : undefined, limit, cursor,
  };
}

export const api = {
  schema: () => get('/schema'),
  search: (q, kind) => get('/search', { q, kind, limit: 15 }),
  // An id, or an exact (case- and accent-insensitive) name or alias: every match, with its kind.
  resolve: (name, kind) => get('/resolve', { name, kind }),
  // The older exact-name lookup, used only by a service that has no /resolve yet.
  byName: (name, kind) => get('/entities', { name, kind }),
  entity: (entityId) => get(`/entities/${id(entityId)}`),
  neighbourhood: (entityId, options) => get(`/entities/${id(entityId)}/neighbourhood`, viewParams(options)),
  paths: (from, to, mode, { statedOnly } = {}) =>
    get('/paths', { from, to, mode, k: 3, stated_only: statedOnly ? 'true' : undefined }),
  fact: (relId) => get(`/relationships/${id(relId)}`),
  factHistory: (relId) => get(`/relationships/${id(relId)}/history`, { limit: 50 }),
  source: (sourceId) => get(`/sources/${id(sourceId)}`),
  stances: (entityId) => get(`/entities/${id(entityId)}/stances`),
  supplyChain: (entityId, direction) => get(`/entities/${id(entityId)}/supply-chain`, { direction }),
  exposure: (entityId) => get(`/entities/${id(entityId)}/exposure`),
  timeline: (entityId) => get(`/entities/${id(entityId)}/timeline`),
};
