import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { units } from '#server/modules/org/tables.ts';
import { communeLevel } from '#shared/org/schemas.ts';
import { enterpriseRegistrations, enterprises } from './tables.ts';

/** Registry entries for the demo enterprises (one publishes its commitment) and one registration to approve. */
export async function seedDemoEnterprises(base: Ctx) {
  const list = await base.db.select().from(units).where(eq(units.type, 'enterprise'));
  for (const [i, u] of list.entries())
    await base.db
      .insert(enterprises)
      .values({
        unitId: u.id,
        taxCode: `31000000${String(i + 10).padStart(2, '0')}`,
        sector: 'Cấp nước, xử lý nước thải',
        size: 'medium',
        address: 'Tỉnh Sơn Hà',
        commitment:
          i === 0
            ? 'Công ty cam kết không đưa, không nhận hối lộ; công khai quy tắc ứng xử với khách hàng và nhà cung cấp.'
            : null,
        listed: i === 0,
      })
      .onConflictDoNothing();
  const [commune] = await base.db
    .select()
    .from(units)
    .where(and(inArray(units.type, [...communeLevel]), eq(units.status, 'active')))
    .limit(1);
  if (commune)
    await base.db.insert(enterpriseRegistrations).values({
      taxCode: '3101234567',
      name: 'Công ty Cổ phần Xây dựng Phú An',
      sector: 'Xây dựng',
      size: 'small',
      address: `${commune.name}, Tỉnh Sơn Hà`,
      communeUnitId: commune.id,
      repName: 'Trương Văn Phú',
      repEmail: 'phu.an@congty.invalid',
      codeHash: 'demo',
      codeExpiresAt: base.clock.now(),
      status: 'verified',
    });
}
