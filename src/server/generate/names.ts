import type { Random } from './random.ts';

/** Surnames weighted roughly by their share of the population. */
const surnames: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 4],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Võ', 3],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
];
const middleMale = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Đình', 'Quang'];
const middleFemale = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Hoài', 'Minh', 'Bích', 'Mỹ', 'Phương'];
const givenMale = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quang',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
];
const givenFemale = [
  'Anh',
  'Chi',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Phương',
  'Tâm',
  'Thảo',
  'Trang',
  'Uyên',
  'Vân',
  'Yến',
];

export function personName(r: Random): string {
  const female = r.chance(0.5);
  return [
    r.weighted(surnames),
    r.pick(female ? middleFemale : middleMale),
    r.pick(female ? givenFemale : givenMale),
  ].join(' ');
}

const placeFirst = [
  'Tân',
  'Phú',
  'An',
  'Hòa',
  'Bình',
  'Thạnh',
  'Long',
  'Đông',
  'Tây',
  'Vĩnh',
  'Hưng',
  'Thuận',
  'Quang',
  'Minh',
  'Đức',
  'Phước',
  'Thạch',
  'Hồng',
  'Trường',
  'Nghĩa',
];
const placeSecond = [
  'Lập',
  'Tiến',
  'Phú',
  'Hòa',
  'Bình',
  'Sơn',
  'Hà',
  'Giang',
  'Lợi',
  'Thành',
  'Xuân',
  'Thịnh',
  'Mỹ',
  'Lộc',
  'Hải',
  'Trung',
  'Khánh',
  'Yên',
  'Phong',
  'Điền',
];

/** Distinct place names in a shuffled order; past 400 a numeral keeps them distinct. */
export function placeNames(r: Random, n: number): string[] {
  const all: string[] = [];
  for (const a of placeFirst) for (const b of placeSecond) if (a !== b) all.push(`${a} ${b}`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return Array.from({ length: n }, (_, i) => {
    const base = all[i % all.length]!;
    return i < all.length ? base : `${base} ${Math.floor(i / all.length) + 1}`;
  });
}

/** Provincial departments after the 2025 reorganisation (Decree 45/2025 shape). */
export const departmentNames = [
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Thanh tra tỉnh',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Dân tộc và Tôn giáo',
  'Sở Ngoại vụ',
  'Ban Quản lý các khu công nghiệp',
  'Ban Quản lý dự án đầu tư xây dựng',
  'Đài Phát thanh và Truyền hình',
  'Trường Cao đẳng tỉnh',
];

export const departmentSubUnits = [
  'Văn phòng',
  'Phòng Tổ chức cán bộ',
  'Phòng Kế hoạch – Tài chính',
  'Phòng Pháp chế',
  'Phòng Quản lý chuyên ngành',
  'Phòng Thanh tra – Pháp chế',
  'Phòng Quản lý đầu tư',
  'Phòng Hành chính – Tổng hợp',
  'Trung tâm Dịch vụ công',
  'Trung tâm Kiểm định',
  'Chi cục Quản lý thị trường',
  'Chi cục Phát triển nông thôn',
  'Ban Quản lý dự án',
  'Trung tâm Thông tin',
  'Phòng Cải cách hành chính',
  'Phòng Kiểm tra',
];

export const communeSubUnits = [
  'Trung tâm Phục vụ hành chính công',
  'Trường Trung học cơ sở',
  'Trường Tiểu học',
  'Trạm Y tế',
  'Trường Mầm non',
];

const businessKinds = ['Xây dựng', 'Thương mại', 'Vận tải', 'Dược phẩm', 'Nông sản', 'Môi trường', 'Cơ khí'];
export function enterpriseName(r: Random, place: string): string {
  const form = r.pick(['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã']);
  return `${form} ${r.pick(businessKinds)} ${place}`;
}

export const positionsOfficial = [
  'Chủ tịch UBND xã',
  'Phó Chủ tịch UBND xã',
  'Trưởng phòng',
  'Phó Giám đốc Sở',
  'Cán bộ địa chính',
  'Kế toán',
  'Hiệu trưởng',
  'Giám đốc Ban quản lý dự án',
  'Cán bộ một cửa',
];

const reportTemplates: Record<string, readonly string[]> = {
  bribery: ['Đòi tiền khi giải quyết hồ sơ {x}', 'Nhận tiền để bỏ qua vi phạm tại {x}'],
  embezzlement: ['Chiếm dụng kinh phí {x}', 'Sử dụng quỹ {x} sai mục đích'],
  abuse_of_power: ['Lợi dụng chức vụ trong việc {x}', 'Cấp phép trái quy định cho {x}'],
  harassment: ['Gây khó khăn khi làm thủ tục {x}', 'Hẹn nhiều lần không giải quyết hồ sơ {x}'],
  procurement: ['Dàn xếp gói thầu {x}', 'Nâng giá mua sắm {x}'],
  land_construction: [
    'Cấp giấy chứng nhận đất sai tại {x}',
    'Bồi thường giải phóng mặt bằng không đúng tại {x}',
  ],
  public_finance: ['Chi sai quy định kinh phí {x}', 'Thu phí không có căn cứ tại {x}'],
  assets_declaration: [
    'Kê khai tài sản không trung thực tại {x}',
    'Tài sản tăng thêm không giải trình tại {x}',
  ],
  conflict_of_interest: ['Cho người thân trúng thầu tại {x}', 'Bổ nhiệm người nhà tại {x}'],
  other: ['Hành vi tiêu cực tại {x}', 'Vi phạm quy tắc ứng xử tại {x}'],
};
const objects = [
  'đất đai',
  'xây dựng',
  'hộ tịch',
  'trường học',
  'trạm y tế',
  'chợ',
  'đường giao thông',
  'kênh mương',
];
const sentences = [
  'Sự việc diễn ra nhiều lần trong năm nay.',
  'Nhiều người dân trong thôn đều biết nhưng không dám nói.',
  'Tôi có giữ tin nhắn và biên nhận liên quan.',
  'Đề nghị cơ quan có thẩm quyền xác minh, làm rõ.',
  'Số tiền mỗi lần từ vài trăm nghìn đến vài triệu đồng.',
  'Hồ sơ bị trả lại nhiều lần mà không nêu lý do.',
  'Cán bộ này thường hẹn gặp ngoài giờ làm việc.',
  'Công trình xuống cấp chỉ sau vài tháng sử dụng.',
];

export function reportContent(r: Random, category: string, place: string, official: string) {
  const title = r.pick(reportTemplates[category] ?? reportTemplates.other!).replace('{x}', r.pick(objects));
  const n = r.int(2, 5);
  const description = Array.from({ length: n }, () => r.pick(sentences)).join(' ');
  return {
    title: `${title} — ${place}`,
    description,
    officials: r.chance(0.7) ? `${official}, ${r.pick(positionsOfficial)}` : null,
    when: r.chance(0.6) ? `Tháng ${r.int(1, 12)}` : null,
    where: r.chance(0.8) ? place : null,
    amountVnd: r.chance(0.4) ? r.int(1, 500) * 100_000 : null,
  };
}

export function identity(r: Random, name: string, place: string) {
  return {
    fullName: name,
    idNumber: String(r.int(100_000, 999_999)) + String(r.int(100_000, 999_999)),
    phone: `09${r.int(10_000_000, 99_999_999)}`,
    email: null,
    address: `Thôn ${r.int(1, 12)}, ${place}`,
  };
}
