import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planItems, plans } from '#server/modules/plans/tables.ts';
import { cleanText } from '#shared/text.ts';
import { call, createWorld, upload, type World } from './world.ts';

/**
 * Control, bidi-override and noncharacter code points (issue 15 §6): removed at every input boundary,
 * and never able to break an exported document, even when typed before the boundary cleaned them.
 */
const RLO = '\u202E';
const hostile = `Phòng${RLO}fdp.exe\uFFFE\u0001\u0008 Tài\u2066 vụ\uD800`;

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

/** Characters XML 1.0 allows, and nothing that reorders text on screen. */
const XML_BAD = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\p{Bidi_Control}/u;

describe('text at the input boundary', () => {
  it('keeps letters, marks, tabs and line breaks and removes the rest', () => {
    expect(cleanText(hostile)).toBe('Phòngfdp.exe Tài vụ');
    expect(cleanText('Dòng 1\nDòng 2\tcột\r\n')).toBe('Dòng 1\nDòng 2\tcột\r\n');
    // NFD input comes out NFC; emoji with joiners stay whole.
    expect(cleanText('Pho\u0300ng 👩‍💻')).toBe('Phòng 👩‍💻');
    expect(cleanText('\u{1FFFE}a\u{10FFFF}')).toBe('a');
  });

  it('names and titles sent to the API are stored without them', async () => {
    const res = await call(w.app, 'POST', '/api/units', {
      who: w.users.root_admin,
      body: { code: 'TXT1', name: hostile, type: 'sub_unit', parentId: w.units.A },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.name).toBe('Phòngfdp.exe Tài vụ');
  });

  it('file names in multipart uploads are cleaned too', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const res = await upload(
      w.app,
      '/api/files',
      w.users.root_admin,
      { unitId: w.units.A },
      { name: `bao${RLO}fdp.exe.pdf`, content: Buffer.from(await pdf.save()), type: 'application/pdf' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('baofdp.exe.pdf');
  });

  it('plan exports stay valid documents whatever the stored text holds', async () => {
    const p = await call(w.app, 'POST', '/api/plans', {
      who: w.users.root_admin,
      body: { unitId: w.units.A, year: 2040, title: 'Kế hoạch thử ký tự' },
    });
    await call(w.app, 'POST', `/api/plans/${p.json.id}/items`, {
      who: w.users.root_admin,
      body: { groupCode: 'leadership', content: 'Nhiệm vụ' },
    });
    // Written past the boundary, as data from before it would be.
    await w.database.db.update(plans).set({ title: hostile }).where(eq(plans.id, p.json.id));
    await w.database.db.update(planItems).set({ content: hostile }).where(eq(planItems.planId, p.json.id));
    for (const format of ['xlsx', 'docx']) {
      const res = await w.app.inject({
        method: 'GET',
        url: `/api/plans/${p.json.id}/export?format=${format}`,
        headers: { cookie: w.users.root_admin.cookie },
      });
      expect(res.statusCode).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const parts = Object.values(zip.files).filter((f) => /\.(xml|rels)$/.test(f.name));
      expect(parts.length).toBeGreaterThan(2);
      let found = false;
      for (const part of parts) {
        const xml = await part.async('string');
        expect(XML_BAD.test(xml), `${format} ${part.name}`).toBe(false);
        found ||= xml.includes('Phòngfdp.exe');
      }
      expect(found, format).toBe(true);
    }
  });
});
