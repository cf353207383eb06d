import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfmake/pdfkit (Identity-H fonts with ToUnicode maps), word by word: enough
 * for a test to check that every item of a form was printed. Not a general PDF reader.
 */
export function pdfText(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  const streams: Buffer[] = [];
  for (const m of bytes.toString('latin1').matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = bytes.indexOf('endstream', start);
    try {
      streams.push(inflateSync(bytes.subarray(start, end)));
    } catch {
      // not a Flate stream (fonts are, images may not be): not text
    }
  }
  // Every font's code → text map (codes are unique per font; words are short, clashes do not matter here).
  const maps = streams
    .map((s) => s.toString('latin1'))
    .filter((s) => s.includes('beginbfrange') || s.includes('beginbfchar'))
    .map((cmap) => {
      const map = new Map<number, string>();
      const hex = (h: string) =>
        String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
      for (const r of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
        const from = Number.parseInt(r[1]!, 16);
        for (const [i, u] of [...r[3]!.matchAll(/<([0-9a-f]+)>/gi)].entries()) map.set(from + i, hex(u[1]!));
      }
      for (const c of cmap.matchAll(/^<([0-9a-f]{4})>\s*<([0-9a-f]+)>$/gim))
        map.set(Number.parseInt(c[1]!, 16), hex(c[2]!));
      return map;
    });
  const words: string[] = [];
  for (const s of streams.map((x) => x.toString('latin1')).filter((x) => x.includes(' Tf'))) {
    let font = 0;
    for (const m of s.matchAll(/\/F(\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1]) font = Number(m[1]) - 1;
      else
        words.push(
          [...m[2]!.matchAll(/<([0-9a-f]+)>/gi)]
            .flatMap((g) =>
              (g[1]!.match(/.{4}/g) ?? []).map((c) => maps[font]?.get(Number.parseInt(c, 16)) ?? '?'),
            )
            .join(''),
        );
    }
  }
  return words.join(' ');
}
