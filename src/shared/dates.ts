/** A legal date (yyyy-MM-dd) as Vietnamese write it: dd/MM/yyyy. Empty for none. */
export function formatLegalDate(d: string | null | undefined): string {
  return d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '';
}
