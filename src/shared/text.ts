/** Diacritic- and case-insensitive form of a text (đ → d), as `liem_fold()` does in SQL. */
export const foldText = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
