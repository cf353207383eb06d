import type { SeedRule } from '#server/modules/clocks/seed.ts';

const LAW = 'Luật Thanh tra 84/2025/QH15';

/**
 * The clocks of an inspection (DOMAIN-2 §5.1). The 2025 Law's inspection periods were not found in any
 * source held here: that rule is a configurable placeholder marked unconfirmed (its figure is the one an
 * inspectorate sets until the text is known), never presented as the law's.
 */
export const inspectionRules: SeedRule[] = [
  {
    code: 'inspection.on_site',
    nameVi: 'Thời hạn thanh tra trực tiếp (chưa xác nhận theo Luật Thanh tra 2025 — cơ quan thanh tra đặt)',
    nameEn: 'On-site inspection period (unconfirmed under the 2025 Inspection Law — set by the inspectorate)',
    legalSource: `${LAW} — điều khoản về thời hạn thanh tra chưa có trong nguồn đã đối chiếu`,
    effectiveFrom: '2025-07-01',
    length: 45,
    unit: 'calendar_days',
    startEvent: 'on_site_started',
    extensions: [{ code: 'complex', times: 1, length: 30, unit: 'calendar_days' }],
    confirmed: false,
  },
  {
    code: 'inspection.draft_assignment',
    nameVi: 'Giao trưởng đoàn dự thảo kết luận',
    nameEn: 'Assign the team leader to draft the conclusion',
    legalSource: `${LAW}, Điều 34`,
    effectiveFrom: '2025-07-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'results_received',
  },
  {
    code: 'inspection.conclusion',
    nameVi: 'Ban hành kết luận thanh tra',
    nameEn: 'Issue the inspection conclusion',
    legalSource: `${LAW}, Điều 36`,
    effectiveFrom: '2025-07-01',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'draft_received',
  },
  {
    code: 'inspection.direction',
    nameVi: 'Thủ trưởng cơ quan quản lý nhà nước chỉ đạo thực hiện kết luận',
    nameEn: 'The head directs the implementation of the conclusion',
    legalSource: `${LAW}, Điều 53(1)`,
    effectiveFrom: '2025-07-01',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'conclusion_received',
  },
  {
    code: 'recommendation.open_review',
    nameVi:
      'Kiến nghị mở quá lâu (thời gian xem xét do cơ quan thanh tra đặt, không phải thời hạn luật định)',
    nameEn: 'Recommendation open too long (a review period the inspectorate sets, not a legal deadline)',
    legalSource: 'Cấu hình của cơ quan thanh tra',
    effectiveFrom: '2025-07-01',
    length: 180,
    unit: 'calendar_days',
    startEvent: 'issued',
  },
];
