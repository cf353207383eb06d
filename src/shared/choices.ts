/**
 * Choices a reader makes in the staff app that the server draws their pages by (ADR 0045), kept as
 * cookies under /app: which of their units they act for, and which optional columns each table shows.
 * Not secrets, not personal. (The language's and the screen's are beside their own code.)
 */
export const UNIT_COOKIE = 'liem_unit';
export const COLUMNS_COOKIE = 'liem_columns';
export const DRAWN_BY = [UNIT_COOKIE, COLUMNS_COOKIE] as const;
