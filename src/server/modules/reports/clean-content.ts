/**
 * A page's drawing (a PDF content stream) without what a producer wrote beside it: comments (`% …`, a
 * path on the author's disk, the user a driver printed for) and private keys in marked-content property
 * lists (`/Span << /Author (…) >> BDC`). Everything drawn is kept byte for byte; strings, hex strings and
 * nested dictionaries are read as the syntax says (ISO 32000-2 §7.2, §14.6), so a "%" inside a string is
 * text, not a comment. PostScript-like streams (type 4 functions, character maps) are read the same way.
 */

/** Keys of a marked-content property list that say what is shown, not who made it. */
const KEPT_PROPERTIES = new Set(['MCID', 'ActualText', 'Lang', 'E', 'Type', 'Subtype', 'BBox', 'Attached']);
const WHITE = '\0\t\n\f\r ';
const DELIMITERS = '()<>[]{}/%';
const regular = (c: string | undefined) => c !== undefined && !WHITE.includes(c) && !DELIMITERS.includes(c);

class Unreadable extends Error {}

function endOfLine(t: string, at: number): number {
  let i = at;
  while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
  return i;
}

function skipString(t: string, at: number): number {
  let depth = 0;
  for (let i = at; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new Unreadable();
}

function skipHex(t: string, at: number): number {
  const end = t.indexOf('>', at);
  if (end < 0) throw new Unreadable();
  return end + 1;
}

function skipWhite(t: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < t.length && WHITE.includes(t[i]!)) i++;
    if (t[i] !== '%') return i;
    i = endOfLine(t, i);
  }
}

/** The end of one object (a name, number, string, array, dictionary, operator) starting at `at`. */
function skipValue(t: string, at: number): number {
  const i = skipWhite(t, at);
  const c = t[i];
  if (c === undefined) throw new Unreadable();
  if (c === '(') return skipString(t, i);
  if (t.startsWith('<<', i)) return skipContainer(t, i, '<<', '>>');
  if (c === '<') return skipHex(t, i);
  if (c === '[') return skipContainer(t, i, '[', ']');
  let j = c === '/' ? i + 1 : i;
  while (regular(t[j])) j++;
  if (j === i) throw new Unreadable();
  return j;
}

function skipContainer(t: string, at: number, open: string, close: string): number {
  let i = at + open.length;
  for (;;) {
    i = skipWhite(t, i);
    if (i >= t.length) throw new Unreadable();
    if (t.startsWith(close, i)) return i + close.length;
    i = skipValue(t, i);
  }
}

const decodeName = (n: string) =>
  n.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));

/** A property list with only the kept keys, or null when it has nothing else. */
function keptProperties(t: string, at: number, end: number): string | null {
  const kept: string[] = [];
  let dropped = false;
  let i = at + 2;
  for (;;) {
    i = skipWhite(t, i);
    if (t.startsWith('>>', i)) break;
    if (t[i] !== '/') throw new Unreadable();
    const keyEnd = skipValue(t, i);
    const valueEnd = skipValue(t, keyEnd);
    if (KEPT_PROPERTIES.has(decodeName(t.slice(i + 1, keyEnd)))) kept.push(t.slice(i, valueEnd));
    else dropped = true;
    i = valueEnd;
  }
  if (i + 2 !== end) throw new Unreadable();
  return dropped ? `<<${kept.join(' ')}>>` : null;
}

/** What came of a stream: its new text, nothing to change, or syntax that could not be read. */
export type Scrubbed = { text: string } | 'unchanged' | 'unreadable';

/**
 * The content without comments and private property keys. Written into one buffer no longer than the
 * input (a comment becomes one space, a property list only shrinks): a stream of millions of comments
 * costs its own size again, never an array entry each. An inline image's data (from ID to EI) is copied
 * as it is. Syntax that cannot be read is said as such: the caller refuses the file rather than keep
 * what it could not look at.
 */
export function scrubContent(t: string): Scrubbed {
  if (!t.includes('%') && !/BDC|DP/.test(t)) return 'unchanged';
  const src = Buffer.from(t, 'latin1');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  let last = 0;
  let changed = false;
  const flush = (to: number) => {
    n += src.copy(out, n, last, to);
  };
  let i = 0;
  try {
    while (i < t.length) {
      const c = t[i]!;
      if (c === '%') {
        flush(i);
        out[n++] = 0x20;
        last = i = endOfLine(t, i);
        changed = true;
      } else if (c === '(') i = skipString(t, i);
      else if (t.startsWith('<<', i)) {
        const end = skipContainer(t, i, '<<', '>>');
        const next = skipWhite(t, end);
        let op = next;
        while (regular(t[op])) op++;
        const operator = t.slice(next, op);
        const kept = operator === 'BDC' || operator === 'DP' ? keptProperties(t, i, end) : null;
        if (kept !== null) {
          flush(i);
          n += out.write(kept, n, 'latin1');
          last = end;
          changed = true;
        }
        i = end;
      } else if (c === '<') i = skipHex(t, i);
      else if (c === '/') {
        i++;
        while (regular(t[i])) i++;
      } else if (regular(c)) {
        let j = i;
        while (regular(t[j])) j++;
        // An inline image: its head, ID, one white-space byte, binary data up to EI.
        i = t.slice(i, j) === 'BI' ? inlineImageEnd(t, j) : j;
      } else i++;
    }
  } catch (e) {
    if (e instanceof Unreadable) return 'unreadable';
    throw e;
  }
  if (!changed) return 'unchanged';
  flush(t.length);
  return { text: out.toString('latin1', 0, n) };
}

/** Where an inline image that begins after `at` (just past BI) ends: past its EI. */
function inlineImageEnd(t: string, at: number): number {
  const id = /(?<=[\0\t\n\f\r ()<>[\]{}/%])ID[\0\t\n\f\r ]/g;
  id.lastIndex = at;
  const m = id.exec(t);
  if (!m) throw new Unreadable();
  const ei = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
  ei.lastIndex = m.index + m[0].length;
  const e = ei.exec(t);
  if (!e) throw new Unreadable();
  return e.index + e[0].length;
}
