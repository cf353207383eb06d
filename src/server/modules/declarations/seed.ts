import type { SeedRule } from '#server/modules/clocks/seed.ts';

const LAW = 'Luật Phòng, chống tham nhũng 36/2018/QH14 (sửa đổi bởi Luật 59/2020/QH14)';
const LAW_132 = 'Luật 132/2025/QH15 sửa đổi Luật Phòng, chống tham nhũng (hiệu lực 01/07/2026)';
const DECREE = 'Nghị định 130/2020/NĐ-CP';

export interface SeedParameter {
  code: string;
  nameVi: string;
  nameEn: string;
  amountVnd?: number;
  value?: string;
  legalSource: string;
  evidence: 'primary' | 'secondary';
  effectiveFrom: string;
  effectiveTo?: string;
}

/**
 * DOMAIN-2 §1.1–1.2. The 2026 amounts are known from secondary sources until the amended law's text is
 * read (evidence "secondary"); the leadership level may move to heads of division by a 2026 decree that is
 * not confirmed here, so it stays as the law says and is editable.
 */
export const seedParameters: SeedParameter[] = [
  {
    code: 'listed_item_min_value',
    nameVi:
      'Giá trị tối thiểu của mỗi tài sản phải kê khai (kim khí quý, tiền, giấy tờ có giá, động sản khác)',
    nameEn: 'Minimum value of each listed asset (precious metals, money, securities, other movables)',
    amountVnd: 50_000_000,
    legalSource: `${LAW}, Điều 35(1)(b)`,
    evidence: 'primary',
    effectiveFrom: '2019-07-01',
    effectiveTo: '2026-06-30',
  },
  {
    code: 'listed_item_min_value',
    nameVi:
      'Giá trị tối thiểu của mỗi tài sản phải kê khai (kim khí quý, tiền, giấy tờ có giá, động sản khác)',
    nameEn: 'Minimum value of each listed asset (precious metals, money, securities, other movables)',
    amountVnd: 150_000_000,
    legalSource: `${LAW_132}, sửa Điều 35(1)(b)`,
    evidence: 'secondary',
    effectiveFrom: '2026-07-01',
  },
  {
    code: 'change_threshold',
    nameVi: 'Mức biến động tài sản, thu nhập trong năm phải kê khai bổ sung và giải trình nguồn gốc',
    nameEn:
      'Change in assets or income within a year that requires a supplementary declaration and an explanation',
    amountVnd: 300_000_000,
    legalSource: `${LAW}, Điều 36(2), Điều 40`,
    evidence: 'primary',
    effectiveFrom: '2019-07-01',
    effectiveTo: '2026-06-30',
  },
  {
    code: 'change_threshold',
    nameVi: 'Mức biến động tài sản, thu nhập trong năm phải kê khai bổ sung và giải trình nguồn gốc',
    nameEn:
      'Change in assets or income within a year that requires a supplementary declaration and an explanation',
    amountVnd: 1_000_000_000,
    legalSource: `${LAW_132}, sửa Điều 36(2)`,
    evidence: 'secondary',
    effectiveFrom: '2026-07-01',
  },
  {
    code: 'leadership_level',
    nameVi: 'Chức vụ lãnh đạo, quản lý thấp nhất phải kê khai (đơn vị sự nghiệp, doanh nghiệp nhà nước)',
    nameEn: 'Lowest leadership position that declares (public service units, state enterprises)',
    value: 'deputy_head_of_division',
    legalSource: `${LAW}, Điều 34(3)`,
    evidence: 'primary',
    effectiveFrom: '2019-07-01',
  },
];

/**
 * The clocks of the declaration cycle and of verification (DOMAIN-2 §1.1, 1.3, 1.4), given to the engine.
 * Five were seeded by the clock module before this one existed: same codes and dates, so a database that
 * has them keeps them as they are.
 */
export const declarationRules: SeedRule[] = [
  {
    code: 'declaration.first_time',
    nameVi: 'Kê khai lần đầu',
    nameEn: 'First-time declaration',
    legalSource: `${LAW}, Điều 36(1)(b)`,
    effectiveFrom: '2019-07-01',
    length: 10,
    unit: 'calendar_days',
    startEvent: 'assigned',
  },
  {
    code: 'declaration.correction',
    nameVi: 'Kê khai lại, bổ sung khi bản kê khai chưa đúng mẫu',
    nameEn: 'Declare again or complete when the form is incomplete',
    legalSource: `${LAW}, Điều 38(2)`,
    effectiveFrom: '2019-07-01',
    length: 7,
    unit: 'calendar_days',
    startEvent: 'returned',
  },
  {
    code: 'declaration.handover',
    nameVi: 'Bàn giao bản kê khai cho cơ quan kiểm soát',
    nameEn: 'Hand the declaration over to the control agency',
    legalSource: `${LAW}, Điều 38(3)`,
    effectiveFrom: '2019-07-01',
    length: 20,
    unit: 'calendar_days',
    startEvent: 'received',
  },
  {
    code: 'declaration.publication',
    nameVi: 'Công khai bản kê khai',
    nameEn: 'Publish the declaration',
    legalSource: `${DECREE}, Điều 11(3)`,
    effectiveFrom: '2020-12-20',
    length: 5,
    unit: 'calendar_days',
    startEvent: 'handed_over',
  },
  {
    code: 'declaration.posting_period',
    nameVi: 'Niêm yết bản kê khai',
    nameEn: 'Post the declaration',
    legalSource: `${DECREE}, Điều 11(4)`,
    effectiveFrom: '2020-12-20',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'posted',
  },
  {
    code: 'declaration.lottery',
    nameVi: 'Lựa chọn ngẫu nhiên người được xác minh (bốc thăm) sau khi ban hành kế hoạch',
    nameEn: 'Random selection (lottery) after the verification plan is issued',
    legalSource: `${DECREE}, Điều 15(3)`,
    effectiveFrom: '2020-12-20',
    length: 10,
    unit: 'calendar_days',
    startEvent: 'plan_issued',
  },
  {
    code: 'declaration.verification_decision_on_request',
    nameVi: 'Ra quyết định xác minh theo yêu cầu của cơ quan có thẩm quyền',
    nameEn: 'Decide to verify at a competent body’s request',
    legalSource: `${LAW}, Điều 45`,
    effectiveFrom: '2019-07-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'requested',
  },
  {
    code: 'declaration.verification_decision',
    nameVi: 'Ra quyết định xác minh (dấu hiệu, biến động, tố cáo, xác minh ngẫu nhiên)',
    nameEn: 'Decide to verify (signs, unexplained change, denunciation, random selection)',
    legalSource: `${LAW}, Điều 45`,
    effectiveFrom: '2019-07-01',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'ground_known',
  },
  {
    code: 'declaration.verification_information',
    nameVi: 'Cung cấp thông tin phục vụ xác minh',
    nameEn: 'Provide information for a verification',
    legalSource: `${DECREE}, Điều 7–8`,
    effectiveFrom: '2020-12-20',
    length: 5,
    unit: 'working_days',
    startEvent: 'requested',
    extensions: [{ code: 'complex', times: 1, length: 10, unit: 'working_days' }],
  },
  {
    code: 'declaration.verification_report',
    nameVi: 'Báo cáo kết quả xác minh',
    nameEn: 'Verification report',
    legalSource: `${LAW}, Điều 48`,
    effectiveFrom: '2019-07-01',
    length: 45,
    unit: 'calendar_days',
    startEvent: 'decided',
    extensions: [{ code: 'complex', times: 1, length: 45, unit: 'calendar_days' }],
  },
  {
    code: 'declaration.verification_conclusion',
    nameVi: 'Kết luận xác minh',
    nameEn: 'Verification conclusion',
    legalSource: `${LAW}, Điều 49`,
    effectiveFrom: '2019-07-01',
    length: 10,
    unit: 'calendar_days',
    startEvent: 'reported',
    extensions: [{ code: 'complex', times: 1, length: 10, unit: 'calendar_days' }],
  },
  {
    code: 'declaration.verification_publication',
    nameVi: 'Công khai kết luận xác minh',
    nameEn: 'Publish the verification conclusion',
    legalSource: `${LAW}, Điều 50`,
    effectiveFrom: '2019-07-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'concluded',
  },
];
