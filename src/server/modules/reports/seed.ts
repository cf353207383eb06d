/** Categories of what can be reported; reference data the inspectorate may extend or retire. */
export const reportCategorySeed = [
  {
    code: 'bribery',
    nameVi: 'Nhận hối lộ, đưa hối lộ, môi giới hối lộ',
    nameEn: 'Bribery (taking, giving, brokering)',
  },
  { code: 'embezzlement', nameVi: 'Tham ô tài sản', nameEn: 'Embezzlement of assets' },
  {
    code: 'abuse_of_power',
    nameVi: 'Lợi dụng chức vụ, quyền hạn để trục lợi',
    nameEn: 'Abuse of position or power for gain',
  },
  {
    code: 'harassment',
    nameVi: 'Nhũng nhiễu, gây phiền hà khi giải quyết công việc',
    nameEn: 'Harassment or extortion in public services',
  },
  {
    code: 'procurement',
    nameVi: 'Sai phạm trong đấu thầu, mua sắm công',
    nameEn: 'Irregularities in public procurement',
  },
  {
    code: 'land_construction',
    nameVi: 'Sai phạm về đất đai, xây dựng',
    nameEn: 'Land and construction violations',
  },
  {
    code: 'public_finance',
    nameVi: 'Sai phạm trong quản lý tài chính, ngân sách, tài sản công',
    nameEn: 'Misuse of public finance or assets',
  },
  {
    code: 'assets_declaration',
    nameVi: 'Kê khai tài sản, thu nhập không trung thực',
    nameEn: 'Dishonest asset and income declaration',
  },
  {
    code: 'conflict_of_interest',
    nameVi: 'Xung đột lợi ích, nhận quà tặng trái quy định',
    nameEn: 'Conflict of interest, prohibited gifts',
  },
  { code: 'other', nameVi: 'Hành vi tham nhũng, tiêu cực khác', nameEn: 'Other corrupt or negative conduct' },
].map((c, i) => ({ ...c, sort: (i + 1) * 10 }));
