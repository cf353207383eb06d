/**
 * The four frameworks shipped as data (issue 7). Criteria are written from the public decisions as best
 * known (DOMAIN.md) and are meant to be edited by the coordinator: a published version never changes,
 * an edit makes a new version. A criterion's parent is its code without the last segment.
 */
export interface SeedCriterion {
  code: string;
  vi: string;
  en: string;
  max: number;
  method?: 'points' | 'yes_no' | 'levels' | 'auto' | 'deduction';
  min?: number;
  evidence?: boolean;
  indicator?: string;
  guidance?: string;
}

export interface SeedFramework {
  code: string;
  kind: 'provincial_index' | 'unit_index' | 'head_evaluation' | 'enterprise_integrity';
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  criteria: SeedCriterion[];
}

const deduction = (code: string, vi: string, en: string, min: number): SeedCriterion => ({
  code,
  vi,
  en,
  max: 0,
  min,
  method: 'deduction',
  evidence: false,
});

const provincial: SeedFramework = {
  code: 'pctn-province',
  kind: 'provincial_index',
  nameVi: 'Bộ Chỉ số đánh giá công tác phòng, chống tham nhũng cấp tỉnh',
  nameEn: 'Provincial anti-corruption (PCTN) index',
  legalBasis:
    'Theo QĐ 152/QĐ-TTCP (2022) và các quyết định hằng năm; từ 01/07/2026 do Chính phủ quy định (cần cập nhật)',
  criteria: [
    {
      code: 'A',
      vi: 'Lãnh đạo, chỉ đạo và tổ chức thực hiện',
      en: 'Leadership, direction and implementation',
      max: 20,
    },
    { code: 'A.1', vi: 'Lãnh đạo, chỉ đạo', en: 'Leadership and direction', max: 5 },
    {
      code: 'A.1.1',
      vi: 'Ban hành kế hoạch PCTN năm đúng thời hạn',
      en: 'Yearly PCTN plan issued on time',
      max: 1,
      method: 'auto',
      evidence: true,
      indicator: 'plan_issued_on_time',
    },
    {
      code: 'A.1.2',
      vi: 'Nội dung kế hoạch đầy đủ, cụ thể, khả thi',
      en: 'Plan content complete, concrete, feasible',
      max: 4,
      evidence: true,
    },
    { code: 'A.2', vi: 'Tổ chức thực hiện', en: 'Implementation', max: 15 },
    {
      code: 'A.2.1',
      vi: 'Xây dựng, hoàn thiện chính sách, pháp luật về PCTN',
      en: 'Building anti-corruption policy and law',
      max: 4,
      evidence: true,
    },
    {
      code: 'A.2.2',
      vi: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật',
      en: 'Review and systematisation of legal documents',
      max: 4,
      method: 'auto',
      evidence: true,
      indicator: 'regulation_gaps_proposed',
    },
    {
      code: 'A.2.3',
      vi: 'Tuyên truyền, phổ biến, giáo dục pháp luật về PCTN',
      en: 'Outreach and education on anti-corruption law',
      max: 4,
      method: 'auto',
      evidence: true,
      indicator: 'staff_trained_share',
    },
    {
      code: 'A.2.4',
      vi: 'Theo dõi thi hành pháp luật về PCTN',
      en: 'Monitoring enforcement of anti-corruption law',
      max: 1,
    },
    {
      code: 'A.2.5',
      vi: 'Tiếp công dân của Chủ tịch UBND tỉnh; chỉ đạo giải quyết tố cáo',
      en: 'Citizen reception by the chair; direction of denunciation handling',
      max: 2,
      method: 'auto',
      indicator: 'reports_on_time',
    },
    { code: 'B', vi: 'Phòng ngừa tham nhũng', en: 'Preventing corruption', max: 30 },
    { code: 'B.1', vi: 'Khu vực nhà nước', en: 'State sector', max: 26 },
    {
      code: 'B.1.1',
      vi: 'Công khai, minh bạch trong tổ chức và hoạt động',
      en: 'Transparency of organisation and activities',
      max: 5,
      evidence: true,
    },
    {
      code: 'B.1.2',
      vi: 'Chỉ số cải cách hành chính (PAR Index)',
      en: 'Administrative reform index (PAR Index)',
      max: 1,
    },
    { code: 'B.1.3', vi: 'Chỉ số chuyển đổi số (DTI)', en: 'Digital transformation index (DTI)', max: 1 },
    { code: 'B.1.4', vi: 'Thanh toán không dùng tiền mặt', en: 'Non-cash payments', max: 3 },
    {
      code: 'B.1.5',
      vi: 'Quy tắc ứng xử, kiểm soát xung đột lợi ích',
      en: 'Codes of conduct, conflict of interest control',
      max: 4,
      method: 'auto',
      evidence: true,
      indicator: 'conflicts_decided_on_time',
    },
    {
      code: 'B.1.6',
      vi: 'Chuyển đổi vị trí công tác',
      en: 'Job rotation',
      max: 4,
      method: 'auto',
      evidence: true,
      indicator: 'rotation_plan_executed',
    },
    {
      code: 'B.1.7',
      vi: 'Kiểm soát tài sản, thu nhập',
      en: 'Asset and income control',
      max: 8,
      evidence: true,
    },
    { code: 'B.2', vi: 'Khu vực ngoài nhà nước', en: 'Non-state sector', max: 4 },
    {
      code: 'B.2.1',
      vi: 'Doanh nghiệp, tổ chức ngoài nhà nước xây dựng văn hóa kinh doanh liêm chính',
      en: 'Enterprises and organisations build an integrity culture',
      max: 4,
      evidence: true,
    },
    { code: 'C', vi: 'Phát hiện và xử lý tham nhũng', en: 'Detecting and handling corruption', max: 40 },
    { code: 'C.1', vi: 'Phát hiện tham nhũng', en: 'Detection', max: 20 },
    {
      code: 'C.1.1',
      vi: 'Qua công tác tự kiểm tra nội bộ',
      en: 'Through internal self-inspection',
      max: 8,
      method: 'auto',
      evidence: true,
      indicator: 'self_inspections_done',
    },
    {
      code: 'C.1.2',
      vi: 'Qua thanh tra, kiểm toán',
      en: 'Through inspection and audit',
      max: 8,
      evidence: true,
    },
    {
      code: 'C.1.3',
      vi: 'Qua giải quyết tố cáo, phản ánh',
      en: 'Through denunciations and reports',
      max: 4,
      method: 'auto',
      indicator: 'reports_on_time',
    },
    { code: 'C.2', vi: 'Xử lý tham nhũng', en: 'Handling', max: 20 },
    {
      code: 'C.2.1',
      vi: 'Xử lý kỷ luật, hình sự người có hành vi tham nhũng',
      en: 'Disciplinary and criminal handling',
      max: 10,
      evidence: true,
    },
    {
      code: 'C.2.2',
      vi: 'Xử lý trách nhiệm người đứng đầu',
      en: 'Accountability of heads',
      max: 10,
      evidence: true,
    },
    { code: 'D', vi: 'Thu hồi tài sản tham nhũng', en: 'Recovering corrupt assets', max: 10 },
    {
      code: 'D.1',
      vi: 'Tỷ lệ thu hồi bằng biện pháp hành chính',
      en: 'Recovery rate by administrative measures',
      max: 5,
      method: 'auto',
      evidence: true,
      indicator: 'recovery_administrative_rate',
    },
    {
      code: 'D.2',
      vi: 'Tỷ lệ thu hồi qua giải quyết vụ án hình sự',
      en: 'Recovery rate through criminal cases',
      max: 5,
      method: 'auto',
      evidence: true,
      indicator: 'recovery_judicial_rate',
    },
    { code: 'E', vi: 'Điểm trừ', en: 'Deductions', max: 0, min: -10, method: 'deduction' },
    deduction(
      'E.1',
      'Để xảy ra vụ việc tham nhũng nghiêm trọng, gây dư luận xấu',
      'A serious corruption case with public outcry',
      -5,
    ),
    deduction(
      'E.2',
      'Chậm gửi báo cáo tự đánh giá hoặc số liệu không trung thực',
      'Late self-assessment or untruthful data',
      -5,
    ),
  ],
};

const unitIndex: SeedFramework = {
  code: 'pctn-unit',
  kind: 'unit_index',
  nameVi: 'Bộ chỉ số đánh giá công tác PCTNTC của sở, ban, ngành và UBND cấp xã',
  nameEn: 'Anti-corruption index of departments and communes',
  legalBasis: 'Do UBND tỉnh ban hành theo mẫu Bộ Chỉ số cấp tỉnh (cấu hình được)',
  criteria: [
    { code: 'A', vi: 'Lãnh đạo, chỉ đạo và kế hoạch', en: 'Leadership and plan', max: 30 },
    {
      code: 'A.1',
      vi: 'Ban hành kế hoạch PCTNTC của đơn vị đúng thời hạn',
      en: 'Unit plan issued on time',
      max: 10,
      method: 'auto',
      evidence: true,
      indicator: 'plan_issued_on_time',
    },
    {
      code: 'A.2',
      vi: 'Tỷ lệ nhiệm vụ của kế hoạch hoàn thành đúng hạn',
      en: 'Share of plan tasks done on time',
      max: 20,
      method: 'auto',
      indicator: 'plan_items_on_time',
    },
    { code: 'B', vi: 'Phòng ngừa', en: 'Prevention', max: 30 },
    { code: 'B.1', vi: 'Công khai, minh bạch', en: 'Transparency', max: 10, evidence: true },
    {
      code: 'B.2',
      vi: 'Quy tắc ứng xử, xung đột lợi ích, quà tặng',
      en: 'Code of conduct, conflicts of interest, gifts',
      max: 10,
    },
    // The registers of issue 20 score what they can (rev20 P5d/e); the code of conduct stays evidenced.
    {
      code: 'B.2.1',
      vi: 'Quà tặng được báo cáo, nộp lại đúng hạn',
      en: 'Gifts reported and handed over on time',
      max: 3,
      method: 'auto',
      indicator: 'gifts_handed_over_on_time',
    },
    {
      code: 'B.2.2',
      vi: 'Xung đột lợi ích được quyết định biện pháp kiểm soát đúng hạn',
      en: 'Conflicts of interest with a measure decided on time',
      max: 4,
      method: 'auto',
      indicator: 'conflicts_decided_on_time',
    },
    {
      code: 'B.2.3',
      vi: 'Ban hành, thực hiện quy tắc ứng xử',
      en: 'Code of conduct issued and applied',
      max: 3,
      evidence: true,
    },
    {
      code: 'B.3',
      vi: 'Kê khai tài sản, thu nhập đúng hạn',
      en: 'Asset declarations on time',
      max: 10,
      evidence: true,
      indicator: 'declarations_on_time',
    },
    { code: 'C', vi: 'Phát hiện, xử lý', en: 'Detection and handling', max: 30 },
    {
      code: 'C.1',
      vi: 'Tự kiểm tra nội bộ',
      en: 'Internal self-inspection',
      max: 10,
      method: 'auto',
      evidence: true,
      indicator: 'self_inspections_done',
    },
    {
      code: 'C.2',
      vi: 'Tỷ lệ tin báo, tố cáo giải quyết đúng hạn',
      en: 'Share of reports handled within their clock',
      max: 20,
      method: 'auto',
      indicator: 'reports_on_time',
    },
    { code: 'D', vi: 'Thu hồi tài sản', en: 'Asset recovery', max: 10 },
    {
      code: 'D.1',
      vi: 'Thu hồi tiền, tài sản sai phạm được phát hiện',
      en: 'Recovery of misappropriated money and assets',
      max: 10,
      evidence: true,
    },
    { code: 'E', vi: 'Điểm trừ', en: 'Deductions', max: 0, min: -10, method: 'deduction' },
    deduction('E.1', 'Để xảy ra tham nhũng trong đơn vị', 'Corruption occurred in the unit', -10),
  ],
};

const head: SeedFramework = {
  code: 'head-evaluation',
  kind: 'head_evaluation',
  nameVi: 'Đánh giá người đứng đầu về công tác PCTNTC',
  nameEn: 'Evaluation of heads of agencies on anti-corruption work',
  legalBasis: 'Luật PCTN 36/2018/QH14 (sửa đổi 2025); tiêu chí do tỉnh quy định (cấu hình được)',
  criteria: [
    {
      code: '1',
      vi: 'Lãnh đạo, chỉ đạo công tác PCTNTC trong đơn vị',
      en: 'Direction of anti-corruption work in the unit',
      max: 20,
      evidence: true,
    },
    {
      code: '2',
      vi: 'Kết quả thực hiện kế hoạch PCTNTC của đơn vị',
      en: "Results of the unit's plan",
      max: 35,
      method: 'auto',
      indicator: 'plan_items_on_time',
    },
    {
      code: '3',
      vi: 'Xử lý vụ việc, tố cáo trong đơn vị',
      en: 'Handling of cases and denunciations in the unit',
      max: 25,
      method: 'auto',
      indicator: 'reports_on_time',
    },
    {
      code: '4',
      vi: 'Kê khai tài sản, thu nhập của người đứng đầu và đơn vị đúng hạn',
      en: 'Declarations of the head and unit on time',
      max: 20,
      method: 'yes_no',
      evidence: true,
    },
    {
      ...deduction(
        '5',
        'Để xảy ra vi phạm, tham nhũng trong đơn vị thuộc trách nhiệm người đứng đầu',
        'Violations in the unit under the head’s responsibility',
        -20,
      ),
      indicator: 'head_responsible_cases',
    },
  ],
};

const ent = (code: string, vi: string, en: string, max: number): SeedCriterion => ({
  code,
  vi,
  en,
  max,
  method: 'levels',
  evidence: true,
});

const enterprise: SeedFramework = {
  code: 'enterprise-integrity',
  kind: 'enterprise_integrity',
  nameVi: 'Tự đánh giá chương trình liêm chính của doanh nghiệp',
  nameEn: 'Enterprise integrity programme self-assessment',
  legalBasis: 'Theo yêu cầu của hệ thống quản lý chống hối lộ (tham khảo ISO 37001); tự nguyện',
  criteria: [
    ent('1', 'Cam kết của lãnh đạo doanh nghiệp về liêm chính', 'Leadership commitment to integrity', 15),
    ent('2', 'Bộ quy tắc ứng xử và chính sách chống hối lộ', 'Code of conduct and anti-bribery policy', 15),
    ent('3', 'Quy định về quà tặng, chiêu đãi', 'Gifts and hospitality rules', 10),
    ent('4', 'Kiểm soát xung đột lợi ích', 'Conflicts of interest', 10),
    ent('5', 'Thẩm định đối tác, nhà cung cấp', 'Due diligence of partners and suppliers', 15),
    ent(
      '6',
      'Kênh báo cáo nội bộ, bảo vệ người báo cáo',
      'Internal reporting channel, protection of reporters',
      10,
    ),
    ent('7', 'Đào tạo, truyền thông về liêm chính', 'Training and communication', 10),
    ent('8', 'Kiểm soát nội bộ và kiểm toán', 'Internal control and audit', 15),
  ],
};

export const frameworkSeed: SeedFramework[] = [provincial, unitIndex, head, enterprise];
