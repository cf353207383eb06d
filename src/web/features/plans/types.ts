import type { PlanAbilities } from '#shared/plans/policy.ts';
export interface Plan {
  id: string;
  unitId: string;
  unitName: string;
  year: number;
  sourcePlanId: string | null;
  title: string;
  docNumber: string | null;
  docDate: string | null;
  signer: string | null;
  signedFileId: string | null;
  status: 'draft' | 'issued' | 'closed';
  issuedVersion: number;
  issuedAt: string | null;
  dueDate: string | null;
  late: boolean;
  progress: number;
  version: number;
  /** Read through a unit's own plan: only the tasks assigned to the reader's units are listed. */
  assignedOnly?: boolean;
  abilities?: PlanAbilities;
}

export interface Item {
  id: string;
  planId: string;
  parentId: string | null;
  sourceItemId: string | null;
  ordinal: number;
  groupCode: string;
  content: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  coUnitIds: string[];
  deadline: string | null;
  recurrence: string | null;
  expectedOutput: string | null;
  status: string;
  progress: number;
}

export interface Report {
  id: string;
  itemId: string;
  period: string;
  status: string;
  progress: number;
  result: string;
  evidenceFileIds: string[];
  review: 'submitted' | 'accepted' | 'returned';
  reviewComment: string | null;
  submittedAt: string;
  version: number;
}

export interface Group {
  code: string;
  ordinal: number;
  nameVi: string;
  nameEn: string;
}
