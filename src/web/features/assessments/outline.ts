/** A criterion as the outline needs it. */
interface Node {
  id: string;
  parentId: string | null;
}

/**
 * A part's criteria in order, each group inside it (B.2) as a heading over its own criteria. A part
 * without sub-criteria is itself the criterion answered (an enterprise framework's eight parts): left
 * out, its card had nowhere to enter a score.
 */
export function outlineOf<C extends Node>(all: readonly C[], part: C): Array<{ c: C; group: boolean }> {
  const out: Array<{ c: C; group: boolean }> = [];
  const walk = (p: C) => {
    const kids = all.filter((x) => x.parentId === p.id);
    if (p !== part || kids.length === 0) out.push({ c: p, group: kids.length > 0 });
    for (const k of kids) walk(k);
  };
  walk(part);
  return out;
}
