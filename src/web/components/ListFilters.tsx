import { Input, Select } from 'antd';
import { useT } from '#web/app/i18n.ts';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { UnitSelect } from './UnitSelect.tsx';

interface Choice {
  /** The address's parameter the choice is kept in. */
  key: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  width?: number;
}

/** A register's search, without accents, kept in the address as `q`: shown above the list on every screen. */
export function ListSearch({
  url,
  setUrl,
}: {
  url: Partial<Record<string, string>>;
  setUrl(patch: Record<string, string | undefined>): void;
}) {
  const { t } = useT();
  return (
    <Input.Search
      aria-label={t('ui.common.search')}
      placeholder={t('ui.common.search')}
      defaultValue={url.q}
      allowClear
      onSearch={(v) => setUrl({ q: v || undefined })}
      style={{ width: 220 }}
    />
  );
}

/**
 * The filters a register's list shows above it (DataTable's `filters`), each kept in the address (so a
 * filtered list can be shared and comes back with Back): a unit, a year, and choices. One place for the
 * registers' lists, so they look and behave alike.
 */
export function ListFilters({
  url,
  setUrl,
  year,
  choices = [],
  unit = false,
}: {
  url: Partial<Record<string, string>>;
  setUrl(patch: Record<string, string | undefined>): void;
  /** The year box's label (the year of what: left, reviewed, received); none when absent. */
  year?: string;
  choices?: Choice[];
  /** A unit whose subtree the list keeps to (`unitId`): one department's register out of a province's. */
  unit?: boolean;
}) {
  return (
    <>
      {unit && <UnitFilter value={url.unitId} onChange={(unitId) => setUrl({ unitId })} />}
      {year && (
        <NumberInput
          aria-label={year}
          placeholder={year}
          value={url.year ? Number(url.year) : null}
          min={2000}
          precision={0}
          max={2100}
          onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
          style={{ width: Math.max(110, year.length * 9 + 40) }}
        />
      )}
      {choices.map((c) => (
        <Select
          key={c.key}
          aria-label={c.label}
          placeholder={c.label}
          allowClear
          value={url[c.key]}
          onChange={(v) => setUrl({ [c.key]: v })}
          options={c.options}
          style={{ width: c.width ?? 190 }}
        />
      ))}
    </>
  );
}

/** A unit whose subtree a list keeps to (kept in the address by the page as `unitId`). */
export function UnitFilter({ value, onChange }: { value?: string | undefined; onChange(v?: string): void }) {
  const { t } = useT();
  return (
    <div style={{ width: 280 }}>
      <UnitSelect
        aria-label={t('ui.common.filterByUnit')}
        placeholder={t('ui.common.filterByUnit')}
        value={value}
        onChange={(v) => onChange((v as string | undefined) || undefined)}
      />
    </div>
  );
}
