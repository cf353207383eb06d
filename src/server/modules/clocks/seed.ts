import type { DayKind, ExtensionRule } from '#shared/clocks/due.ts';
import { reportingRegime } from '#shared/plans/periods.ts';

/** Vietnam's public-service calendar. Every entry names its source; projected years say so. */
const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112';
const NOTICE_2025 = `${LABOUR_CODE}; thông báo nghỉ lễ, Tết năm 2025 đối với cán bộ, công chức, viên chức`;
const NOTICE_2026 = `${LABOUR_CODE}; thông báo nghỉ lễ, Tết năm 2026 đối với cán bộ, công chức, viên chức`;
const PROJECTED_2027 = `${LABOUR_CODE}; DỰ KIẾN theo luật, chờ thông báo chính thức năm 2027 (cần xác nhận)`;

interface SeedDay {
  date: string;
  kind: DayKind;
  name: string;
  source: string;
}

function span(from: string, to: string, kind: DayKind, name: string, source: string): SeedDay[] {
  const out: SeedDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind, name, source });
  }
  return out;
}
const day = (date: string, kind: DayKind, name: string, source: string): SeedDay => ({
  date,
  kind,
  name,
  source,
});

export const publicServiceDays: SeedDay[] = [
  // 2025
  day('2025-01-01', 'holiday', 'Tết Dương lịch', NOTICE_2025),
  ...span('2025-01-25', '2025-02-02', 'holiday', 'Tết Nguyên đán Ất Tỵ', NOTICE_2025),
  day('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', NOTICE_2025),
  day('2025-04-26', 'working_day', 'Làm bù cho ngày 02/05/2025', NOTICE_2025),
  day('2025-04-30', 'holiday', 'Ngày Chiến thắng 30/4', NOTICE_2025),
  day('2025-05-01', 'holiday', 'Quốc tế Lao động 1/5', NOTICE_2025),
  day('2025-05-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04)', NOTICE_2025),
  day('2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', NOTICE_2025),
  day('2025-09-02', 'holiday', 'Quốc khánh 2/9', NOTICE_2025),
  // 2026
  day('2026-01-01', 'holiday', 'Tết Dương lịch', NOTICE_2026),
  day('2026-01-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01)', NOTICE_2026),
  day('2026-01-10', 'working_day', 'Làm bù cho ngày 02/01/2026', NOTICE_2026),
  ...span('2026-02-14', '2026-02-22', 'holiday', 'Tết Nguyên đán Bính Ngọ', NOTICE_2026),
  day('2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', NOTICE_2026),
  day('2026-04-27', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)', NOTICE_2026),
  day('2026-04-30', 'holiday', 'Ngày Chiến thắng 30/4', NOTICE_2026),
  day('2026-05-01', 'holiday', 'Quốc tế Lao động 1/5', NOTICE_2026),
  day('2026-08-22', 'working_day', 'Làm bù cho ngày 31/08/2026', NOTICE_2026),
  day('2026-08-31', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08)', NOTICE_2026),
  day('2026-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', NOTICE_2026),
  day('2026-09-02', 'holiday', 'Quốc khánh 2/9', NOTICE_2026),
  // 2027 — projected from the Labour Code until the Prime Minister's notice (lunar New Year Sat 06/02/2027).
  day('2027-01-01', 'holiday', 'Tết Dương lịch', PROJECTED_2027),
  ...span('2027-02-05', '2027-02-09', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', PROJECTED_2027),
  ...span(
    '2027-02-10',
    '2027-02-11',
    'day_off',
    'Nghỉ bù Tết trùng ngày nghỉ hằng tuần (dự kiến)',
    PROJECTED_2027,
  ),
  day('2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', PROJECTED_2027),
  day('2027-04-30', 'holiday', 'Ngày Chiến thắng 30/4', PROJECTED_2027),
  day('2027-05-01', 'holiday', 'Quốc tế Lao động 1/5', PROJECTED_2027),
  day('2027-05-03', 'day_off', 'Nghỉ bù 1/5 trùng thứ Bảy (dự kiến)', PROJECTED_2027),
  day('2027-09-02', 'holiday', 'Quốc khánh 2/9', PROJECTED_2027),
  day('2027-09-03', 'holiday', 'Quốc khánh (ngày liền kề, dự kiến)', PROJECTED_2027),
];

export interface SeedRule {
  code: string;
  nameVi: string;
  nameEn: string;
  legalSource: string;
  effectiveFrom: string;
  length: number;
  unit: 'working_days' | 'calendar_days' | 'months';
  startEvent: string;
  extensions?: ExtensionRule[];
  /** False: the figure is a placeholder until the law's text is known (shown as unconfirmed). */
  confirmed?: boolean;
}

const DENUNCIATION = 'Luật Tố cáo 25/2018/QH14';
const ANTI_CORRUPTION = 'Luật Phòng, chống tham nhũng 36/2018/QH14';

/**
 * DOMAIN.md's clocks. Laws change: a new version is a new row with its own effective period. (The
 * declaration cycle's clocks come with the declarations module.)
 */
export const seedRules: SeedRule[] = [
  {
    code: 'denunciation.initial_processing',
    nameVi: 'Xử lý ban đầu thông tin tố cáo',
    nameEn: 'Initial processing of a denunciation',
    legalSource: `${DENUNCIATION}, Điều 24`,
    effectiveFrom: '2019-01-01',
    length: 7,
    unit: 'working_days',
    startEvent: 'received',
    extensions: [{ code: 'verification_needed', times: 1, length: 3, unit: 'working_days' }],
  },
  {
    // An official's report of corruption in their own unit: handled or transferred within 15 days, a
    // complex one within 30 (counted from receipt, never beyond).
    code: 'internal_report.handling',
    nameVi: 'Xử lý hoặc chuyển báo cáo về hành vi tham nhũng của cán bộ trong cơ quan',
    nameEn: "Handle or transfer an official's report of corruption in their unit",
    legalSource: `${ANTI_CORRUPTION}, Điều 66`,
    effectiveFrom: '2019-07-01',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'received',
    extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
  },
  {
    code: 'denunciation.transfer',
    nameVi: 'Chuyển đơn tố cáo không thuộc thẩm quyền',
    nameEn: 'Transfer when not competent',
    legalSource: `${DENUNCIATION}, Điều 24`,
    effectiveFrom: '2019-01-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'received',
  },
  {
    code: 'denunciation.notify_acceptance',
    nameVi: 'Thông báo thụ lý tố cáo',
    nameEn: 'Notify acceptance',
    legalSource: `${DENUNCIATION}, Điều 29`,
    effectiveFrom: '2019-01-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'accepted',
  },
  {
    code: 'denunciation.resolution',
    nameVi: 'Thời hạn giải quyết tố cáo',
    nameEn: 'Resolution of a denunciation',
    legalSource: `${DENUNCIATION}, Điều 30`,
    effectiveFrom: '2019-01-01',
    length: 30,
    unit: 'calendar_days',
    startEvent: 'accepted',
    extensions: [
      { code: 'complex', times: 1, length: 30, unit: 'calendar_days' },
      { code: 'especially_complex', times: 2, length: 30, unit: 'calendar_days' },
    ],
  },
  {
    code: 'denunciation.send_conclusion',
    nameVi: 'Gửi kết luận nội dung tố cáo',
    nameEn: 'Send the conclusion',
    legalSource: `${DENUNCIATION}, Điều 35`,
    effectiveFrom: '2019-01-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'concluded',
  },
  {
    code: 'denunciation.publish_conclusion',
    nameVi: 'Công khai kết luận nội dung tố cáo',
    nameEn: 'Publish the conclusion',
    legalSource: `${DENUNCIATION}, Điều 40`,
    effectiveFrom: '2019-01-01',
    length: 7,
    unit: 'working_days',
    startEvent: 'concluded',
  },
  {
    code: 'denunciation.superior_review',
    nameVi: 'Cấp trên xem xét tố cáo tiếp',
    nameEn: 'Superior reviews a repeated denunciation',
    legalSource: `${DENUNCIATION}, Điều 37`,
    effectiveFrom: '2019-01-01',
    length: 20,
    unit: 'calendar_days',
    startEvent: 'repeat_received',
  },
  {
    code: 'complaint.resolution',
    nameVi: 'Giải quyết khiếu nại lần đầu',
    nameEn: 'First-instance resolution of a complaint',
    legalSource: 'Luật Khiếu nại 02/2011/QH13, Điều 28',
    effectiveFrom: '2012-07-01',
    length: 30,
    unit: 'calendar_days',
    startEvent: 'accepted',
    extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
  },
  {
    code: 'complaint.acceptance',
    nameVi: 'Thụ lý giải quyết khiếu nại',
    nameEn: 'Accept a complaint',
    legalSource: 'Luật Khiếu nại 02/2011/QH13, Điều 27',
    effectiveFrom: '2012-07-01',
    length: 10,
    unit: 'calendar_days',
    startEvent: 'received',
  },
  // Remote and disadvantaged areas have longer limits (Arts. 28, 37). Which units are remote is not yet
  // recorded, so these two are not started by themselves; they are reference data for the calendar page.
  {
    code: 'complaint.resolution_remote',
    nameVi: 'Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa',
    nameEn: 'First-instance resolution of a complaint in a remote area',
    legalSource: 'Luật Khiếu nại 02/2011/QH13, Điều 28',
    effectiveFrom: '2012-07-01',
    length: 45,
    unit: 'calendar_days',
    startEvent: 'accepted',
    extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
  },
  {
    code: 'complaint.second_instance',
    nameVi: 'Giải quyết khiếu nại lần hai',
    nameEn: 'Second-instance resolution of a complaint',
    legalSource: 'Luật Khiếu nại 02/2011/QH13, Điều 37',
    effectiveFrom: '2012-07-01',
    length: 45,
    unit: 'calendar_days',
    startEvent: 'accepted',
    extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
  },
  {
    code: 'complaint.second_instance_remote',
    nameVi: 'Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa',
    nameEn: 'Second-instance resolution of a complaint in a remote area',
    legalSource: 'Luật Khiếu nại 02/2011/QH13, Điều 37',
    effectiveFrom: '2012-07-01',
    length: 60,
    unit: 'calendar_days',
    startEvent: 'accepted',
    extensions: [{ code: 'complex', times: 1, length: 10, unit: 'calendar_days' }],
  },
  {
    code: 'petition.processing',
    nameVi: 'Xử lý kiến nghị, phản ánh',
    nameEn: 'Processing of a petition or feedback',
    legalSource: 'Luật Tiếp công dân 42/2013/QH13, Điều 28 (kiểm tra lại; cấu hình được)',
    effectiveFrom: '2014-07-01',
    length: 10,
    unit: 'working_days',
    startEvent: 'received',
  },
  {
    code: 'information.review',
    nameVi: 'Xem xét thông tin không phải tố cáo (nặc danh) để thanh tra, kiểm tra',
    nameEn: 'Review of anonymous information for inspection',
    legalSource: 'Quy chế nội bộ của cơ quan tiếp nhận (cấu hình được)',
    effectiveFrom: '2019-01-01',
    length: 15,
    unit: 'working_days',
    startEvent: 'classified',
  },
  {
    code: 'assessment.self',
    nameVi: 'Đơn vị nộp bản tự đánh giá sau khi mở đợt đánh giá',
    nameEn: 'Self-assessment due after a campaign opens',
    legalSource: 'Theo kế hoạch đánh giá của tỉnh (cấu hình được)',
    effectiveFrom: '2019-01-01',
    length: 30,
    unit: 'calendar_days',
    startEvent: 'campaign_opened',
  },
  {
    code: 'plan.unit_plan',
    nameVi: 'Đơn vị ban hành kế hoạch PCTNTC sau kế hoạch của tỉnh',
    nameEn: 'Unit issues its plan after the province plan',
    legalSource: 'Theo kế hoạch PCTNTC của UBND tỉnh (cấu hình được)',
    effectiveFrom: '2019-01-01',
    length: 30,
    unit: 'calendar_days',
    startEvent: 'province_plan_issued',
  },
];

/** The reporting regimes known here: the periods are unchanged since 2024; the deadlines are 2025's. */
export const seedRegimes = [
  {
    code: 'TT01-2024',
    nameVi: 'Chế độ báo cáo công tác thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo và PCTNTC (2024)',
    nameEn:
      'Reporting regime for inspection, citizen reception, complaints, denunciations and anti-corruption (2024)',
    legalSource: 'Thông tư 01/2024/TT-TTCP ngày 20/01/2024 (thời hạn gửi báo cáo chưa được đối chiếu)',
    effectiveFrom: '2024-01-20',
    effectiveTo: '2025-09-29',
    periods: [...reportingRegime],
    unitDueDay: null,
    provinceDueDay: null,
  },
  {
    code: 'TT06-2025',
    nameVi: 'Chế độ báo cáo công tác thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo và PCTNTC',
    nameEn:
      'Reporting regime for inspection, citizen reception, complaints, denunciations and anti-corruption',
    legalSource: 'Thông tư 06/2025/TT-TTCP ngày 29/09/2025, Điều 7',
    effectiveFrom: '2025-09-30',
    effectiveTo: null,
    periods: [...reportingRegime],
    unitDueDay: 17,
    provinceDueDay: 20,
  },
];
