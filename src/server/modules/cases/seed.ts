import type { SeedRule } from '#server/modules/clocks/seed.ts';

const PCTN = 'Luật Phòng, chống tham nhũng 36/2018/QH14';
const CPC = 'Bộ luật Tố tụng hình sự 2015, Điều 147';
const TTLT = 'Thông tư liên tịch 03/2018/TTLT-VKSNDTC-BCA-BQP-TTCP';

/** The clocks of cases and referrals (DOMAIN-2 §5.2, T5.2.4), each with its source. */
export const caseRules: SeedRule[] = [
  {
    code: 'case.staff_report',
    nameVi: 'Xử lý báo cáo về hành vi tham nhũng của người trong cơ quan',
    nameEn: 'Handle a staff report of corruption',
    legalSource: `${PCTN}, Điều 66(2)`,
    effectiveFrom: '2019-07-01',
    length: 15,
    unit: 'calendar_days',
    startEvent: 'received',
    extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
  },
  {
    code: 'case.retaliation',
    nameVi:
      'Xem xét vụ việc trả thù người tố cáo, báo cáo (thời gian xem xét do cơ quan thanh tra đặt, chưa xác nhận)',
    nameEn: 'Review a case of retaliation against a reporter (a period the inspectorate sets, unconfirmed)',
    legalSource: 'Luật 132/2025/QH15 (hành vi bị nghiêm cấm mới); thời hạn chưa có trong nguồn đã đối chiếu',
    effectiveFrom: '2019-07-01',
    length: 5,
    unit: 'working_days',
    startEvent: 'detected',
    confirmed: false,
  },
  {
    code: 'referral.transfer_after',
    nameVi: 'Chuyển hồ sơ vụ việc có dấu hiệu tội phạm sau khi ký kết luận thanh tra',
    nameEn: 'Refer signs of crime after the inspection conclusion is signed',
    legalSource: `${TTLT}, Điều 5(2)`,
    effectiveFrom: '2018-12-10',
    length: 5,
    unit: 'working_days',
    startEvent: 'concluded',
  },
  {
    code: 'referral.receipt_notice',
    nameVi: 'Cơ quan điều tra thông báo đã tiếp nhận kiến nghị khởi tố',
    nameEn: 'The investigating body acknowledges the referral',
    legalSource: 'Thông tư liên tịch 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC, Điều 14',
    effectiveFrom: '2018-01-01',
    length: 3,
    unit: 'working_days',
    startEvent: 'sent',
  },
  {
    code: 'referral.answer',
    nameVi: 'Cơ quan điều tra giải quyết kiến nghị khởi tố',
    nameEn: 'The investigating body decides on the referral',
    legalSource: `${CPC}(1), (3)`,
    effectiveFrom: '2018-01-01',
    length: 20,
    unit: 'calendar_days',
    startEvent: 'received',
    extensions: [{ code: 'procuracy', times: 1, length: 2, unit: 'months' }],
  },
  {
    code: 'referral.answer_complex',
    nameVi: 'Cơ quan điều tra giải quyết kiến nghị khởi tố (vụ việc phức tạp)',
    nameEn: 'The investigating body decides on a complex referral',
    legalSource: `${CPC}(2), (3)`,
    effectiveFrom: '2018-01-01',
    length: 2,
    unit: 'months',
    startEvent: 'received',
    extensions: [{ code: 'procuracy', times: 1, length: 2, unit: 'months' }],
  },
];
