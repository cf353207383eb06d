import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tooltipLines } from './chartText.ts';

const hostile = '<img src=x onerror=alert(1)>Phòng "A" & \'B\'';

describe('chart tooltips', () => {
  it('escape every value people typed, keeping only their own line breaks as markup', () => {
    const html = tooltipLines(hostile, '12/03/2026', 42);
    expect(html).not.toMatch(/<img/i);
    expect(html).toBe(
      '&lt;img src=x onerror=alert(1)&gt;Phòng &quot;A&quot; &amp; &#39;B&#39;<br/>12/03/2026<br/>42',
    );
    expect(tooltipLines(null, undefined)).toBe('<br/>');
  });

  it('every custom tooltip formatter in the staff app builds its text with tooltipLines', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.tsx')) files.push(path);
      }
    };
    walk(join(import.meta.dirname, '..'));
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      // A tooltip block whose formatter returns a template string or concatenation instead of tooltipLines.
      return [...text.matchAll(/tooltip:\s*\{[^}]*?formatter:\s*\([^)]*\)[^=]*=>\s*([^\n]*\n?[^\n]*)/g)]
        .filter((m) => !m[1]!.includes('tooltipLines('))
        .map(() => file);
    });
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
