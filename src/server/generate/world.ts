import type { Db } from '#server/db/client.ts';
import type { Key } from '#server/modules/keys/crypto.ts';
import type { UnitType } from '#shared/org/schemas.ts';
import type { Progress } from './bulk.ts';
import type { Random } from './random.ts';

/** How big one province is. `province` is the size of Vietnam's largest after the 2025 reform. */
export interface Shape {
  departments: number;
  departmentSubUnits: number;
  communes: number;
  communeSubUnits: number;
  /** Communes before the reform merged into each new one (dissolved on 2025-07-01). */
  formerCommunesEach: number;
  formerDistricts: number;
  enterprises: number;
  users: number;
  reports: number;
  itemsPerPlan: number;
  /** Reports that get a real receipt (an Argon2id derivation each, ≈ 0.2 s); the rest a random lookup. */
  receipts: number;
  /** The inspectorate's inspections a year (issue 19: ~600, with ~2.8 recommendations and ~0.8 cases each). */
  inspectionsPerYear: number;
}

/** What every generated province shares. */
export interface Shared {
  now: Date;
  /** One password hash and one password-wrapping key for every generated account (see ADR 0013). */
  passwordHash: string;
  passwordKek: { salt: Uint8Array; kek: Key };
  totpSecret: string;
  /** What each module's `prepare` returned, by module name (e.g. the portal's secrets, a framework). */
  prepared: Record<string, unknown>;
  /** The modules whose records are written (units and accounts always are); all when absent. */
  only?: ReadonlySet<string>;
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  path: string;
  depth: number;
  status: 'active' | 'dissolved';
  validFrom: string | null;
  validTo: string | null;
  /** Generator-only: receives citizens' reports (an intake desk). */
  desk?: boolean;
  place?: string;
}

export interface OfficerKey {
  userId: string;
  publicKey: Uint8Array;
}

/**
 * One generated province as the foundation wrote it (units, accounts, grants, keys): what each module's
 * generator step builds its records on. Steps run in the modules' list order on the same `r`, so the
 * same seed gives the same data.
 */
export interface ProvinceWorld {
  db: Db;
  r: Random;
  /** The province's code (P01…). */
  code: string;
  shape: Shape;
  shared: Shared;
  progress: Progress;
  now: Date;
  count: (key: string, n: number) => void;
  /** Receipts a tester can open on the portal (reports). */
  samples: string[];
  provinceName: string;
  province: UnitRow;
  departments: UnitRow[];
  /** The provincial inspectorate (intake desk, control agency). */
  inspectorate: UnitRow;
  deptSubs: UnitRow[];
  /** Dissolved on 2025-07-01, with the communes that were under them. */
  districts: UnitRow[];
  formerCommunes: UnitRow[];
  communes: UnitRow[];
  communeSubs: UnitRow[];
  enterprises: UnitRow[];
  headOf: Map<string, string>;
  focalOf: Map<string, string>;
  /** Intake officers of each desk with their public keys (reports are sealed to them). */
  officersOf: Map<string, OfficerKey[]>;
  custodians: OfficerKey[];
  /** Every staff member (each declares assets yearly in the generated province). */
  declarants: Array<{ id: string; unitId: string; name: string }>;
}

export const DAY = 86_400_000;
/** The two-level local government took effect on this date. */
export const REFORM = '2025-07-01';
/** The years generated for plans, campaigns and declarations. */
export const GENERATED_YEARS = [2024, 2025, 2026] as const;

export const addDaysStr = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const minStr = (a: string, b: string) => (a < b ? a : b);

/** Units that are assessed and plan: departments and communes with their sub-units. */
export const assessedCount = (s: Shape) =>
  s.departments * (1 + s.departmentSubUnits) + s.communes * (1 + s.communeSubUnits);
