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

/** Bytes of one property list: real ones hold a tag's text (ActualText) of a few kilobytes at most. */
const MAX_PROPERTY_LIST = 1024 * 1024;

/** Each kept key with the kind of value it defines: an id is a number, a tag's text a string. */
function valueFits(key: string, value: string): boolean {
  if (key === 'MCID') return /^[-+]?\d+$/.test(value);
  if (key === 'Type' || key === 'Subtype') return /^\/[^\s/[\]()<>{}%]+$/.test(value);
  if (key === 'BBox' || key === 'Attached') return /^\[[-+\d.\s/A-Za-z#]*\]$/.test(value);
  // A text: one string token (its parentheses balanced or escaped, as the reader parsed it).
  return value[0] === '(' || (value[0] === '<' && value[1] !== '<');
}

/** A property list with only the kept keys (and simple values), or null when it has nothing else. */
function keptProperties(t: string, at: number, end: number): string | null {
  if (end - at > MAX_PROPERTY_LIST) throw new Unreadable();
  const kept: string[] = [];
  let dropped = false;
  let i = at + 2;
  for (;;) {
    i = skipWhite(t, i);
    if (t.startsWith('>>', i)) break;
    if (t[i] !== '/') throw new Unreadable();
    const keyEnd = skipValue(t, i);
    const valueEnd = skipValue(t, keyEnd);
    // The value as written, from its first byte (a comment between key and value is not kept).
    const value = t.slice(skipWhite(t, keyEnd), valueEnd);
    const key = decodeName(t.slice(i + 1, keyEnd));
    if (KEPT_PROPERTIES.has(key) && valueFits(key, value)) kept.push(`${t.slice(i, keyEnd)} ${value}`);
    else dropped = true;
    i = valueEnd;
  }
  if (i + 2 !== end) throw new Unreadable();
  // Comments between its keys and values go too, even when every key is kept.
  return dropped || t.slice(at, end).includes('%') ? `<<${kept.join(' ')}>>` : null;
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
        // An inline image: its head (keys it defines, simple values), ID, one white-space byte, binary
        // data up to EI, copied as it is.
        if (t.slice(i, j) === 'BI') {
          const head = inlineImageHead(t, j);
          flush(j);
          n += out.write(head.text, n, 'latin1');
          last = head.dataStart;
          if (head.changed) changed = true;
          i = inlineImageEnd(t, head.dataStart);
        } else i = j;
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

/** Keys of an inline image's head (ISO 32000-2 Table 91), abbreviated or not, and of its decode parameters. */
const INLINE_IMAGE_KEYS = new Set(
  (
    'BPC BitsPerComponent CS ColorSpace D Decode DP DecodeParms F Filter H Height IM ImageMask Intent I ' +
    'Interpolate W Width L Length'
  ).split(' '),
);

/** An inline image's head from just past BI: its keys rebuilt, and where its data begins (past ID). */
function inlineImageHead(t: string, at: number): { text: string; dataStart: number; changed: boolean } {
  const kept: string[] = [];
  let changed = false;
  let i = at;
  for (;;) {
    i = skipWhite(t, i);
    if (t.startsWith('ID', i) && !regular(t[i + 2])) {
      // One white-space byte follows ID; then the data.
      const dataStart = i + 3;
      if (dataStart > t.length) throw new Unreadable();
      if (t.slice(at, i).includes('%')) changed = true;
      return { text: ` ${kept.join(' ')} ID${t[i + 2]}`, dataStart, changed };
    }
    if (t[i] !== '/') throw new Unreadable();
    const keyEnd = skipValue(t, i);
    const valueEnd = skipValue(t, keyEnd);
    const key = decodeName(t.slice(i + 1, keyEnd));
    const raw = t.slice(skipWhite(t, keyEnd), valueEnd);
    // Any value a reader takes (a boolean, an indexed colour space's lookup string, decode parameters
    // in an array), with the comments a producer wrote inside it taken out.
    let value = raw.includes('%') ? withoutComments(raw) : raw;
    if (key === 'DP' || key === 'DecodeParms') value = decodeParms(value);
    if (value !== raw) changed = true;
    if (INLINE_IMAGE_KEYS.has(key)) kept.push(`${t.slice(i, keyEnd)} ${value}`);
    else changed = true;
    i = valueEnd;
  }
}

const DECODE_KEYS = new Set(
  'Predictor Colors BitsPerComponent BPC Columns K EncodedByteAlign EndOfBlock BlackIs1 DamagedRowsBeforeError EndOfLine Rows ColorTransform EarlyChange'.split(
    ' ',
  ),
);

/** Decode parameters (a dictionary, or an array of them and nulls) with only their defined keys. */
function decodeParms(v: string): string {
  const dict = (at: number, end: number) => {
    const kept: string[] = [];
    let i = at + 2;
    for (;;) {
      i = skipWhite(v, i);
      if (v.startsWith('>>', i) || i >= end) break;
      const keyEnd = skipValue(v, i);
      const valueEnd = skipValue(v, keyEnd);
      const value = v.slice(skipWhite(v, keyEnd), valueEnd);
      if (DECODE_KEYS.has(decodeName(v.slice(i + 1, keyEnd))) && /^[-+\w.]+$/.test(value))
        kept.push(`${v.slice(i, keyEnd)} ${value}`);
      i = valueEnd;
    }
    return `<<${kept.join(' ')}>>`;
  };
  if (v.startsWith('<<')) return dict(0, v.length);
  if (!v.startsWith('[')) return v;
  const parts: string[] = [];
  for (let i = 1; ; ) {
    i = skipWhite(v, i);
    if (v[i] === ']' || i >= v.length) break;
    const end = skipValue(v, i);
    parts.push(v.startsWith('<<', i) ? dict(i, end) : v.slice(i, end));
    i = end;
  }
  return `[${parts.join(' ')}]`;
}

/** A value's text with its comments (outside strings) made spaces. */
function withoutComments(v: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < v.length; ) {
    const c = v[i]!;
    if (c === '%') {
      out += `${v.slice(last, i)} `;
      last = i = endOfLine(v, i);
    } else if (c === '(') i = skipString(v, i);
    else if (c === '<' && v[i + 1] !== '<') i = skipHex(v, i);
    else i++;
  }
  return out + v.slice(last);
}

/** Where an inline image whose data begins at `at` ends: past its EI. */
function inlineImageEnd(t: string, at: number): number {
  const ei = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
  ei.lastIndex = at - 1;
  const e = ei.exec(t);
  if (!e) throw new Unreadable();
  return e.index + e[0].length;
}
