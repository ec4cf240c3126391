// The graph view: cytoscape, laid out by fCoSE with each node's label counted as part of
// the node, then a last pass that pushes apart any two nodes whose label boxes still touch.
// Node labels wrap; edge labels show only when zoomed in, or on the edge under the pointer
// or chosen. Facts that every source leaves to inference are drawn dashed.
import cytoscape from '/vendor/cytoscape.esm.min.mjs';

// fCoSE and its two helpers are classic scripts (index.html loads them before this module).
const HAS_FCOSE = typeof window.cytoscapeFcose === 'function';
if (HAS_FCOSE) cytoscape.use(window.cytoscapeFcose);

// Kinds' colours and shapes and relationship types' readings come from GET /schema.
export const KIND_COLOURS = {};
export const KIND_SHAPES = {};
export const TYPE_LABELS = {};

// Edge labels are shown from this zoom on (or on the edge pointed at, or chosen).
export const EDGE_LABEL_ZOOM = 1.4;
const MOST_FITTED_ZOOM = 1.6;  // a small graph is not blown up past this by fitting
const LABEL_GAP = 8;  // the least room left between two nodes' boxes (label included), model px

export function createGraph(container) {
  const cy = cytoscape({
    container,
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: 'node', style: {
        'background-color': (n) => KIND_COLOURS[n.data('kind')] || '#666',
        shape: (n) => KIND_SHAPES[n.data('kind')] || 'ellipse', label: 'data(name)',
        color: '#1b1f24', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 100,
        'text-valign': 'bottom', 'text-margin-y': 4, width: 26, height: 26,
        'text-background-color': '#fbfcfd', 'text-background-opacity': 0.85,
        'text-background-padding': 1 } },
      { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f0a500', width: 34, height: 34 } },
      { selector: 'edge', style: {
        width: 1.6, 'line-color': '#98a2b0', 'target-arrow-color': '#98a2b0',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: '',
        'font-size': 9, color: '#4a5360',
        'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.9,
        'text-background-padding': 1 } },
      { selector: 'edge.inferred', style: { 'line-style': 'dashed' } },
      { selector: 'edge.labelled', style: { label: 'data(label)' } },
      { selector: 'edge.hover, edge.chosen', style: {
        label: 'data(label)', 'z-index': 10, width: 2.6, 'line-color': '#5b6675',
        'target-arrow-color': '#5b6675' } },
      { selector: 'edge.path', style: { width: 3.5, 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad' } },
    ],
  });
  cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));
  cy.on('zoom', () => labelEdges(cy));
  return cy;
}

function labelEdges(cy) {
  const shown = cy.zoom() >= EDGE_LABEL_ZOOM;
  const wrong = cy.edges(shown ? ':not(.labelled)' : '.labelled');
  if (wrong.nonempty()) wrong.toggleClass('labelled', shown);
}

// Fits the graph in view, without blowing a small one up past MOST_FITTED_ZOOM.
export function fit(cy) {
  cy.fit(undefined, 30);
  if (cy.zoom() > MOST_FITTED_ZOOM) {
    cy.zoom(MOST_FITTED_ZOOM);
    cy.center();
  }
  labelEdges(cy);
}

export const isInferred = (fact) =>
  (fact.attestations || []).length > 0 && fact.attestations.every((a) => a.basis === 'inferred');

// Adds a view's nodes and facts that are not on screen yet; new nodes start beside a
// neighbour that is already placed, so an expansion grows where it was asked for.
export function addView(cy, view) {
  const added = [];
  for (const node of view.nodes) {
    if (cy.getElementById(node.id).nonempty()) continue;
    added.push(cy.add({ group: 'nodes', data: { id: node.id, name: node.name, kind: node.kind } }));
  }
  for (const edge of view.edges) {
    if (cy.getElementById(edge.id).nonempty()) continue;
    if (cy.getElementById(edge.from_id).empty() || cy.getElementById(edge.to_id).empty()) continue;
    cy.add({ group: 'edges', classes: isInferred(edge) ? 'inferred' : '', data: {
      id: edge.id, source: edge.from_id, target: edge.to_id, type: edge.type,
      label: TYPE_LABELS[edge.type] || edge.type.toLowerCase().replaceAll('_', ' '),
      sentence: edge.sentence } });
  }
  for (const node of added) {
    const anchor = node.neighborhood('node').filter((n) => !added.includes(n)).first();
    const at = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    node.position({ x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 });
  }
  return added.length;
}

// Lays the whole graph out again; `fresh` when it was redrawn from nothing.
export function layOut(cy, { fresh = false } = {}) {
  if (cy.nodes().empty()) return;
  const options = HAS_FCOSE ? {
    name: 'fcose', quality: 'proof', randomize: fresh, animate: false, fit: false,
    nodeDimensionsIncludeLabels: true, packComponents: true, nodeRepulsion: () => 20000,
    idealEdgeLength: () => 110, edgeElasticity: () => 0.3, nodeSeparation: 90,
    gravity: 0.2, numIter: 4000, tile: true,
  } : { name: 'cose', animate: false, randomize: fresh, nodeDimensionsIncludeLabels: true, fit: false };
  cy.layout(options).run();
  separate(cy);
}

const overlap = (a, b) => ({
  x: Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + LABEL_GAP,
  y: Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + LABEL_GAP,
});

// Pushes apart, along the shorter way out, every two nodes whose boxes (shape and label)
// come within LABEL_GAP of each other, until none do (or it gives up after a few hundred rounds).
export function separate(cy, rounds = 300) {
  const nodes = cy.nodes().toArray();
  for (let round = 0; round < rounds; round += 1) {
    let moved = false;
    const boxes = nodes.map((n) => ({ ...n.boundingBox({ includeLabels: true, includeNodes: true }) }));
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const o = overlap(boxes[i], boxes[j]);
        if (o.x <= 0 || o.y <= 0) continue;
        const alongX = o.x < o.y;
        const ci = alongX ? (boxes[i].x1 + boxes[i].x2) : (boxes[i].y1 + boxes[i].y2);
        const cj = alongX ? (boxes[j].x1 + boxes[j].x2) : (boxes[j].y1 + boxes[j].y2);
        const sign = ci < cj || (ci === cj && i < j) ? -1 : 1;
        const step = (alongX ? o.x : o.y) / 2 + 0.5;
        for (const [k, s] of [[i, sign], [j, -sign]]) {
          const shift = alongX ? { x: s * step, y: 0 } : { x: 0, y: s * step };
          const p = nodes[k].position();
          nodes[k].position({ x: p.x + shift.x, y: p.y + shift.y });
          boxes[k].x1 += shift.x; boxes[k].x2 += shift.x; boxes[k].y1 += shift.y; boxes[k].y2 += shift.y;
        }
        moved = true;
      }
    }
    if (!moved) return true;
  }
  return false;
}

// For tests and the curious: pairs of nodes whose label boxes intersect.
export function labelOverlaps(cy) {
  const nodes = cy.nodes().toArray();
  const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeNodes: false }));
  const found = [];
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      const a = boxes[i]; const b = boxes[j];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) found.push([nodes[i].id(), nodes[j].id()]);
    }
  }
  return found;
}
