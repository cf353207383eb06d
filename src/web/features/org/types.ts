export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentId: string | null;
  path: string;
  depth: number;
  validFrom: string | null;
  validTo: string | null;
  status: string;
  version: number;
  childCount?: number;
}

export interface UnitLink {
  id: string;
  code: string;
  name: string;
  kind: string;
  effectiveDate: string;
}

export interface UnitDetailData extends Unit {
  ancestors: Array<{ id: string; code: string; name: string }>;
  successors: UnitLink[];
  predecessors: UnitLink[];
}

export interface Position {
  id: string;
  unitId: string;
  name: string;
  isLeadership: boolean;
  leadershipLevel: string | null;
  declarationDuty: boolean;
  archived: boolean;
}
