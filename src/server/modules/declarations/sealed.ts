import { openAtRest, sealAtRest } from '#server/server-key.ts';
import { DeclarationContent } from '#shared/declarations/content.ts';

/** A declaration's content as stored: one JSON sealed under the server key, bound to its id (ADR 0024). */
const ad = (id: string) => `declaration:${id}`;

export const sealContent = (id: string, c: DeclarationContent) => sealAtRest(JSON.stringify(c), ad(id));

export function openDeclarationContent(row: { id: string; content: string }): DeclarationContent {
  const text = openAtRest(row.content, ad(row.id));
  if (text === null) throw new Error(`declaration ${row.id} cannot be opened with this server key`);
  return DeclarationContent.parse(JSON.parse(text));
}
