import { eq, inArray } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Ctx } from '#server/context.ts';
import { sealTotpSecret } from '#server/modules/auth/service.ts';
import { modules } from '#server/modules/index.ts';
import {
  createPosition,
  createUnit,
  mergeUnits,
  splitUnit,
  updateUnitContact,
} from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { settings } from '#server/modules/system/tables.ts';
import { addGrant, createUser } from '#server/modules/users/service.ts';
import { users } from '#server/modules/users/tables.ts';
import type { DemoContext } from '#server/platform/demo.ts';
import type { Role } from '#shared/permissions.ts';
import { systemActor } from '#shared/permissions.ts';

export const DEMO_PASSWORD = 'Liem-Demo-2026!';
/** Fixed so the demo and the browser journeys can compute codes; never used outside the demo. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const DEMO_ROOT_CODE = 'SH';

const departments = [
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Thanh tra tỉnh',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Xây dựng',
  'Sở Nông nghiệp và Môi trường',
  'Sở Công Thương',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Tư pháp',
  'Sở Ngoại vụ',
  'Sở Dân tộc và Tôn giáo',
  'Ban Quản lý các khu công nghiệp',
  'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng',
  'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông',
  'Đài Phát thanh và Truyền hình tỉnh',
  'Trường Cao đẳng Sơn Hà',
  'Quỹ Đầu tư phát triển tỉnh',
  'Trung tâm Phục vụ hành chính công tỉnh',
  'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
  'Ban Quản lý Khu kinh tế cửa khẩu',
  'Trung tâm Phát triển quỹ đất tỉnh',
  'Bệnh viện Đa khoa tỉnh',
  'Trung tâm Kiểm soát bệnh tật tỉnh',
  'Chi cục Quản lý đất đai',
  'Ban Quản lý rừng phòng hộ',
  'Trung tâm Xúc tiến đầu tư, thương mại và du lịch',
  'Trung tâm Công nghệ thông tin và truyền thông',
];

const first = ['An', 'Bình', 'Hòa', 'Tân', 'Phú', 'Long', 'Mỹ', 'Vĩnh', 'Hưng', 'Phước'];
const second = ['Thạnh', 'Lợi', 'Điền', 'Khánh', 'Sơn', 'Lâm', 'Hải', 'Giang', 'Đông', 'Tây'];

/** 100 communes: the first 20 are wards, the rest communes; names are fictional. */
export function communeNames(): string[] {
  const out: string[] = [];
  for (const a of first) for (const b of second) out.push(`${out.length < 20 ? 'Phường' : 'Xã'} ${a} ${b}`);
  return out;
}

export const demoUsers: Array<{
  username: string;
  fullName: string;
  role: Role;
  unitCode: string;
  grantOn: string;
  /** A second grant on this unit alone (not its subtree). */
  alsoOn?: string;
}> = [
  {
    username: 'admin',
    fullName: 'Nguyễn Văn Quản',
    role: 'admin',
    unitCode: 'SH.VP',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'dieuphoi',
    fullName: 'Trần Thị Điều',
    role: 'coordinator',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'thutruong',
    fullName: 'Lê Văn Trưởng',
    role: 'unit_head',
    unitCode: 'SH.STC',
    grantOn: 'SH.STC',
  },
  {
    username: 'daumoi',
    fullName: 'Phạm Thị Mối',
    role: 'focal_officer',
    unitCode: 'SH.STC',
    grantOn: 'SH.STC',
  },
  {
    username: 'thamdinh',
    fullName: 'Hoàng Văn Định',
    role: 'reviewer',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'tiepnhan',
    fullName: 'Vũ Thị Nhận',
    role: 'intake_officer',
    unitCode: 'SH.TT',
    grantOn: 'SH.TT',
    // The inspectorate's desk also receives what is addressed to the province itself: an official's report
    // when a department's head is involved goes to the superior (Law Art. 66), the People's Committee.
    alsoOn: DEMO_ROOT_CODE,
  },
  {
    // The People's Committee office's desk receives the province's reports too: one about the Chief
    // Inspector's own inspectorate is kept from tiepnhan (who works there) and reaches this desk instead.
    username: 'tiepnhanvp',
    fullName: 'Mai Thị Tiếp',
    role: 'intake_officer',
    unitCode: 'SH.VP',
    grantOn: 'SH.VP',
    alsoOn: DEMO_ROOT_CODE,
  },
  {
    username: 'tiepnhanxd',
    fullName: 'Lý Văn Tiếp',
    role: 'intake_officer',
    unitCode: 'SH.SXD',
    grantOn: 'SH.SXD',
  },
  {
    username: 'giukhoa',
    fullName: 'Đặng Văn Khóa',
    role: 'custodian',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  { username: 'kekhai', fullName: 'Bùi Thị Khai', role: 'declarant', unitCode: 'SH.SXD', grantOn: 'SH.SXD' },
  {
    username: 'tochuc',
    fullName: 'Cao Thị Tổ',
    role: 'declaration_officer',
    unitCode: 'SH.SXD',
    grantOn: 'SH.SXD',
  },
  {
    username: 'kiemsoat',
    fullName: 'Lưu Văn Soát',
    role: 'asset_controller',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'thanhtra',
    fullName: 'Phan Văn Tra',
    role: 'inspector',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'chanhtt',
    fullName: 'Vương Thị Chánh',
    role: 'inspector',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
  {
    username: 'doanhnghiep',
    fullName: 'Đỗ Văn Nghiệp',
    role: 'enterprise_rep',
    unitCode: 'SH.DN.CN',
    grantOn: 'SH.DN.CN',
  },
  {
    username: 'giamsat',
    fullName: 'Ngô Thị Sát',
    role: 'auditor',
    unitCode: 'SH.TT',
    grantOn: DEMO_ROOT_CODE,
  },
];

const departmentCodes: Record<string, string> = {
  'Văn phòng Ủy ban nhân dân tỉnh': 'SH.VP',
  'Thanh tra tỉnh': 'SH.TT',
  'Sở Tài chính': 'SH.STC',
  'Sở Xây dựng': 'SH.SXD',
};

/** Written once every module's part of the demo is in: the province alone may be a start that stopped. */
const SEEDED = 'demo_seeded';

/**
 * Seeds the fictional province once; a second call finds it and does nothing. A start that stopped part-way
 * (the province is in but not every module's part: the modules seed after the province's transaction) is
 * refused with what to do, rather than served half-seeded (rev28).
 */
export async function seedDemo(base: Ctx): Promise<{ created: boolean; sampleReceipt?: string }> {
  const ctx: Ctx = { ...base, actor: systemActor };
  const [existing] = await ctx.db.select({ id: units.id }).from(units).where(eq(units.code, DEMO_ROOT_CODE));
  if (existing) {
    const [done] = await ctx.db.select().from(settings).where(eq(settings.key, SEEDED));
    if (!done) throw new DemoIncomplete();
    return { created: false };
  }

  await ctx.db.transaction(async (tx) => {
    const t = { ...ctx, db: tx };
    const province = await createUnit(t, {
      code: DEMO_ROOT_CODE,
      name: 'Tỉnh Sơn Hà',
      shortName: 'Sơn Hà',
      type: 'province',
      parentId: null,
      validFrom: '2025-07-01',
    });
    const byCode = new Map<string, string>([[DEMO_ROOT_CODE, province.id]]);
    for (const [i, name] of departments.entries()) {
      const code = departmentCodes[name] ?? `SH.D${String(i + 1).padStart(2, '0')}`;
      const u = await createUnit(t, {
        code,
        name,
        type: 'department',
        parentId: province.id,
        validFrom: '2025-07-01',
      });
      byCode.set(code, u.id);
      await createPosition(t, u.id, {
        name: 'Giám đốc / Thủ trưởng',
        isLeadership: true,
        leadershipLevel: 'head_of_agency',
        declarationDuty: false,
      });
      await createPosition(t, u.id, {
        name: 'Phó Giám đốc / Phó Thủ trưởng',
        isLeadership: true,
        leadershipLevel: 'deputy_head_of_agency',
        declarationDuty: false,
      });
      await createPosition(t, u.id, {
        name: 'Trưởng phòng',
        isLeadership: true,
        leadershipLevel: 'head_of_division',
        declarationDuty: false,
      });
      await createPosition(t, u.id, {
        name: 'Phó Trưởng phòng',
        isLeadership: true,
        leadershipLevel: 'deputy_head_of_division',
        declarationDuty: false,
      });
      await createPosition(t, u.id, { name: 'Chuyên viên', isLeadership: false, declarationDuty: false });
    }
    const communes = communeNames();
    for (const [i, name] of communes.entries()) {
      const code = `SH.X${String(i + 1).padStart(3, '0')}`;
      const u = await createUnit(t, {
        code,
        name,
        type: name.startsWith('Phường') ? 'ward' : 'commune',
        parentId: province.id,
        validFrom: '2025-07-01',
      });
      byCode.set(code, u.id);
      await createPosition(t, u.id, {
        name: 'Chủ tịch Ủy ban nhân dân',
        isLeadership: true,
        leadershipLevel: 'head_of_agency',
        declarationDuty: false,
      });
    }
    const enterprise = await createUnit(t, {
      code: 'SH.DN.CN',
      name: 'Công ty TNHH MTV Cấp nước Sơn Hà',
      type: 'enterprise',
      parentId: province.id,
      validFrom: '2010-01-01',
    });
    byCode.set('SH.DN.CN', enterprise.id);
    const inspectorate = byCode.get('SH.TT')!;
    await createUnit(t, {
      code: 'SH.TT.P1',
      name: 'Phòng Phòng, chống tham nhũng',
      type: 'sub_unit',
      parentId: inspectorate,
    });
    await createUnit(t, {
      code: 'SH.TT.P2',
      name: 'Phòng Tiếp công dân, xử lý đơn',
      type: 'sub_unit',
      parentId: inspectorate,
    });

    // Before the 2025 reform: districts split into the new communes, old communes merged.
    const oldDistricts = [
      { code: 'SH.H01', name: 'Huyện Sơn Đông', into: ['SH.X021', 'SH.X022', 'SH.X023'] },
      { code: 'SH.H02', name: 'Huyện Hà Tây', into: ['SH.X031', 'SH.X032'] },
      { code: 'SH.H03', name: 'Thị xã Bình Sơn', into: ['SH.X001', 'SH.X002', 'SH.X003'] },
    ];
    for (const d of oldDistricts) {
      const u = await createUnit(t, {
        code: d.code,
        name: d.name,
        type: 'district',
        parentId: province.id,
        validFrom: '1997-01-01',
      });
      await splitUnit(t, u.id, {
        successorIds: d.into.map((c) => byCode.get(c)!),
        effectiveDate: '2025-07-01',
        note: 'Sắp xếp đơn vị hành chính, bỏ cấp huyện',
      });
    }
    const oldCommunes = [
      { code: 'SH.XC01', name: 'Xã Tân Lập (cũ)' },
      { code: 'SH.XC02', name: 'Xã Tân Tiến (cũ)' },
    ];
    const oldIds: string[] = [];
    for (const c of oldCommunes)
      oldIds.push(
        (
          await createUnit(t, {
            code: c.code,
            name: c.name,
            type: 'commune',
            parentId: province.id,
            validFrom: '1999-01-01',
          })
        ).id,
      );
    await mergeUnits(t, {
      predecessorIds: oldIds,
      successorId: byCode.get('SH.X041')!,
      effectiveDate: '2025-07-01',
      note: 'Nhập xã',
    });

    for (const du of demoUsers) {
      const user = await createUser(
        t,
        {
          username: du.username,
          fullName: du.fullName,
          email: `${du.username}@sonha.liem.invalid`,
          unitId: byCode.get(du.unitCode)!,
          language: 'vi',
          password: DEMO_PASSWORD,
        },
        tx,
      );
      await addGrant(t, user.id, { role: du.role, unitId: byCode.get(du.grantOn)!, subtree: true }, tx);
      if (du.alsoOn)
        await addGrant(t, user.id, { role: du.role, unitId: byCode.get(du.alsoOn)!, subtree: false }, tx);
      const needsTotp = ['admin', 'coordinator', 'custodian', 'intake_officer'].includes(du.role);
      await tx
        .update(users)
        .set({
          mustChangePassword: false,
          ...(needsTotp
            ? { totpSecret: sealTotpSecret(user.id, DEMO_TOTP_SECRET), totpEnabledAt: ctx.clock.now() }
            : {}),
        })
        .where(eq(users.id, user.id));
    }
    // The two receiving bodies publish how citizens reach them outside Liêm (fictional numbers).
    await updateUnitContact(t, byCode.get('SH.TT')!, {
      address: 'Số 1 đường Trung Tâm, phường Sơn Hà, tỉnh Sơn Hà',
      phone: '0000 381 2345',
      email: 'tiepcongdan@sonha.liem.invalid',
      receptionPlace: 'Trụ sở tiếp công dân tỉnh, tầng 1, Số 1 đường Trung Tâm',
      receptionHours: 'Thứ Hai đến Thứ Sáu: 7 giờ 30 – 11 giờ 30 và 13 giờ 30 – 17 giờ',
      headReceptionSchedule: 'Chánh Thanh tra tỉnh tiếp công dân định kỳ ngày 10 và ngày 25 hằng tháng',
      version: 0,
    });
    await updateUnitContact(t, byCode.get('SH.SXD')!, {
      address: 'Số 8 đường Xây Dựng, phường Sơn Hà, tỉnh Sơn Hà',
      phone: '0000 381 6789',
      receptionHours: 'Sáng Thứ Ba và Thứ Năm hằng tuần',
      version: 0,
    });
  });
  // The plan is seeded after the tree and users exist, outside their transaction (it is large).
  const codes = [
    'SH.TT',
    'SH.STC',
    'SH.SXD',
    'SH.D03',
    'SH.D06',
    'SH.D07',
    'SH.D08',
    'SH.D09',
    'SH.X001',
    'SH.X010',
    'SH.X021',
    'SH.X050',
  ];
  const rows = await ctx.db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.code, [DEMO_ROOT_CODE, ...codes]));
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  const leadCodes = codes.filter((c) => idOf.has(c));
  const demo: DemoContext = {
    ctx,
    password: DEMO_PASSWORD,
    root: { id: idOf.get(DEMO_ROOT_CODE)!, code: DEMO_ROOT_CODE },
    leadCodes,
    leadIds: leadCodes.map((c) => idOf.get(c)!),
  };
  // Each module seeds its own part, in the modules' list order (plans before the reports that cite them…).
  let sampleReceipt: string | undefined;
  for (const m of modules) sampleReceipt = (await m.demo?.(demo))?.sampleReceipt ?? sampleReceipt;
  await ctx.db.insert(settings).values({ key: SEEDED, value: { at: ctx.clock.now().toISOString() } });
  return { created: true, sampleReceipt };
}

export class DemoIncomplete extends Error {
  constructor() {
    super(
      'Dữ liệu demo trong cơ sở dữ liệu này chưa được tạo xong (lần chạy trước đã dừng giữa chừng). ' +
        'Xoá thư mục dữ liệu (./data, hoặc DATA_DIR) hay cơ sở dữ liệu đó rồi chạy lại `npm run demo`. / ' +
        'The demo in this database was not finished (an earlier start stopped part-way). Delete the data ' +
        'folder (./data, or DATA_DIR) or that database, then run `npm run demo` again.',
    );
  }
}

export function demoTotp(at: Date = new Date()): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET),
    digits: 6,
    period: 30,
  }).generate({ timestamp: at.getTime() });
}
