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
    if (value === undefined || value === null || value === '') continue;
    for (const item of [].concat(value)) query.append(key, item);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body, response.status);
  return body;
}

const id = (value) => encodeURIComponent(value);

export const api = {
  schema: () => get('/schema'),
  search: (q, kind) => get('/search', { q, kind, limit: 15 }),
  entity: (entityId) => get(`/entities/${id(entityId)}`),
  neighbourhood: (entityId, depth) => get(`/entities/${id(entityId)}/neighbourhood`, { depth }),
  paths: (from, to, mode) => get('/paths', { from, to, mode, k: 3 }),
  fact: (relId) => get(`/relationships/${id(relId)}`),
  source: (sourceId) => get(`/sources/${id(sourceId)}`),
  stances: (proposalId) => get(`/proposals/${id(proposalId)}/stances`),
  supplyChain: (entityId, direction) => get(`/entities/${id(entityId)}/supply-chain`, { direction }),
  timeline: (entityId) => get(`/entities/${id(entityId)}/timeline`),
};
