// Turning what a person typed into one entity: GET /resolve (an id, or an exact name or
// alias, any case or accent); when several entities answer to the name, the person is asked
// which one is meant, never guessed for.
import { api, ApiError } from '/static/api.js';
import { el } from '/static/dom.js';

let hasResolve = true;  // false once a service without /resolve has answered 404 for it

// { matches: [{id, kind, name, matched}], ambiguous }
export async function resolve(text, kind) {
  if (hasResolve) {
    try {
      const found = await api.resolve(text, kind);
      return { matches: found.matches, ambiguous: Boolean(found.ambiguous) || found.matches.length > 1 };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      hasResolve = false;
    }
  }
  // a service older than /resolve: its exact-name lookup (names and aliases, any case)
  const page = await api.byName(text, kind);
  const matches = page.items.map((n) => ({ id: n.id, kind: n.kind, name: n.name, matched: text }));
  return { matches, ambiguous: matches.length > 1 };
}

const describe = (match) => `${match.name} (${match.kind})`;

// Shows the candidates in `box` as a labelled group of buttons, focuses the first, and
// settles with the one chosen, or null when the person cancels (or Escape) or asks again.
export function choose(box, text, matches, what = '') {
  return new Promise((settle) => {
    const headingId = `${box.id}-heading`;
    const done = (value) => { box.replaceChildren(); box.hidden = true; settle(value); };
    box.hidden = false;
    box.replaceChildren(el('div', { role: 'group', class: 'chooser', 'aria-labelledby': headingId },
      el('h3', { id: headingId },
        `“${text}”${what ? ` (${what})` : ''} names ${matches.length} entities. Which one do you mean?`),
      el('ul', { class: 'plain' }, matches.map((match) => el('li', {},
        el('button', { type: 'button', class: 'choice', 'data-id': match.id, onclick: () => done(match) },
          describe(match)),
        match.matched && match.matched.toLowerCase() !== match.name.toLowerCase()
          ? el('span', { class: 'sources' }, ` also called “${match.matched}”`) : ''))),
      el('button', { type: 'button', class: 'link', onclick: () => done(null) }, 'Cancel')));
    box.cancel = () => done(null);
    box.firstChild.addEventListener('keydown', (event) => { if (event.key === 'Escape') done(null); });
    box.querySelector('button.choice').focus();
  });
}

// One entity for `text`: used directly when one matches, asked for when several do.
// Throws when nothing matches; null when the person cancelled the choice.
export async function pickEntity(text, { kind, box, what, onAsk } = {}) {
  if (box && box.cancel) box.cancel();
  const found = await resolve(text, kind);
  if (!found.matches.length) throw new Error(`No entity matches “${text}”`);
  if (!found.ambiguous) return found.matches[0];
  if (onAsk) onAsk(found.matches);
  return choose(box, text, found.matches, what);
}
