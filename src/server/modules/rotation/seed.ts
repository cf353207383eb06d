import type { Db } from '#server/db/client.ts';
import { rotationPositions } from './tables.ts';

const D59 = 'Nghị định 59/2019/NĐ-CP, Điều 36–39';

/**
 * Positions subject to rotation by sector (DOMAIN-2 §2.3), with the period a province applies by default
 * inside the circular's range. The Decree's own annex is not in the sources read: each row names its
 * circular, and a province adds its own positions.
 */
export const rotationPositionSeed = [
  {
    code: 'personnel',
    nameVi: 'Công tác tổ chức cán bộ (tuyển dụng, bổ nhiệm, đánh giá)',
    nameEn: 'Personnel work (recruitment, appointment, evaluation)',
    sector: 'Nội vụ',
    periodYears: 3,
    minYears: 2,
    maxYears: 5,
    legalSource: `Luật PCTN 36/2018/QH14, Điều 25; ${D59}`,
  },
  {
    code: 'inspection_pctn',
    nameVi: 'Thanh tra, tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo, PCTN',
    nameEn: 'Inspection, citizen reception, complaints, denunciations, anti-corruption',
    sector: 'Thanh tra',
    periodYears: 3,
    minYears: 3,
    maxYears: 5,
    legalSource: 'Thông tư 03/2021/TT-TTCP, Điều 2–4',
  },
  {
    code: 'budget_finance',
    nameVi: 'Phân bổ ngân sách, kế toán, kế toán trưởng, thẩm định quyết toán',
    nameEn: 'Budget allocation, accounting, chief accountants, settlement appraisal',
    sector: 'Tài chính',
    periodYears: 3,
    minYears: 2,
    maxYears: 5,
    legalSource: 'Thông tư 27/2024/TT-BTC',
  },
  {
    code: 'procurement',
    nameVi: 'Mua sắm công, đấu thầu, thẩm định giá, đấu giá tài sản',
    nameEn: 'Public procurement, bidding, price appraisal, asset auctions',
    sector: 'Tài chính',
    periodYears: 3,
    minYears: 2,
    maxYears: 5,
    legalSource: 'Thông tư 27/2024/TT-BTC',
  },
  {
    code: 'investment',
    nameVi: 'Thẩm định dự án, cấp giấy chứng nhận đầu tư, đăng ký doanh nghiệp',
    nameEn: 'Investment appraisal, investment certificates, business registration',
    sector: 'Kế hoạch và Đầu tư',
    periodYears: 3,
    minYears: 3,
    maxYears: 5,
    legalSource: 'Thông tư 18/2022/TT-BKHĐT',
  },
  {
    code: 'licensing_trade',
    nameVi: 'Cấp phép kinh doanh xăng dầu, rượu, thuốc lá, điện, hóa chất, an toàn thực phẩm',
    nameEn: 'Licensing of fuel, alcohol, tobacco, electricity, chemicals, food safety',
    sector: 'Công Thương',
    periodYears: 3,
    minYears: 3,
    maxYears: 5,
    legalSource: 'Thông tư 41/2024/TT-BCT',
  },
  {
    code: 'land_construction',
    nameVi: 'Giao đất, cho thuê đất, cấp giấy chứng nhận, cấp phép xây dựng',
    nameEn: 'Land allocation and leases, land certificates, building permits',
    sector: 'Nông nghiệp và Môi trường; Xây dựng',
    periodYears: 3,
    minYears: 2,
    maxYears: 5,
    legalSource: `Luật PCTN 36/2018/QH14, Điều 25(1); ${D59}`,
  },
  {
    code: 'justice_local',
    nameVi: 'Hộ tịch, chứng thực, lý lịch tư pháp, bồi thường nhà nước (địa phương)',
    nameEn: 'Civil status, certification, judicial records, state compensation (local)',
    sector: 'Tư pháp',
    periodYears: 5,
    minYears: 5,
    maxYears: 5,
    legalSource: 'Thông tư 05/2023/TT-BTP',
  },
  {
    code: 'health_licensing',
    nameVi: 'Cấp phép hành nghề, cấp phép hoạt động khám chữa bệnh, dược',
    nameEn: 'Medical practice, facility and pharmacy licensing',
    sector: 'Y tế',
    periodYears: 3,
    minYears: 2,
    maxYears: 5,
    legalSource: 'Thông tư 01/2024/TT-BYT',
  },
] as const;

export async function ensureRotationReferenceData(db: Db) {
  await db
    .insert(rotationPositions)
    .values([...rotationPositionSeed])
    .onConflictDoNothing();
}
